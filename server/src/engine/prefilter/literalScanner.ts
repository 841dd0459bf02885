import commonGrams from '../data/common-grams.json';

/**
 * Finds which of many ASCII literals occur in a text, in one pass, at memory speed.
 *
 * A regular expression alternation of a few hundred words runs at ~50 MB/s in V8, because it
 * tries the alternatives at every position. This scanner rolls a window over the case-folded
 * bytes and looks each window up in a bitset: one table lookup per byte, and a full comparison
 * only where the bitset says a literal may end. Each literal is anchored on its *rarest* four-byte
 * gram (`_rem` in `trust_remote_code`, not the common `trus`), so ordinary code rarely reaches the
 * comparison. It reads UTF-8 bytes directly, so a file that matches nothing is never decoded.
 *
 * Literals are compared without case; a case-sensitive literal is confirmed against the original
 * bytes. Literals need at least four bytes: give a short word its context instead (`'ai'` with its
 * quotes, `import jax`), which is also more selective.
 */

const FOLD = new Uint8Array(256);
for (let byte = 0; byte < 256; byte++) FOLD[byte] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;

/** What a string's non-ASCII code unit counts as: a byte no (ASCII) literal contains. */
const NON_ASCII = 0x80;

/** UTF-8 bytes, or a string read by code units. */
type Source = Uint8Array | string;

/** Rough frequency of a character in source code and prose; anchors avoid frequent grams. */
const COMMON = ' etaoinsrlhdcum.(),=\n:_"\'pfgbyw';

/** Small enough to stay in the processor's cache (32 KB each), large enough to keep false hits rare. */
const TABLE_BITS = 18;

export interface LiteralSpec {
  text: string;
  caseSensitive: boolean;
  /** Only where no letter, digit or `_` comes right before (`pipeline(`, not `make_pipeline(`). */
  wordStart?: boolean;
}

interface Entry {
  id: number;
  /** Where the anchor gram ends inside the literal. */
  anchorEnd: number;
  bytes: Uint8Array;
  folded: Uint8Array;
  caseSensitive: boolean;
  wordStart: boolean;
}

export class LiteralScanner {
  private readonly gramBits = new Uint32Array((1 << TABLE_BITS) >>> 5);
  /** The literals anchored on each gram slot (most slots have none). */
  private readonly byGram: (Entry[] | undefined)[] = new Array(1 << TABLE_BITS);
  /** Per scan: 1 for the slots whose literals are all found already (reset before the scan returns). */
  private readonly settled = new Uint8Array(1 << TABLE_BITS);

  constructor(readonly literals: readonly LiteralSpec[]) {
    for (const [id, literal] of literals.entries()) this.add(literal, id);
  }

  /** Ids of the literals found in UTF-8 (or other ASCII-compatible) bytes. */
  scanBytes(bytes: Uint8Array): Set<number> {
    const found = new Set<number>();
    const { gramBits, settled } = this;
    const settledNow: number[] = [];
    const length = bytes.length;
    let window = 0;
    for (let i = 0; i < length; i++) {
      window = (window << 8) | FOLD[bytes[i]];
      const gram = Math.imul(window, 0x9e3779b1) >>> (32 - TABLE_BITS);
      if ((gramBits[gram >>> 5] & (1 << (gram & 31))) === 0 || i < 3 || settled[gram] === 1) continue;
      if (this.hit(bytes, i + 1, gram, found)) settledNow.push(gram);
    }
    for (const gram of settledNow) settled[gram] = 0;
    return found;
  }

  /**
   * Ids of the literals found in a string (an open editor buffer, a decoded UTF-16 file), read as
   * UTF-16 code units: the literals are ASCII, so a non-ASCII unit (one byte here, several in UTF-8)
   * never takes part in a match, and the ids are those `scanBytes` gives for the UTF-8 bytes. No
   * encoded copy of a large buffer is made on every keystroke.
   */
  scanText(text: string): Set<number> {
    const found = new Set<number>();
    const { gramBits, settled } = this;
    const settledNow: number[] = [];
    const length = text.length;
    let window = 0;
    for (let i = 0; i < length; i++) {
      const unit = text.charCodeAt(i);
      window = (window << 8) | (unit < 0x80 ? FOLD[unit] : NON_ASCII);
      const gram = Math.imul(window, 0x9e3779b1) >>> (32 - TABLE_BITS);
      if ((gramBits[gram >>> 5] & (1 << (gram & 31))) === 0 || i < 3 || settled[gram] === 1) continue;
      if (this.hit(text, i + 1, gram, found)) settledNow.push(gram);
    }
    for (const gram of settledNow) settled[gram] = 0;
    return found;
  }

