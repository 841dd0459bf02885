import type { SinkKind, SourceKind } from './types';

/**
 * Sources, sinks and sanitisers as data. Names are qualified through imports (`subprocess.run`,
 * `child_process` + `exec`); the languages' modules read these tables and never list names
 * themselves.
 */

// ---------------------------------------------------------------------------------------------
// Sources

/** Fields of an HTTP request object that hold what the client sent (Flask, Django, FastAPI/Starlette). */
export const PY_REQUEST_FIELDS = new Set([
  'args',
  'form',
  'json',
  'get_json',
  'data',
  'get_data',
  'values',
  'files',
  'GET',
  'POST',
  'FILES',
  'body',
  'query_params',
  'path_params',
  'headers',
  'cookies',
  'query_string',
  'form_data',
]);

/** Names an HTTP request object goes by in Python handlers. */
export const PY_REQUEST_NAMES = new Set(['request', 'req']);

/**
 * UI widgets whose return value is what the person typed (Streamlit). Streamlit re-runs the script
 * on every interaction, so the value is live user input wherever it flows.
 */
export const PY_UI_INPUT_CALLS = new Set(['streamlit.text_input', 'streamlit.text_area', 'streamlit.chat_input']);

/** Decorator methods that register a route; the decorated function's parameters are request data. */
export const PY_ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'api_route', 'websocket']);

/** Parameters of a route function that are not request data (injected services, the app). */
export const PY_ROUTE_NON_DATA = /^(self|cls|db|session|background_tasks|current_user|user|settings|app)$/;

/** Fields of an HTTP request object in JavaScript frameworks (Express, Next.js, Koa, Hono). */
export const JS_REQUEST_FIELDS = new Set([
  'body',
  'query',
  'params',
  'headers',
  'cookies',
  'json',
  'formData',
  'text',
  'url',
  'nextUrl',
  'param',
  'queries',
  'parseBody',
  'file',
  'files',
  'querystring',
]);

/** What the request object is called: `req`, `request`, Koa's `ctx.request`, Hono's `c.req`. */
export const JS_REQUEST_NAMES = /^(?:req|request|(?:ctx|context|c)\.(?:req|request))$/;

/** Koa's context exposes the query and route parameters directly (`ctx.query`, `ctx.params`). */
export const JS_CONTEXT_NAMES = new Set(['ctx', 'context']);
export const JS_CONTEXT_FIELDS = new Set(['query', 'params', 'querystring', 'headers']);

/** LLM calls by the end of the callee as written: the SDK surfaces whose return value is model output. */
export const LLM_CALLEE_SUFFIXES = [
  'chat.completions.create',
  'chat.completions.parse',
  // The pre-1.0 OpenAI SDK, still common in examples.
  'ChatCompletion.create',
  'ChatCompletion.acreate',
  'Completion.create',
  'chat.completions.stream',
  'beta.chat.completions.parse',
  'completions.create',
  'responses.create',
  'responses.parse',
  'messages.create',
  'messages.stream',
  'chat.complete',
  'chat.complete_async',
  'models.generate_content',
  'models.generateContent',
  'aio.models.generate_content',
];

/** LLM methods whose name alone is specific enough on any receiver. */
export const LLM_METHODS = new Set([
  'generate_content',
  'generate_content_async',
  'generateContent',
  'send_message',
  'sendMessage',
  'converse',
  'invoke_model',
  'kickoff',
  'kickoff_async',
]);

/** LLM functions by qualified name (Python) or module + export (JavaScript). */
export const LLM_FUNCTIONS = new Set([
  'litellm.completion',
  'litellm.acompletion',
  'litellm.text_completion',
  'ollama.chat',
  'ollama.generate',
  'agents.Runner.run',
  'agents.Runner.run_sync',
  'agents.Runner.run_streamed',
  'ai:generateText',
  'ai:streamText',
  'ai:generateObject',
  'ai:streamObject',
  'ollama:chat',
  'ollama:generate',
  '@openai/agents:run',
]);

