import { createHash } from 'node:crypto';
import * as posix from 'node:path/posix';
import type { CodeCall, CodeFacts } from '../facts';
import { positionalArg } from '../facts/loaders';
import type { Node } from '../parse/treeSitter';
import { folderOf } from '../project';
import type { CodeSite } from './codeImports';
import { promptNameStrength } from './codePrompts';
import { property } from './components';
import type { Occurrence, PartialComponent, PartialInventory, PromptFileFact } from './types';

/**
 * Prompt files loaded by code: `open(Path(__file__).parent / "prompts" / "system.md")`,
 * `fs.readFileSync(path.join(__dirname, 'prompts', 'x.md'))`, `File.ReadAllText("Prompts/x.txt")`,
 * Jinja `get_template("x.jinja2")`, LangChain `PromptTemplate.from_file` / `load_prompt`, Prompty
 * `prompty.load`. Which file a path names is a cross-file fact: the code collector emits the paths
 * the expression may resolve to, every candidate prompt file reports its hash when the scan reads
 * it (`promptFileFact`), and the merge keeps a reference only when one of its paths exists.
 */

/** Text formats a prompt is kept in. `.json` and YAML count only under a prompt folder or name. */
const PROMPT_TEXT_EXTENSIONS = /\.(?:txt|md|markdown|jinja2?|j2|prompt|prompty|tmpl|mustache|hbs|liquid)$/i;
const PROMPT_DATA_EXTENSIONS = /\.(?:json|jsonl|ya?ml)$/i;
/** Files read by build scripts and tooling, never prompts. */
const NOT_PROMPTS =
  /^(?:readme|changelog|license|licence|contributing|code_of_conduct|security|requirements[\w.-]*|notice|authors|history)(?:\.\w+)?$/i;
const PROMPTISH_PATH = /prompt|few[_-]?shot|instruction|system[_-]?message/i;
/** A path that says it holds a prompt: by its folder or name, or by a template format made for prompts. */
const PROMPT_FILE_SHAPE = new RegExp(`${PROMPTISH_PATH.source}|\\.(?:prompty?|jinja2?|j2|tmpl|mustache|hbs|liquid)$`, 'i');

/** crewAI's agent and task definitions (`role`, `goal`, `backstory`, `description`), loaded by a `@CrewBase` class. */
const CREW_CONFIG_FILES = /^(?:agents|tasks)\.ya?ml$/i;

/** Whether a workspace file may be a prompt some code loads (so the scan records its hash). */
export function isPromptFileCandidate(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (NOT_PROMPTS.test(base)) return false;
  if (CREW_CONFIG_FILES.test(base)) return true;
  if (PROMPT_TEXT_EXTENSIONS.test(base)) return true;
  return PROMPT_DATA_EXTENSIONS.test(base) && PROMPTISH_PATH.test(path);
}

/** The hash the scan keeps of a candidate prompt file it read, for references from code. */
export function promptFileFact(path: string, text: string): PromptFileFact | undefined {
  return isPromptFileCandidate(path) ? { path, sha256: createHash('sha256').update(text).digest('hex') } : undefined;
}

/**
 * The same fact from a UTF-8 file's bytes, for files no collector decodes: most candidates (every
 * Markdown file) are never decoded, and their hash equals the decoded text's (a byte-order mark aside).
 */
export function promptFileFactOfBytes(path: string, bytes: Uint8Array): PromptFileFact | undefined {
  if (!isPromptFileCandidate(path)) return undefined;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { path, sha256: createHash('sha256').update(bytes.subarray(bom)).digest('hex') };
}

// --- paths in code --------------------------------------------------------------------------------

/**
 * Where a path expression points: relative to the code file's folder (`__dirname`,
 * `Path(__file__).parent`), to a working directory we cannot know (`"prompts/x.md"`, the process's
 * folder: tried from the file's folder up to the workspace root), or to a search path (Jinja
 * loaders, package resources: matched by the path's end).
 */
interface PathValue {
  anchor: 'file' | 'fileItself' | 'relative' | 'anywhere';
  parts: string[];
  /** A file of an installed package (`importlib.resources`): shipped with the code, read on purpose. */
  resource?: boolean;
}

const MAX_DEPTH = 8;

