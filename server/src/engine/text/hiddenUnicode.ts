/**
 * Invisible, bidi-control and Unicode-Tag characters that can hide text from a reader while a model
 * still reads it ("Rules File Backdoor", ASCII smuggling). Iterates by code point, never by UTF-16
 * unit, so supplementary characters (Tags, emoji) are read whole.
 *
 * Not findings, because ordinary text needs them:
 * - a BOM at offset 0;
 * - ZWJ inside an emoji sequence (👩‍💻), and ZWJ/ZWNJ next to letters of scripts that join
 *   (Persian, Arabic, Indic);
 * - the variation selectors U+FE0E/U+FE0F after an emoji or keycap base (❤️, 1️⃣) or after the
 *   replacement character (an emoji lost in an encoding round trip), and the
 *   ideographic variation selectors after a Han character (葛󠄀);
 * - LRM/RLM next to right-to-left script;
 * - Tag characters of an emoji subdivision flag (🏴 + tags + CANCEL TAG).
 */

export interface HiddenRun {
  /** UTF-16 offsets of the run in the text (`end` exclusive). */
  start: number;
  end: number;
  /** Hidden code points of the run, in order. */
  codePoints: number[];
}

const BOM = 0xfeff;
const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const LRM = 0x200e;
const RLM = 0x200f;
const BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;

const NAMES: [number, number, string][] = [
  [0x00ad, 0x00ad, 'soft hyphen'],
  [0x115f, 0x1160, 'Hangul filler'],
  [0x180e, 0x180e, 'Mongolian vowel separator'],
  [0x200b, 0x200b, 'zero-width space'],
  [ZWNJ, ZWNJ, 'zero-width non-joiner'],
  [ZWJ, ZWJ, 'zero-width joiner'],
  [LRM, RLM, 'directional mark'],
  [0x202a, 0x202e, 'bidi embedding/override'],
  [0x2060, 0x2064, 'invisible operator/word joiner'],
  [0x2066, 0x2069, 'bidi isolate'],
  [0x3164, 0x3164, 'Hangul filler'],
  [0xfe00, 0xfe0f, 'variation selector'],
  [BOM, BOM, 'zero-width no-break space'],
  [0xffa0, 0xffa0, 'Hangul filler'],
  [0xe0000, 0xe007f, 'Unicode Tag'],
  [0xe0100, 0xe01ef, 'variation selector'],
];

/** The name of a hidden code point's class, or undefined when the code point is not in the set. */
export function hiddenCharacterName(codePoint: number): string | undefined {
  for (const [low, high, name] of NAMES) if (codePoint >= low && codePoint <= high) return name;
  return undefined;
}

/** True when a text has a character outside ASCII (only such a text can hold a hidden character). */
export function hasNonAscii(text: string): boolean {
  return /[^\p{ASCII}]/u.test(text);
}

const EMOJI = /\p{Emoji}/u;
const EMOJI_PART = /^(?:\p{Emoji}|\p{Emoji_Modifier}|\u{fe0f}|\u{20e3})$/u;
const JOINING_LETTER = /[\p{L}\p{M}]/u;
const LATIN_OR_COMMON = /[\p{Script=Latin}\p{Script=Common}]/u;
const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const HAN = /\p{Script=Han}/u;

interface Point {
  codePoint: number;
  offset: number;
  text: string;
}

/** The hidden characters of a text, grouped into runs of adjacent ones; exempt uses (see above) are left out. */
export function findHiddenRuns(text: string): HiddenRun[] {
  if (!hasNonAscii(text)) return [];
  const points: Point[] = [];
  let offset = 0;
  for (const character of text) {
    points.push({ codePoint: character.codePointAt(0) as number, offset, text: character });
    offset += character.length;
  }
  const runs: HiddenRun[] = [];
  let current: HiddenRun | undefined;
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    const hidden = hiddenCharacterName(point.codePoint) !== undefined && !isExempt(points, i);
    if (!hidden) {
      current = undefined;
      continue;
    }
    if (current && current.end === point.offset) {
      current.end += point.text.length;
      current.codePoints.push(point.codePoint);
    } else {
      current = { start: point.offset, end: point.offset + point.text.length, codePoints: [point.codePoint] };
      runs.push(current);
    }
  }
  return runs;
}