/** Framework calls whose result is model output when the file imports the framework (`chain.invoke`). */
export const FRAMEWORK_LLM_METHODS: { packages: RegExp; methods: Set<string>; receiver?: RegExp }[] = [
  { packages: /^(langchain|langgraph|@langchain\/)/, methods: new Set(['invoke', 'ainvoke', 'predict', 'apredict', 'batch']) },
  {
    packages: /^(langchain|langgraph|crewai|autogen|smolagents|@langchain\/)/,
    methods: new Set(['run', 'arun', 'call']),
    receiver: /(chain|agent|executor|llm|crew|graph|model)$/i,
  },
  {
    packages: /^llama_index|^llamaindex/,
    methods: new Set(['query', 'aquery', 'chat', 'achat', 'complete', 'acomplete']),
    receiver: /(engine|index|llm|agent|chat|retriever|model)$/i,
  },
  { packages: /^ollama/, methods: new Set(['chat', 'generate']) },
  { packages: /^(cohere|mistralai|groq|together|openai)$/, methods: new Set(['chat']), receiver: /^(co|client|cohere|mistral|groq)$/ },
];

/**
 * Names of LLM SDKs and frameworks, one of which a file must mention for a data-flow rule to parse it:
 * model output comes from them, and system prompts are built for them.
 */
export const LLM_PACKAGE_LITERALS = [
  'openai',
  'OpenAI',
  'anthropic',
  'Anthropic',
  'genai',
  'generativeai',
  'vertexai',
  'litellm',
  'ollama',
  'langchain',
  'langgraph',
  'llama_index',
  'llamaindex',
  "from 'ai'",
  'from "ai"',
  "require('ai')",
  '@ai-sdk',
  'bedrock',
  'mistralai',
  'cohere',
  'groq',
  'crewai',
  'autogen',
  'smolagents',
  'agents',
  // The SDK surfaces themselves, for files that get their client from a helper module.
  'completions.create',
  'messages.create',
  'responses.create',
  'generate_content',
  'generateContent',
];

/** Literals a function must contain to possibly read a source of the kind (the speed gate). */
export const SOURCE_TRIGGERS: Record<SourceKind, readonly string[]> = {
  user: [
    'request',
    'req.',
    'req:',
    'argv',
    'input(',
    'text_area(',
    'ctx.',
    'c.req',
    'formData',
    '.route(',
    '.get(',
    '.post(',
    '.put(',
    '.patch(',
    '.delete(',
    '.websocket(',
    '.api_route(',
  ],
  llm: [
    'create(',
    'parse(',
    'stream(',
    'complete(',
    'generate_content',
    'generateContent',
    'generateText',
    'streamText',
    'generateObject',
    'streamObject',
    'send_message',
    'sendMessage',
    'invoke(',
    'predict(',
    'completion(',
    'chat(',
    'generate(',
    'query(',
    'run(',
    'run_sync(',
    'run_streamed(',
    'batch(',
    'converse(',
    'invoke_model(',
    'kickoff(',
  ],
};

// ---------------------------------------------------------------------------------------------
// Sanitisers and propagators

/** Calls that make a value safe for every sink: numbers, booleans, lengths. */
export const PY_UNIVERSAL_SANITIZERS = new Set(['int', 'float', 'bool', 'len', 'uuid.UUID', 'hash', 'round', 'abs']);
export const JS_UNIVERSAL_SANITIZERS = new Set(['parseInt', 'parseFloat', 'Number', 'Boolean', 'Math.floor', 'Math.round']);

/** Sanitisers by sink (qualified names). */
export const PY_SANITIZERS: Partial<Record<SinkKind, Set<string>>> = {
  html: new Set([
    'html.escape',
    'markupsafe.escape',
    'flask.escape',
    'jinja2.escape',
    'bleach.clean',
    'nh3.clean',
    'django.utils.html.escape',
    'django.utils.html.strip_tags',
    'cgi.escape',
  ]),
  shell: new Set(['shlex.quote', 'pipes.quote']),
  request: new Set(['urllib.parse.quote', 'urllib.parse.quote_plus', 'os.path.basename', 'werkzeug.utils.secure_filename']),
};

