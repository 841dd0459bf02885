/**
 * How much of two versions of a text is unchanged at each end: an editor's keystroke changes a few
 * characters somewhere in the middle of a long document, and the incremental work (re-parsing,
 * re-lexing) starts from what stayed. `prefix + suffix` never exceeds the shorter text.
 */
export function unchangedEnds(before: string, after: string): { prefix: number; suffix: number } {
  const shorter = Math.min(before.length, after.length);
  const prefix = commonPrefix(before, after, shorter);
  return { prefix, suffix: commonSuffix(before, after, shorter - prefix) };
}

/** Compared a block at a time first: string comparison is native, a loop over characters is not. */
const BLOCK = 256;

export function commonPrefix(a: string, b: string, max: number): number {
  let length = 0;
  while (length + BLOCK <= max && a.slice(length, length + BLOCK) === b.slice(length, length + BLOCK)) length += BLOCK;
  while (length < max && a.charCodeAt(length) === b.charCodeAt(length)) length++;
  return length;
}

export function commonSuffix(a: string, b: string, max: number): number {
  let length = 0;
  while (
    length + BLOCK <= max &&
    a.slice(a.length - length - BLOCK, a.length - length) === b.slice(b.length - length - BLOCK, b.length - length)
  ) {
    length += BLOCK;
  }
  while (length < max && a.charCodeAt(a.length - 1 - length) === b.charCodeAt(b.length - 1 - length)) length++;
  return length;
}