function isExempt(points: Point[], i: number): boolean {
  const { codePoint } = points[i];
  const before = points[i - 1]?.text ?? '';
  const after = points[i + 1]?.text ?? '';
  if (codePoint === BOM) return i === 0;
  if (codePoint === ZWJ && EMOJI_PART.test(before) && EMOJI.test(after) && !isAsciiDigitOrSign(before)) return true;
  if ((codePoint === ZWJ || codePoint === ZWNJ) && isJoiningLetter(before)) return true;
  // After U+FFFD the emoji itself was lost in an encoding round trip: the selector hides nothing.
  if (codePoint === 0xfe0e || codePoint === 0xfe0f) return EMOJI.test(before) || before === '\ufffd';
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return HAN.test(before);
  if (codePoint === LRM || codePoint === RLM) return RIGHT_TO_LEFT.test(before) || RIGHT_TO_LEFT.test(after);
  if (codePoint >= 0xe0000 && codePoint <= CANCEL_TAG) return inSubdivisionFlag(points, i);
  return false;
}

/** `1‍2` is not an emoji sequence even though digits have the Emoji property. */
function isAsciiDigitOrSign(text: string): boolean {
  return /^[0-9#*]$/.test(text);
}

function isJoiningLetter(text: string): boolean {
  return JOINING_LETTER.test(text) && !LATIN_OR_COMMON.test(text);
}

/** 🏴 followed by lower-case letter/digit tags and CANCEL TAG (🏴󠁧󠁢󠁳󠁣󠁴󠁿), the only standard use of Tag characters. */
function inSubdivisionFlag(points: Point[], i: number): boolean {
  let start = i;
  while (start > 0 && isTag(points[start - 1].codePoint)) start--;
  let end = i;
  while (end < points.length - 1 && isTag(points[end + 1].codePoint)) end++;
  if (points[start - 1]?.codePoint !== BLACK_FLAG || points[end].codePoint !== CANCEL_TAG) return false;
  const letters = points.slice(start, end).map((point) => String.fromCharCode(point.codePoint - 0xe0000));
  return letters.length >= 2 && letters.length <= 6 && /^[a-z0-9]+$/.test(letters.join(''));
}

function isTag(codePoint: number): boolean {
  return codePoint >= 0xe0000 && codePoint <= CANCEL_TAG;
}

/** The ASCII a run's Tag characters spell (each Tag is its ASCII character + U+E0000), or undefined when it has none. */
export function decodeTags(codePoints: readonly number[]): string | undefined {
  const ascii = codePoints
    .filter((codePoint) => codePoint >= 0xe0020 && codePoint <= 0xe007e)
    .map((codePoint) => String.fromCharCode(codePoint - 0xe0000))
    .join('');
  return ascii.length > 0 ? ascii : undefined;
}

const MAX_SHOWN = 80;

/** A run in words for a message: what it holds, and the text its Tag characters hide (truncated, single line). */
export function describeHiddenRun(run: HiddenRun): { count: number; what: string; hidden?: string } {
  const kinds = [...new Set(run.codePoints.map((codePoint) => hiddenCharacterName(codePoint) ?? 'hidden character'))];
  const what = kinds.map((kind) => `${kind} (${codePointsOf(run, kind)})`).join(', ');
  const decoded = decodeTags(run.codePoints);
  if (decoded === undefined) return { count: run.codePoints.length, what };
  const oneLine = decoded.replace(/\s+/g, ' ').trim();
  const hidden = oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN)}…` : oneLine;
  return { count: run.codePoints.length, what, hidden };
}

/** The first distinct code points of a class as `U+XXXX`. */
function codePointsOf(run: HiddenRun, kind: string): string {
  const distinct = [...new Set(run.codePoints.filter((codePoint) => hiddenCharacterName(codePoint) === kind))];
  const shown = distinct.slice(0, 3).map((codePoint) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`);
  return distinct.length > 3 ? `${shown.join(' ')} …` : shown.join(' ');
}
