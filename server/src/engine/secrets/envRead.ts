import { pythonCodeView } from '../parse/pythonCodeView';
import { pythonImports } from '../parse/pythonImports';
import type { LineIndex } from '../text/lineIndex';
import type { FileKind, Fix, TextEdit } from '../types';
import type { SecretMatch } from './detect';

/**
 * The AIP201 quick fix: the string literal holding a key becomes a read of the provider's
 * environment variable in the file's language (`os.environ["OPENAI_API_KEY"]`,
 * `process.env.OPENAI_API_KEY`, `Environment.GetEnvironmentVariable("…")`, `System.getenv("…")`,
 * `os.Getenv("…")`). Only when the key is the whole literal: a key inside a longer string
 * (`"Bearer sk-…"`) has no rewrite that keeps the code's shape, so it gets no fix.
 *
 * Unsafe: the program now needs the variable set, where it used to run as it was.
 */

const QUOTES = new Set(['"', "'", '`']);
/** A character right before the opening quote that makes it a prefixed or verbatim literal (`r"`, `@"`, `$"`). */
const LITERAL_PREFIX = /[A-Za-z0-9_@$]/;

export interface EnvReadContext {
  readonly text: string;
  readonly kind: FileKind;
  readonly lines: LineIndex;
}

export function envReadFix(source: EnvReadContext, match: SecretMatch): Fix | undefined {
  const { envVar } = match.provider;
  const literal = wholeLiteral(source.text, match);
  if (!literal) return yamlFix(source, match);
  const edit = (newText: string): TextEdit => ({ range: source.lines.rangeOf(literal.start, literal.end), newText });
  const title = `Read the key from the ${envVar} environment variable`;
  switch (source.kind) {
    case 'python': {
      const edits = [edit(`os.environ["${envVar}"]`), ...pythonImportOs(source)];
      return { title, edits, applicability: 'unsafe' };
    }
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return { title, edits: [edit(`process.env.${envVar}`)], applicability: 'unsafe' };
    case 'csharp': {
      const environment = /^\s*using\s+System\s*;/m.test(source.text) ? 'Environment' : 'System.Environment';
      return { title, edits: [edit(`${environment}.GetEnvironmentVariable("${envVar}")`)], applicability: 'unsafe' };
    }
    case 'java':
      return { title, edits: [edit(`System.getenv("${envVar}")`)], applicability: 'unsafe' };
    case 'go':
      // Without an `"os"` import the edit does not compile on its own: a person adds the import.
      return goImportsOs(source.text)
        ? { title, edits: [edit(`os.Getenv("${envVar}")`)], applicability: 'unsafe' }
        : { title: `${title} (add import "os")`, edits: [edit(`os.Getenv("${envVar}")`)], applicability: 'display-only' };
    case 'yaml':
      return yamlFix(source, match);
    default:
      return undefined;
  }
}

/** The span of the quoted literal when the key is all of it (quotes included). */
function wholeLiteral(text: string, match: SecretMatch): { start: number; end: number } | undefined {
  const quote = text[match.start - 1];
  if (!QUOTES.has(quote) || text[match.end] !== quote) return undefined;
  // `"""key"""`, `r"key"`, `@"key"`, `$"key"`: a literal this fix would break by keeping its prefix.
  const before = text[match.start - 2] ?? '';
  if (before === quote || LITERAL_PREFIX.test(before)) return undefined;
  return { start: match.start - 1, end: match.end + 1 };
}

/**
 * YAML has no variables of its own: Docker Compose, Spring and many loaders expand `${VAR}`, others
 * do not. A suggestion a person confirms for their loader (display-only), never applied in bulk.
 */
function yamlFix(source: EnvReadContext, match: SecretMatch): Fix | undefined {
  if (source.kind !== 'yaml') return undefined;
  const quoted = wholeLiteral(source.text, match);
  const line = source.lines.lineText(source.lines.positionAt(match.start).line);
  const unquotedValue = new RegExp(`:\\s+${escapeRegExp(match.value)}\\s*(?:#.*)?$`).test(line);
  if (!quoted && !unquotedValue) return undefined;
  const span = quoted ?? { start: match.start, end: match.end };
  const newText = quoted ? `"\${${match.provider.envVar}}"` : `\${${match.provider.envVar}}`;
  return {
    title: `Replace the key with \${${match.provider.envVar}} (where this file's loader expands environment variables)`,
    edits: [{ range: source.lines.rangeOf(span.start, span.end), newText }],
    applicability: 'display-only',
  };
}

/** `import os` before the module's first top-level import (or its first statement) when `os` is not imported yet. */
function pythonImportOs(source: EnvReadContext): TextEdit[] {
  const view = pythonCodeView(source.text);
  const imports = pythonImports(view);
  if (imports.some((entry) => entry.module === 'os')) return [];
  const topLevel = imports.filter((entry) => !/^\s/.test(source.lines.lineText(entry.row)));
  const row = topLevel.length > 0 ? Math.min(...topLevel.map((entry) => entry.row)) : firstStatementRow(view, source.lines);
  const at = source.lines.lineStart(row);
  return [{ range: source.lines.rangeOf(at, at), newText: 'import os\n' }];
}

/** The first line with code (the code view has comments and the docstring blanked), skipping `from __future__`. */
function firstStatementRow(view: string, lines: LineIndex): number {
  const viewLines = view.split('\n');
  let row = viewLines.findIndex((line) => line.trim() !== '');
  while (row >= 0 && /^from\s+__future__\s/.test(viewLines[row])) row++;
  return row < 0 ? Math.min(lines.lineCount - 1, 0) : row;
}

function goImportsOs(text: string): boolean {
  return /^\s*(?:import\s+)?(?:[\w.]+\s+)?"os"\s*$/m.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
