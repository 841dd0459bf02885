import { FLOW_LIMITS, taintRule } from './taintRule';

export const aip403 = taintRule({
  sources: 'llm',
  sink: 'sql',
  triggers: [
    'execute',
    'executescript',
    'exec_driver_sql',
    'read_sql',
    '.sql(',
    '.run(',
    'text(',
    '.query(',
    '.raw(',
    'RawUnsafe',
    '.exec(',
    '.prepare(',
    '.unsafe(',
    '.all(',
    'duckdb',
  ],
  meta: {
    id: 'AIP403',
    name: 'llm-output-to-sql',
    title: 'LLM output run as SQL',
    explanation:
      "Text-to-SQL and SQL agents run what the model writes. The model's answer follows its context, so a prompt injection in a question, a document or a table value can make it write `DROP TABLE`, read other tenants' rows or exfiltrate data. Passing model output to `cursor.execute`, `sqlalchemy.text`, `pd.read_sql`, `db.run`, `knex.raw`, `$queryRawUnsafe` or a driver's `query` runs that SQL with the application's database rights.",
    remediation:
      'Run generated SQL only through a read-only database user limited to the tables it needs, with row-level security for multi-tenant data and a statement timeout. Parse and allow-list the statement (a single `SELECT`, known tables) before running it, or let the model fill parameters of queries you wrote (`cursor.execute(SQL, params)`).',
    owasp: ['LLM05:2025', 'LLM06:2025'],
    cwe: ['CWE-89'],
    atlas: ['AML.T0050', 'AML.T0053'],
    defaultSeverity: 'warning',
    securitySeverity: 8.0,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'javascript', 'typescript', 'tsx'],
    fixable: false,
    messages: {
      flow: '{source} {where} reaches {sink}: the model writes this SQL, and prompt injection can make it read or change any data the connection may. Use a read-only user, allow-list the statement, or fill parameters of queries you wrote.',
    },
    references: [
      { title: 'OWASP LLM05:2025 Improper Output Handling', url: 'https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/' },
      { title: 'LangChain: SQL Q&A security note', url: 'https://python.langchain.com/docs/tutorials/sql_qa/#security-note' },
    ],
    limits: [
      ...FLOW_LIMITS,
      'Method sinks (`execute`, `query`, `run`, …) count only in files that import a SQL library; a connection passed in from another module with no such import is not recognised.',
      'SQL run inside framework chains (`SQLDatabaseChain`, `create_sql_agent`) is not a flow in your code; those chains are other rules.',
    ],
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'sql = llm.invoke(f"Write SQL for: {question}").content\nrows = cursor.execute(sql).fetchall()',
      good: 'sql = llm.invoke(f"Write SQL for: {question}").content\nrows = readonly_cursor.execute(check_single_select(sql)).fetchall()',
    },
  },
});
