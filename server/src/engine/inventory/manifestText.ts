import { parse as parseToml } from 'smol-toml';
import { LineIndex } from '../text/lineIndex';

/**
 * Small helpers the manifest collectors share: 1-based line numbers for offsets and for the first
 * place a name appears, and the split of a version spec into an exact version or a range.
 */

export class Lines {
  private index: LineIndex | undefined;

  constructor(private readonly text: string) {}

  /** 1-based line of a UTF-16 offset. */
  at(offset: number): number {
    this.index ??= new LineIndex(this.text);
    return this.index.positionAt(offset).line + 1;
  }

  /** 1-based line of the first match of `pattern` at or after `from`, or undefined. */
  find(pattern: RegExp, from = 0): number | undefined {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    global.lastIndex = from;
    const match = global.exec(this.text);
    return match ? this.at(match.index) : undefined;
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name written inside quotes (`"openai`, `'openai>=1'`), case-insensitive, not as a prefix of a longer name. */
export function quotedName(name: string): RegExp {
  return new RegExp(`["']${escapeRegExp(name)}(?![\\w.-])`, 'i');
}

/** A name used as a key at the start of a line (`openai = "^1.0"`, `openai:`). */
export function keyName(name: string): RegExp {
  return new RegExp(`^[ \\t]*["']?${escapeRegExp(name)}["']?[ \\t]*[=:]`, 'im');
}

export type Table = Record<string, unknown>;

/** A TOML document, or undefined when the text is not valid TOML. */
export function readToml(text: string): Table | undefined {
  try {
    return parseToml(text) as Table;
  } catch {
    return undefined;
  }
}

/** A value as a table; anything else reads as an empty one, so lookups chain safely. */
export function asTable(value: unknown): Table {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
}

const EXACT_SEMVER = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.+-]*)?$/;

/** `1.2.3` is a version; `^1.2`, `>=1.0,<2`, `~1.2`, `*` are ranges. */
export function splitVersion(spec: string | undefined): { version?: string; versionRange?: string } {
  const trimmed = spec?.trim();
  if (!trimmed || trimmed === '*' || trimmed === 'latest') return {};
  if (EXACT_SEMVER.test(trimmed)) return { version: trimmed };
  return { versionRange: trimmed };
}