export const JS_SANITIZERS: Partial<Record<SinkKind, RegExp>> = {
  html: /^(DOMPurify\.sanitize|purify\.sanitize|dompurify\.sanitize|sanitizeHtml|sanitize|xss|filterXSS|escapeHtml|escape|he\.encode|he\.escape|_\.escape|validator\.escape)$/,
  shell: /^(shellEscape|shellQuote\.quote|quote)$/,
  request: /^(encodeURIComponent|path\.basename|basename)$/,
};

/** Functions whose result carries their arguments' data (Python, qualified). */
export const PY_PROPAGATORS = new Set([
  'str',
  'repr',
  'json.loads',
  'json.dumps',
  'ast.literal_eval',
  'textwrap.dedent',
  'textwrap.indent',
  'os.path.join',
  'urllib.parse.urljoin',
  'pathlib.Path',
  'Path',
  'markdown.markdown',
  'markdown2.markdown',
  'shlex.split',
  'dict',
  'list',
  'tuple',
  'sorted',
  'reversed',
  'yaml.safe_load',
  'sqlalchemy.text',
]);

/** Functions whose result carries their arguments' data (JavaScript, callee as written). */
export const JS_PROPAGATORS =
  /^(String|JSON\.parse|JSON\.stringify|marked|marked\.parse|marked\.parseInline|md\.render|markdownIt\.render|converter\.makeHtml|path\.join|path\.resolve|join|resolve|Array\.from|Object\.values|Object\.entries|decodeURIComponent|decodeURI|Buffer\.from)$/;

/** Methods that put their arguments into the collection they are called on (`lines.append(text)`). */
export const COLLECTION_MUTATORS = new Set([
  'append',
  'extend',
  'insert',
  'add',
  'update',
  'push',
  'unshift',
  'set',
  'setdefault',
  'write',
]);

/** String methods that take data from their arguments as well as from their receiver. */
export const ARGUMENT_METHODS = new Set([
  'format',
  'format_map',
  'join',
  'replace',
  'concat',
  'append',
  'extend',
  'add',
  'push',
  'update',
  // Pydantic and zod parse the model's text into an object that still carries it.
  'model_validate_json',
  'model_validate',
  'parse_raw',
  'parse_obj',
  'parse',
  'safeParse',
]);

// ---------------------------------------------------------------------------------------------
// Sinks

/** Python sinks by qualified callee; the value position is the argument index (or keyword). */
export interface CallSink {
  names: ReadonlySet<string>;
  position: number;
  keyword?: string;
}

export const PY_CALL_SINKS: Partial<Record<SinkKind, CallSink[]>> = {
  code: [{ names: new Set(['eval', 'exec', 'compile', 'builtins.eval', 'builtins.exec']), position: 0, keyword: 'source' }],
  shell: [
    {
      names: new Set([
        'os.system',
        'os.popen',
        'subprocess.run',
        'subprocess.call',
        'subprocess.check_call',
        'subprocess.check_output',
        'subprocess.Popen',
        'subprocess.getoutput',
        'subprocess.getstatusoutput',
        'pty.spawn',
        'commands.getoutput',
        'asyncio.create_subprocess_shell',
        'asyncio.create_subprocess_exec',
      ]),
      position: 0,
      keyword: 'args',
    },
  ],
  sql: [
    { names: new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'duckdb.sql', 'duckdb.query']), position: 0 },
    { names: new Set(['pandas.read_sql', 'pandas.read_sql_query']), position: 0, keyword: 'sql' },
  ],
  html: [
    {
      names: new Set([
        'markupsafe.Markup',
        'flask.Markup',
        'jinja2.Markup',
        'django.utils.safestring.mark_safe',
        'flask.render_template_string',
        'fastapi.responses.HTMLResponse',
        'starlette.responses.HTMLResponse',
        'streamlit.html',
      ]),
      position: 0,
      keyword: 'content',
    },
  ],
  request: [
    {
      names: new Set(
        ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'stream']
          .flatMap((m) => [`requests.${m}`, `httpx.${m}`])
          .concat(['urllib.request.urlopen', 'urllib.request.Request', 'urllib.request.urlretrieve']),
      ),
      position: 0,
      keyword: 'url',
    },
    { names: new Set(['requests.request', 'httpx.request']), position: 1, keyword: 'url' },
  ],
};