  /**
   * A window hit the bitset: compares the slot's literals in place. True when every literal of the
   * slot is now found, so later hits on it need no comparison in this scan (`image` in a diffusion
   * library hits the same slot thousands of times); the caller resets those slots before returning.
   */
  private hit(source: Source, windowEnd: number, gram: number, found: Set<number>): boolean {
    const entries = this.byGram[gram];
    if (!entries || !this.confirm(source, windowEnd, entries, found)) return false;
    this.settled[gram] = 1;
    return true;
  }

  private add(literal: LiteralSpec, id: number): void {
    const bytes = Buffer.from(literal.text, 'latin1');
    if (bytes.length < 4 || /[^\x20-\x7e]/.test(literal.text)) {
      throw new Error(`prefilter literal must be printable ASCII of at least 4 characters: ${JSON.stringify(literal.text)}`);
    }
    const folded = bytes.map((byte) => FOLD[byte]);
    const anchorEnd = rarestGramEnd(folded);
    const gram = hashGram(
      (folded[anchorEnd - 4] << 24) | (folded[anchorEnd - 3] << 16) | (folded[anchorEnd - 2] << 8) | folded[anchorEnd - 1],
    );
    this.gramBits[gram >>> 5] |= 1 << (gram & 31);
    const entry = { id, anchorEnd, bytes, folded, caseSensitive: literal.caseSensitive, wordStart: literal.wordStart === true };
    const slot = this.byGram[gram];
    if (slot) slot.push(entry);
    else this.byGram[gram] = [entry];
  }

  /** `windowEnd` is the offset just past the window that hit. True when every literal of the slot is found. */
  private confirm(source: Source, windowEnd: number, entries: Entry[], found: Set<number>): boolean {
    let all = true;
    for (const entry of entries) {
      if (found.has(entry.id)) continue;
      if (this.matchesAround(source, windowEnd, entry)) found.add(entry.id);
      else all = false;
    }
    return all;
  }

  private matchesAround(source: Source, windowEnd: number, entry: Entry): boolean {
    const start = windowEnd - entry.anchorEnd;
    if (start < 0 || start + entry.bytes.length > source.length) return false;
    if (entry.wordStart && start > 0 && isWordByte(unitAt(source, start - 1))) return false;
    return matchesAt(source, start, entry);
  }
}

/** The table slot of a four-byte window (the scan loop inlines the same expression). */
function hashGram(window: number): number {
  return Math.imul(window, 0x9e3779b1) >>> (32 - TABLE_BITS);
}

/**
 * The end offset of the literal's least frequent four-byte gram: one not among the grams most
 * frequent in real code (`data/common-grams.json`) if it has one, else the least frequent of
 * those; ties go to the gram of the least common characters.
 */
function rarestGramEnd(folded: Uint8Array): number {
  let bestEnd = 4;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let end = 4; end <= folded.length; end++) {
    let score = gramFrequencyRank(folded, end - 4) * CHARACTER_SCORE_SPAN;
    for (let j = end - 4; j < end; j++) {
      const rank = COMMON.indexOf(String.fromCharCode(folded[j]));
      score += rank < 0 ? 0 : COMMON.length - rank;
    }
    if (score < bestScore) {
      bestScore = score;
      bestEnd = end;
    }
  }
  return bestEnd;
}

/** More than the largest character score of a gram, so the gram's frequency decides first. */
const CHARACTER_SCORE_SPAN = 4 * COMMON.length + 1;

let frequentGrams: Map<string, number> | undefined;

/** 0 for a gram outside the frequent list; else higher the more frequent it is. */
function gramFrequencyRank(folded: Uint8Array, start: number): number {
  frequentGrams ??= new Map(commonGrams.grams.map((gram, index) => [gram, commonGrams.grams.length - index]));
  return frequentGrams.get(String.fromCharCode(folded[start], folded[start + 1], folded[start + 2], folded[start + 3])) ?? 0;
}

function isWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f;
}

/** A byte, or a string's code unit (non-ASCII units read as one byte no literal contains). */
function unitAt(source: Source, at: number): number {
  if (typeof source !== 'string') return source[at];
  const unit = source.charCodeAt(at);
  return unit < 0x80 ? unit : NON_ASCII;
}

function matchesAt(source: Source, start: number, entry: Entry): boolean {
  const literal = entry.caseSensitive ? entry.bytes : entry.folded;
  for (let j = 0; j < literal.length; j++) {
    const unit = unitAt(source, start + j);
    const byte = entry.caseSensitive ? unit : FOLD[unit];
    if (byte !== literal[j]) return false;
  }
  return true;
}