class PathEvaluator {
  /** `params`: a loader function's parameters with the values one call passes (`load_prompt("coding_prompt")`). */
  constructor(
    private readonly facts: CodeFacts,
    private readonly params: ReadonlyMap<string, string> = new Map(),
  ) {}

  evaluate(node: Node | null | undefined, depth = 0): PathValue | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const next = (child: Node | null | undefined) => this.evaluate(child, depth + 1);
    const literal = this.facts.valueOf(node);
    if (literal !== undefined && node.type !== 'identifier') return relative(literal);
    if (this.params.size > 0 && (node.type === 'string' || node.type === 'template_string')) return this.filled(node);
    switch (node.type) {
      case 'parenthesized_expression':
        return next(node.namedChild(0));
      case 'identifier':
        return this.identifier(node, depth, literal);
      case 'binary_operator':
        // Python `Path(...) / "prompts" / "x.md"`.
        return node.childForFieldName('operator')?.text === '/'
          ? join(next(node.childForFieldName('left')), next(node.childForFieldName('right')))
          : undefined;
      case 'attribute':
      case 'member_expression':
      case 'member_access_expression':
        return this.member(node, depth);
      case 'call':
      case 'call_expression':
      case 'invocation_expression':
      case 'new_expression':
        return this.call(node, depth);
      default:
        return undefined;
    }
  }

  /** `f"{name}.md"` / `\`${name}.md\`` with every placeholder a parameter of the loader. */
  private filled(node: Node): PathValue | undefined {
    let text = node.text.replace(/^[rRbBuUfF]*("""|'''|["'`])([\s\S]*)\1$/, '$2');
    for (const child of node.namedChildren) {
      if (child?.type !== 'interpolation' && child?.type !== 'template_substitution') continue;
      const value = child.namedChild(0)?.type === 'identifier' ? this.params.get(child.namedChild(0)?.text ?? '') : undefined;
      if (value === undefined) return undefined;
      text = text.replace(child.text, value);
    }
    return relative(text);
  }

  private identifier(node: Node, depth: number, literal: string | undefined): PathValue | undefined {
    const param = this.params.get(node.text);
    if (param !== undefined) return relative(param);
    if (node.text === '__file__') return { anchor: 'fileItself', parts: [] };
    if (node.text === '__dirname') return { anchor: 'file', parts: [] };
    if (literal !== undefined) return relative(literal);
    const sources = this.facts.flow.sources(node).filter((source) => source.node.id !== node.id);
    return (sources.length === 1 ? this.evaluate(sources[0]?.node, depth + 1) : undefined) ?? promptFolderByName(node.text);
  }

  private member(node: Node, depth: number): PathValue | undefined {
    const object = node.childForFieldName('object') ?? node.childForFieldName('expression') ?? node.namedChild(0);
    const name = (node.childForFieldName('attribute') ?? node.childForFieldName('property') ?? node.childForFieldName('name'))?.text;
    if (name === 'parent') return parent(this.evaluate(object, depth + 1));
    if (name === 'dirname' && object?.text === 'import.meta') return { anchor: 'file', parts: [] };
    if (WORKING_FOLDERS.has(node.text)) return { anchor: 'relative', parts: [] };
    return promptFolderByName(name);
  }

  private call(node: Node, depth: number): PathValue | undefined {
    const call = this.facts.callAt(node);
    if (!call) return undefined;
    const next = (child: Node | null | undefined) => this.evaluate(child, depth + 1);
    const args = call.args.filter((arg) => !arg.name).map((arg) => arg.node);
    const method = call.method;
    const receiverNode = calleeObject(node);
    if (WORKING_FOLDERS.has(`${call.callee}()`)) return { anchor: 'relative', parts: [] };
    if (PATH_WRAPPERS.has(method) && args.length === 1) {
      // `Path(x)`, `str(x)`, `fileURLToPath(x)`, `os.path.abspath(x)`, `x.resolve()` keep the path.
      return next(args[0]);
    }
    if (PATH_WRAPPERS.has(method) && args.length === 0 && receiverNode) return next(receiverNode);
    if (method === 'dirname' && args.length === 1) return parent(next(args[0]));
    if (JOINS.has(method)) {
      const parts = args.map((arg) => next(arg));
      const base = method === 'joinpath' && receiverNode ? [next(receiverNode)] : [];
      return [...base, ...parts].reduce<PathValue | undefined>(
        (left, right) => (left === undefined ? right : join(left, right)),
        undefined,
      );
    }
    if (method === 'URL' && args.length === 2 && args[1]?.text === 'import.meta.url')
      return join({ anchor: 'file', parts: [] }, next(args[0]));
    // `importlib.resources.files("pkg.prompts")`: a package folder matched by the path's end (`pkg/prompts/…`);
    // `files(__package__)` names none, so only what is joined to it is matched.
    if (method === 'files' && isPackageResources(call)) return packageFolder(args[0]);
    return undefined;
  }
}

/**
 * A folder named for prompts whose value is set elsewhere (`RAGChatBase.prompts_dir / "query_fewshots.json"`,
 * a class attribute of another module): a `prompts/` folder somewhere, matched by the path's end, so a
 * folder of another name is simply not found.
 */
function promptFolderByName(name: string | undefined): PathValue | undefined {
  return name && /^_*prompts?_?(?:dir|directory|folder|path|root)$/i.test(name) ? { anchor: 'anywhere', parts: ['prompts'] } : undefined;
}

const PATH_WRAPPERS = new Set([
  'Path',
  'PurePath',
  'str',
  'abspath',
  'realpath',
  'normpath',
  'resolve',
  'absolute',
  'fileURLToPath',
  'expanduser',
]);
const JOINS = new Set(['join', 'joinpath', 'Combine', 'resolve']);
/** The process's working folder: relative to a folder we do not know. */
const WORKING_FOLDERS = new Set([
  'Path.cwd()',
  'os.getcwd()',
  'process.cwd()',
  'AppContext.BaseDirectory',
  'AppDomain.CurrentDomain.BaseDirectory',
  'Environment.CurrentDirectory',
  'Directory.GetCurrentDirectory()',
]);

/** `importlib.resources` (also `importlib_resources` and `from importlib import resources`). */
function isPackageResources(call: CodeCall): boolean {
  return !!call.origin?.startsWith('importlib') || /(?:^|\.)resources$/.test(call.callee.split('.').slice(0, -1).join('.'));
}

/** A package named by a literal (`"smolagents.prompts"`) as the folder path of its end. */
function packageFolder(node: Node | undefined): PathValue {
  const name = node?.type === 'string' ? /^["']([\w.]+)["']$/.exec(node.text)?.[1] : undefined;
  return { anchor: 'anywhere', parts: name ? name.split('.') : [], resource: true };
}

function calleeObject(node: Node): Node | undefined {
  const callee = node.childForFieldName('function') ?? node.childForFieldName('constructor');
  return callee?.childForFieldName('object') ?? callee?.childForFieldName('expression') ?? undefined;
}

function relative(text: string): PathValue | undefined {
  if (!text || text.includes('\n') || text.length > 300 || /^(?:[a-z]+:)?\/\//i.test(text)) return undefined;
  if (text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('~')) return undefined;
  return { anchor: 'relative', parts: text.split(/[\\/]+/).filter((part) => part && part !== '.') };
}

function join(left: PathValue | undefined, right: PathValue | undefined): PathValue | undefined {
  if (!left || !right || right.anchor !== 'relative') return undefined;
  const base = left.anchor === 'fileItself' ? undefined : left;
  return base ? { ...base, parts: [...base.parts, ...right.parts] } : undefined;
}

function parent(value: PathValue | undefined): PathValue | undefined {
  if (!value) return undefined;
  if (value.anchor === 'fileItself') return { anchor: 'file', parts: [] };
  return { ...value, parts: [...value.parts, '..'] };
}

// --- reads ---------------------------------------------------------------------------------------

interface PromptRead {
  /** The path expression. */
  node: Node;
  /** Loaders made for prompts (LangChain, Prompty, Semantic Kernel) need no other AI evidence. */
  promptLoader: boolean;
  /** Jinja template names are looked up in the environment's search path: matched by their end. */
  searchPath?: boolean;
  /** The package of a resource read (`read_text(package, name)`): `node` is then the name in it. */
  package?: Node;
}

/** The legacy `importlib.resources` readers, `(package, resource)`. */
const RESOURCE_READS = new Set(['read_text', 'open_text', 'read_binary', 'open_binary']);

/** Generic file reads: the path is their first argument (or, for `x.read_text()`, their receiver). */
const FILE_READS = new Set(['open', 'readFileSync', 'readFile', 'ReadAllText', 'ReadAllTextAsync', 'ReadAllLines', 'OpenText', 'file']);
const RECEIVER_READS = new Set(['read_text', 'read_bytes', 'open']);
const PROMPT_LOADERS = new Set(['from_file', 'load_prompt', 'CreateFunctionFromPromptyFile', 'CreateFunctionFromPromptYaml']);

/** Keyword arguments that name a chat template file a tokenizer or trainer renders (`chat_template_path="x.jinja"`). */
const CHAT_TEMPLATE_ARGUMENTS = new Set(['chat_template_path', 'chat_template_file']);

function readOf(call: CodeCall): PromptRead | undefined {
  const template = call.args.find((arg) => arg.name && CHAT_TEMPLATE_ARGUMENTS.has(arg.name));
  if (template) return { node: template.node, promptLoader: true };
  const first = positionalArg(call.args, 0)?.node;
  if (call.method === 'get_template' && first) return { node: first, promptLoader: false, searchPath: true };
  if (PROMPT_LOADERS.has(call.method)) {
    const path = first ?? call.args.find((arg) => arg.name === 'template_file' || arg.name === 'path')?.node;
    return path ? { node: path, promptLoader: true } : undefined;
  }
  if ((call.method === 'load' || call.method === 'execute' || call.method === 'prepare') && /^prompty\b/.test(call.callee) && first)
    return { node: first, promptLoader: true };
  // `importlib.resources.read_text("pkg.prompts", "system.md")`: a file of a package.
  const second = positionalArg(call.args, 1)?.node;
  if (RESOURCE_READS.has(call.method) && first && second && isPackageResources(call))
    return { node: second, promptLoader: false, package: first };
  const receiver = calleeObject(call.node);
  if (RECEIVER_READS.has(call.method) && receiver && !/^(?:io|codecs|os|builtins)$/.test(receiver.text)) {
    return { node: receiver, promptLoader: false };
  }
  if (FILE_READS.has(call.method) && first) return { node: first, promptLoader: false };
  return undefined;
}

/**
 * Prompt files a code file loads, as references the merge resolves. `llmCode` says the file imports
 * an LLM SDK: generic reads (`open`, `readFileSync`) count only there.
 */
export function collectPromptFileRefs(site: CodeSite, facts: CodeFacts, llmCode: boolean): PartialComponent[] {
  const components: PartialComponent[] = [];
  const evaluator = new PathEvaluator(facts);
  if (facts.language === 'python') components.push(...crewConfigRefs(site, facts));
  for (const call of facts.calls) {
    const read = readOf(call);
    if (!read) continue;
    const value = read.package ? join(packageFolder(read.package), evaluator.evaluate(read.node)) : evaluator.evaluate(read.node);
    if (!value || value.anchor === 'fileItself' || value.parts.length === 0) continue;
    // A library's own prompt files (`files("smolagents.prompts").joinpath("code_agent.yaml")`) count without an
    // LLM SDK import when their path says prompts; other generic reads only in code that calls a model.
    const written = value.parts.filter((part) => part !== '..').join('/');
    if (!read.promptLoader && !llmCode && !(value.resource && PROMPT_FILE_SHAPE.test(written))) continue;
    const anchor = read.searchPath || value.anchor === 'anywhere' ? 'anywhere' : value.anchor;
    if (!isPromptFileCandidate(written) && !(read.promptLoader && written.length > 0)) continue;
    // A generic read is a prompt by the file's name or folder, or by the name it is read into.
    if (!read.promptLoader && !read.searchPath && !PROMPT_FILE_SHAPE.test(written) && !readIntoPromptName(call.node)) continue;
    components.push(promptFileRef(site, call, written, anchor === 'anywhere' ? undefined : candidatePaths(site.path, value, anchor)));
  }
  components.push(...loaderFunctionRefs(site, facts));
  return components;
}

function promptFileRef(site: CodeSite, call: CodeCall, written: string, candidates: string[] | undefined): PartialComponent {
  return promptFileComponent(
    site,
    { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee },
    written,
    candidates,
  );
}

/** A prompt file named at `occurrence`, resolved at the end of the scan among `candidates` (or by its suffix). */
function promptFileComponent(site: CodeSite, occurrence: Occurrence, written: string, candidates: string[] | undefined): PartialComponent {
  return {
    ref: `prompt-file:${site.path}:${occurrence.line}:${written}`,
    kind: 'prompt',
    name: written,
    occurrences: [occurrence],
    properties: [],
    dependsOn: [],
    promptFile: candidates ? { candidates } : { candidates: [], suffix: written },
  };
}

/**
 * A project's own prompt loader: `def load_prompt(name): return (PROMPTS_DIR / f"{name}.md").read_text()`
 * called in the same file with a name (`load_prompt("coding_prompt")`). Each call names the file its
 * argument fills in; only paths that say they hold prompts (a `prompts/` folder, a prompt name) count,
 * so `load_config("settings")` reading `config/{name}.yaml` is no prompt.
 */
function loaderFunctionRefs(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const loaders = new Map<string, { params: string[]; reads: PromptRead[] }>();
  const allReads = facts.calls.map(readOf).filter((read): read is PromptRead => read !== undefined);
  for (const statement of allReads.length > 0 ? facts.tree.rootNode.namedChildren : []) {
    const exported = statement?.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
    const definition = exported?.type === 'decorated_definition' ? exported.childForFieldName('definition') : exported;
    if (definition?.type !== 'function_definition' && definition?.type !== 'function_declaration') continue;
    const name = definition.childForFieldName('name')?.text;
    const params = (definition.childForFieldName('parameters')?.namedChildren ?? [])
      .map((param) =>
        param?.type === 'identifier'
          ? param
          : (param?.childForFieldName('name') ?? param?.childForFieldName('pattern') ?? param?.namedChild(0)),
      )
      .filter((param): param is Node => param?.type === 'identifier')
      .map((param) => param.text);
    if (!name || params.length === 0) continue;
    const reads = allReads.filter((read) => read.node.startIndex >= definition.startIndex && read.node.endIndex <= definition.endIndex);
    if (reads.length > 0) loaders.set(name, { params, reads });
  }
  const components: PartialComponent[] = [];
  for (const call of loaders.size > 0 ? facts.calls : []) {
    const loader = call.callee === call.method ? loaders.get(call.method) : undefined;
    if (!loader) continue;
    const values = new Map<string, string>();
    loader.params.forEach((param, index) => {
      const value = positionalArg(call.args, index)?.value ?? call.args.find((arg) => arg.name === param)?.value;
      if (value !== undefined) values.set(param, value);
    });
    if (values.size === 0) continue;
    const evaluator = new PathEvaluator(facts, values);
    for (const read of loader.reads) {
      const value = evaluator.evaluate(read.node);
      if (!value || value.anchor === 'fileItself' || value.parts.length === 0) continue;
      const written = value.parts.filter((part) => part !== '..').join('/');
      if (!isPromptFileCandidate(written) || !PROMPT_FILE_SHAPE.test(written)) continue;
      components.push(
        promptFileRef(site, call, written, value.anchor === 'anywhere' ? undefined : candidatePaths(site.path, value, value.anchor)),
      );
    }
  }
  return components;
}

/** The class attributes of a crewAI `@CrewBase` class that name its YAML configs, relative to the class's module. */
const CREW_CONFIG_ATTRIBUTES = new Set(['agents_config', 'tasks_config']);

/** `@CrewBase class X: agents_config = "config/agents.yaml"`: the agents' and tasks' prompts live in those files. */
function crewConfigRefs(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  if (!facts.text.includes('CrewBase')) return components;
  for (const decorated of facts.tree.rootNode.descendantsOfType('decorated_definition')) {
    const crewBase = decorated?.namedChildren.some((child) => child?.type === 'decorator' && /^@\s*(?:\w+\.)*CrewBase$/.test(child.text));
    const body = crewBase ? decorated?.childForFieldName('definition')?.childForFieldName('body') : undefined;
    for (const statement of body?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
      const right = assignment?.childForFieldName('right');
      const value = right ? relative(facts.valueOf(right) ?? '') : undefined;
      if (!left || !CREW_CONFIG_ATTRIBUTES.has(left.text) || !value || !/\.ya?ml$/i.test(value.parts.join('/'))) continue;
      const written = value.parts.join('/');
      const occurrence: Occurrence = { path: site.path, line: site.line(left.startPosition.row), evidence: 'constant', symbol: left.text };
      components.push(
        promptFileComponent(site, occurrence, written, candidatePaths(site.path, { anchor: 'file', parts: value.parts }, 'file')),
      );
    }
  }
  return components;
}

/** Statements a read's value is bound in (`system_prompt = open(…).read()`, `const systemPrompt = readFileSync(…)`). */
const BINDERS = new Set(['assignment', 'variable_declarator', 'augmented_assignment', 'with_item', 'assignment_expression']);
const STATEMENT_ENDS = new Set(['expression_statement', 'lexical_declaration', 'block', 'module', 'program', 'function_definition']);

/** Whether the text a call reads is bound to a prompt-like name (`SYSTEM_PROMPT`, `instructions`). */
function readIntoPromptName(call: Node): boolean {
  for (let node = call.parent; node && !STATEMENT_ENDS.has(node.type); node = node.parent) {
    if (!BINDERS.has(node.type)) continue;
    const target = node.childForFieldName('left') ?? node.childForFieldName('name') ?? node.childForFieldName('alias');
    return (
      target?.type === 'identifier' && (promptNameStrength(target.text) !== undefined || /^(?:system|instructions)$/i.test(target.text))
    );
  }
  return false;
}

/** The workspace paths a path may name, nearest first: from the file's folder, or from each folder up to the root. */
function candidatePaths(codePath: string, value: PathValue, anchor: PathValue['anchor']): string[] {
  const folders: string[] = [];
  for (let folder = folderOf(codePath); ; folder = folderOf(folder)) {
    folders.push(folder);
    if (anchor === 'file' || folder === '') break;
  }
  const paths = folders.map((folder) => posix.normalize(posix.join(folder || '.', ...value.parts)));
  return [...new Set(paths.filter((path) => !path.startsWith('..') && !posix.isAbsolute(path)))];
}

// --- merge ---------------------------------------------------------------------------------------

/**
 * Turns references to prompt files into prompt components of the files that exist (with their
 * hash), and drops the others. A file already listed as a prompt by its name gains the occurrence.
 */
export function resolvePromptFileRefs(partials: PartialInventory[]): PartialInventory[] {
  const known = new Map<string, string>();
  for (const partial of partials) for (const fact of partial.promptFiles ?? []) known.set(fact.path, fact.sha256);
  if (!partials.some((partial) => partial.components.some((component) => component.promptFile))) return partials;
  const listed = new Set(partials.flatMap((partial) => partial.components.filter((c) => c.kind === 'prompt').map((c) => c.ref)));
  const renamed = new Map<string, string>();
  const resolved = partials.map((partial) => {
    if (!partial.components.some((component) => component.promptFile)) return partial;
    const components: PartialComponent[] = [];
    for (const component of partial.components) {
      if (!component.promptFile) {
        components.push(component);
        continue;
      }
      const path = existingPath(component, known);
      if (!path) continue;
      const ref = `prompt:${path}`;
      const properties = [property('prompt:loaded-by', component.occurrences[0]?.path ?? '')];
      if (!listed.has(ref)) properties.push(property('prompt:type', 'file'));
      const { promptFile: _resolved, ...rest } = component;
      renamed.set(component.ref, ref);
      components.push({ ...rest, ref, name: path, sha256: known.get(path), properties });
    }
    return { ...partial, components };
  });
  // What depended on a reference (a declarative agent on its instructions file) depends on the file.
  // Partials may be cached: components are copied, never changed in place.
  const redirect = (component: PartialComponent) =>
    component.dependsOn.some((ref) => renamed.has(ref))
      ? { ...component, dependsOn: component.dependsOn.map((ref) => renamed.get(ref) ?? ref) }
      : component;
  return renamed.size === 0 ? resolved : resolved.map((partial) => ({ ...partial, components: partial.components.map(redirect) }));
}

function existingPath(component: PartialComponent, known: Map<string, string>): string | undefined {
  const reference = component.promptFile;
  if (!reference) return undefined;
  const direct = reference.candidates.find((path) => known.has(path));
  if (direct || !reference.suffix) return direct;
  // A search-path name: the one file with that ending, nearest to the code that loads it.
  const from = folderOf(component.occurrences[0]?.path ?? '');
  const matches = [...known.keys()].filter((path) => path === reference.suffix || path.endsWith(`/${reference.suffix}`));
  return matches.sort((a, b) => sharedDepth(b, from) - sharedDepth(a, from) || a.length - b.length)[0];
}

function sharedDepth(path: string, folder: string): number {
  const a = path.split('/');
  const b = folder.split('/');
  let depth = 0;
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++;
  return depth;
}