/** Methods that run SQL on a connection, cursor, session or engine (only in files that import a SQL library). */
export const PY_SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'exec_driver_sql', 'read_sql', 'sql', 'run']);
/** What a database handle is called (the receiver of `execute`/`query`/`run`), checked on its last name. */
export const SQL_RECEIVERS =
  /(cursor|cur|conn|connection|con|db|database|session|engine|sql|duckdb|spark|client|pool|tx|trx|knex|sequelize|prisma)$/i;

export const PY_SQL_MODULES =
  /^(sqlite3|psycopg|psycopg2|pymysql|MySQLdb|mysql|sqlalchemy|duckdb|snowflake|pyodbc|cx_Oracle|oracledb|asyncpg|aiosqlite|databases|pyspark|clickhouse_connect|langchain_community\.utilities|langchain\.sql_database|langchain_community\.utilities\.sql_database|langchain\.utilities)/;

/** JavaScript sinks by module and export (`child_process:exec`) or global callee. */
export const JS_CALL_SINKS: Partial<Record<SinkKind, { names: RegExp; positions: number[] }[]>> = {
  code: [
    { names: /^(eval|globalThis\.eval|window\.eval)$/, positions: [0] },
    { names: /^(vm|node:vm):(runInNewContext|runInThisContext|runInContext|compileFunction|Script)$/, positions: [0] },
  ],
  shell: [
    { names: /^(child_process|node:child_process):(exec|execSync|spawn|spawnSync|execFile|execFileSync)$/, positions: [0, 1] },
    { names: /^(execa|zx|shelljs):/, positions: [0] },
  ],
  request: [
    { names: /^(fetch|globalThis\.fetch|window\.fetch)$/, positions: [0] },
    { names: /^(axios|got|ky|node-fetch|undici):/, positions: [0] },
    {
      names:
        /^(fs|node:fs|fs\/promises|node:fs\/promises|fs-extra):(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|outputFile|outputFileSync|rm|rmSync|unlink|unlinkSync)$/,
      positions: [0],
    },
  ],
};

/** JavaScript SQL methods (only in files that import a SQL client) and the always-unsafe Prisma ones. */
export const JS_SQL_METHODS = new Set(['query', 'raw', 'execute', 'exec', 'prepare', 'unsafe', 'all', 'run']);
export const JS_UNSAFE_SQL_METHODS = new Set(['$queryRawUnsafe', '$executeRawUnsafe']);
export const JS_SQL_MODULES =
  /^(pg|mysql|mysql2|mysql2\/promise|sqlite3|better-sqlite3|knex|sequelize|@prisma\/client|postgres|@neondatabase\/serverless|@vercel\/postgres|duckdb|@libsql\/client|@planetscale\/database|mssql|oracledb|tedious)$/;

/** DOM properties and methods that parse HTML. */
export const JS_HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML']);
export const JS_HTML_METHODS: Record<string, number> = { insertAdjacentHTML: 1, write: 0, writeln: 0 };

/**
 * An argument-vector element that sets a named option (`--max=${n}`, `f"--author={name}"`): the
 * value cannot become another option or a command, so it does not carry a shell injection.
 */
export const OPTION_ASSIGNMENT = /^-{1,2}[A-Za-z][\w-]*=/;
