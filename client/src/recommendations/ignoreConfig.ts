/**
 * "Ignore…" from the Recommendations view: an `ignore` entry `{rule, paths?, reason, until?}` added
 * to a workspace's `.ai-posture.json`, written with `jsonc-parser` so the file's comments and
 * formatting stay as they are and only the new entry is laid out. No `vscode` import: mocha tests it.
 */
import * as path from 'node:path';
import { applyEdits, type FormattingOptions, format, modify, type ParseError, parse } from 'jsonc-parser';

export const CONFIG_FILE_NAME = '.ai-posture.json';

export interface IgnoreEntry {
  rule: string;
  /** Gitignore patterns relative to the workspace folder; the whole folder when absent. */
  paths?: string[];
  reason: string;
  /** `YYYY-MM-DD`: the finding returns after that day. */
  until?: string;
}

export class ConfigEditError extends Error {}

/**
 * The text with `entry` appended to its `ignore` array (created when missing). `text` undefined or
 * blank means the file does not exist yet. Throws `ConfigEditError` when the file is not an object
 * of JSON with comments, or its `ignore` is not an array: the user has to fix that first.
 */
export function addIgnoreEntry(text: string | undefined, entry: IgnoreEntry): string {
  const original = text?.trim() ? text : undefined;
  const source = original ?? '{}';
  const errors: ParseError[] = [];
  const root: unknown = parse(source, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new ConfigEditError(`${CONFIG_FILE_NAME} is not a JSON object; fix it before adding an ignore entry.`);
  }
  const ignore = (root as Record<string, unknown>).ignore;
  if (ignore !== undefined && !Array.isArray(ignore)) throw new ConfigEditError(`"ignore" in ${CONFIG_FILE_NAME} is not an array.`);
  const options = formattingOf(source);
  // Inserted raw, then only the inserted span is laid out: the rest of the file keeps its formatting
  // (`modify` with formatting options would also reformat the line it inserts after).
  const edits = modify(source, ['ignore', -1], orderedEntry(entry), {});
  let result = applyEdits(source, edits);
  const [edit] = edits;
  if (edit) {
    const start = edit.offset;
    const end = start + edit.content.length;
    // One character either side, so the line breaks at both ends of the insertion are produced too.
    const layout = format(result, { offset: Math.max(0, start - 1), length: end - start + 2 }, options).filter(
      (change) => change.offset >= start && change.offset + change.length <= end,
    );
    result = applyEdits(result, layout);
  }
  return original === undefined ? `${result}${options.eol}` : result;
}

/** Keys in the order the docs show them. */
function orderedEntry(entry: IgnoreEntry): IgnoreEntry {
  return {
    rule: entry.rule,
    ...(entry.paths && entry.paths.length > 0 ? { paths: entry.paths } : {}),
    reason: entry.reason,
    ...(entry.until ? { until: entry.until } : {}),
  };
}

/** Indentation and line ends as the file already uses them; two spaces and `\n` for a new file. */
export function formattingOf(text: string): FormattingOptions & { eol: string } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text
    .split(/\r?\n/)
    .map((line) => /^([ \t]+)\S/.exec(line)?.[1])
    .filter((indent): indent is string => indent !== undefined);
  if (indents.some((indent) => indent.startsWith('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  const smallest = Math.min(...indents.map((indent) => indent.length));
  return { insertSpaces: true, tabSize: Number.isFinite(smallest) && smallest > 0 && smallest <= 8 ? smallest : 2, eol };
}

/** Undefined when fine, else what is wrong (for the input box). */
export function validateReason(value: string): string | undefined {
  return value.trim().length > 0 ? undefined : 'Say why the finding is acceptable: the reason is kept with the entry.';
}

/** Undefined when fine (empty means no expiry), else what is wrong. `today` is `YYYY-MM-DD`. */
export function validateExpiry(value: string, today: string): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return 'Use the form YYYY-MM-DD, for example 2027-01-31, or leave it empty for no expiry.';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `${text} is not a date.`;
  if (text < today) return `${text} has passed: the finding would come back at once.`;
  return undefined;
}

/** Today in the local time zone, `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A gitignore pattern (what `ignore` paths are) matching exactly one workspace-relative file:
 * anchored at the folder root, with the characters gitignore treats specially escaped.
 */
export function exactPathPattern(relativePath: string): string {
  const escaped = relativePath.replace(/[\\*?[\]!#]/g, (char) => `\\${char}`).replace(/ $/, '\\ ');
  return `/${escaped}`;
}

/**
 * The workspace folder whose configuration covers `fsPath`: the outermost one that holds it, as the
 * language server scans it (a nested folder is part of its outer folder).
 */
export function outermostFolder<T extends { fsPath: string }>(folders: readonly T[], fsPath: string): T | undefined {
  return folders.filter((folder) => isInside(folder.fsPath, fsPath)).sort((a, b) => a.fsPath.length - b.fsPath.length)[0];
}

/** `fsPath` relative to `root` with forward slashes (the form `ignore` paths use). */
export function relativePosix(root: string, fsPath: string): string {
  return path.relative(root, fsPath).split(path.sep).join('/');
}

function isInside(root: string, fsPath: string): boolean {
  const relative = path.relative(root, fsPath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Where the language server looks for the folder's configuration: the folder, then each parent.
 * The first that exists is the one to edit; none means a new file in the folder itself.
 */
export function configCandidates(root: string): string[] {
  const candidates: string[] = [];
  let dir = path.resolve(root);
  for (;;) {
    candidates.push(path.join(dir, CONFIG_FILE_NAME));
    const parent = path.dirname(dir);
    if (parent === dir) return candidates;
    dir = parent;
  }
}
