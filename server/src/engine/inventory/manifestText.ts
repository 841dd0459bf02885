import { type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { LineIndex } from '../text/lineIndex';

/**
 * Small helpers the manifest collectors share: 1-based line numbers for offsets, patterns and config
 * nodes, and the split of a version spec into an exact version or a range.
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

/** 1-based line where a config node is written: its key for an object member, else its value. */
export function lineOf(node: ConfigNode | undefined): number | undefined {
  const range = node?.keyRange ?? node?.range;
  return range ? range.start.line + 1 : undefined;
}

/**
 * The root of a document that must read cleanly: a lockfile with a syntax error is not trusted for
 * versions, so it yields nothing rather than a partial guess (TOML reads all or nothing anyway).
 */
export function strictRoot(text: string, format: ConfigFormat): ConfigNode | undefined {
  const document = configDocumentFor(text, format);
  return document.errors.length === 0 ? document.root : undefined;
}

const EXACT_SEMVER = /^v?\d+(?:\.\d+){1,3}(?:[-+][\w.+-]*)?$/;

/** `1.2.3` is a version; `^1.2`, `>=1.0,<2`, `~1.2`, `*` are ranges. */
export function splitVersion(spec: string | undefined): { version?: string; versionRange?: string } {
  const trimmed = spec?.trim();
  if (!trimmed || trimmed === '*' || trimmed === 'latest') return {};
  if (EXACT_SEMVER.test(trimmed)) return { version: trimmed };
  return { versionRange: trimmed };
}
