import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const ROOT = path.join(__dirname, '..', '..');

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  embeddedLanguages?: Record<string, string>;
  injectTo?: string[];
}

interface LanguageContribution {
  id: string;
  aliases?: string[];
  extensions?: string[];
  configuration?: string;
}

export interface Contributes {
  languages: LanguageContribution[];
  grammars: GrammarContribution[];
}

/** The fragment the extension's package.json `contributes` is made of: the tests load grammars the way VS Code would from it. */
export const contributes: Contributes = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', 'contributes.json'), 'utf8'));

/**
 * Real grammars of the host languages, as VS Code ships them (the `tm-grammars` package collects them),
 * so that the injection is tested against the comment rules it will meet in the editor.
 */
const HOST_GRAMMARS: Record<string, string> = {
  'source.python': 'python',
  'source.yaml': 'yaml',
  'source.shell': 'shellscript',
  'source.ts': 'typescript',
  'source.tsx': 'tsx',
  'source.js': 'javascript',
  'source.js.jsx': 'jsx',
  'source.cs': 'csharp',
  'source.java': 'java',
  'source.go': 'go',
  'source.dockerfile': 'docker',
  'source.toml': 'toml',
  'source.css': 'css',
  'text.html.markdown': 'markdown',
  'text.html.basic': 'html',
  'text.html.derivative': 'html-derivative',
};

/** Which grammar tokenises a sample file, by its name. */
export function scopeForFile(file: string): string {
  const base = path.basename(file);
  if (/^Dockerfile/.test(base)) return 'source.dockerfile';
  const byExtension: Record<string, string> = {
    '.prompty': 'source.prompty',
    '.py': 'source.python',
    '.yaml': 'source.yaml',
    '.yml': 'source.yaml',
    '.sh': 'source.shell',
    '.ts': 'source.ts',
    '.js': 'source.js',
    '.cs': 'source.cs',
    '.java': 'source.java',
    '.go': 'source.go',
    '.toml': 'source.toml',
    '.md': 'text.html.markdown',
    '.html': 'text.html.basic',
  };
  const scope = byExtension[path.extname(base)];
  if (!scope) throw new Error(`no grammar for sample ${base}`);
  return scope;
}

let onigLib: Promise<textmate.IOnigLib> | undefined;

function loadOnigLib(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

function readGrammar(scopeName: string): textmate.IRawGrammar | null {
  const own = contributes.grammars.find((grammar) => grammar.scopeName === scopeName);
  const file = own
    ? path.join(ROOT, own.path)
    : HOST_GRAMMARS[scopeName] && require.resolve(`tm-grammars/grammars/${HOST_GRAMMARS[scopeName]}.json`);
  if (!file) return null;
  return textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
}

const registries = new Map<boolean, textmate.Registry>();

async function registry(withInjections: boolean): Promise<textmate.Registry> {
  let found = registries.get(withInjections);
  if (!found) {
    found = new textmate.Registry({
      onigLib: loadOnigLib(),
      loadGrammar: async (scopeName) => readGrammar(scopeName),
      getInjections: (scopeName) =>
        withInjections
          ? contributes.grammars.filter((grammar) => grammar.injectTo?.includes(scopeName)).map((grammar) => grammar.scopeName)
          : undefined,
    });
    registries.set(withInjections, found);
  }
  return found;
}

export interface Token {
  /** 1-based line. */
  line: number;
  /** 0-based column where the token starts. */
  start: number;
  /** 0-based column just after the token. */
  end: number;
  text: string;
  scopes: string[];
}

/** Tokenises `text` with the grammar `scopeName`, as VS Code does, with or without the injection grammars. */
export async function tokenize(scopeName: string, text: string, withInjections = true): Promise<Token[]> {
  const grammar = await (await registry(withInjections)).loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} not found`);
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  text.split(/\r?\n/).forEach((lineText, index) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      // vscode-textmate reports the line's end-of-line as part of the last token: keep the text only.
      const end = Math.min(token.endIndex, lineText.length);
      if (end <= token.startIndex) continue;
      tokens.push({ line: index + 1, start: token.startIndex, end, text: lineText.slice(token.startIndex, end), scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** One line per token: `line:start-end "text" scope scope …`. */
export function formatTokens(tokens: Token[]): string {
  return tokens
    .map((token) => `${token.line}:${token.start}-${token.end} ${JSON.stringify(token.text)} ${token.scopes.join(' ')}`)
    .join('\n');
}

/** The token of `text` on `line` (1-based); fails when there is none. */
export function tokenAt(tokens: Token[], text: string, line = 1): Token {
  const token = tokens.find((candidate) => candidate.line === line && candidate.text === text);
  assert.ok(
    token,
    `no token ${JSON.stringify(text)} on line ${line}; tokens: ${JSON.stringify(tokens.filter((t) => t.line === line).map((t) => t.text))}`,
  );
  return token;
}

/** True when one of the token's scopes is `prefix` or below it. */
export function hasScope(token: Token, prefix: string): boolean {
  return token.scopes.some((scope) => scope === prefix || scope.startsWith(`${prefix}.`));
}

export function assertScope(tokens: Token[], text: string, scope: string, line = 1): void {
  const token = tokenAt(tokens, text, line);
  assert.ok(hasScope(token, scope), `${JSON.stringify(text)} on line ${line} lacks ${scope}: ${token.scopes.join(' ')}`);
}
