import { describeHiddenRun, findHiddenRuns, type HiddenRun } from '../text/hiddenUnicode';
import type { RuleContext } from './rule';

/**
 * How AIP303, AIP606 and AIP607 report hidden characters: one finding per run of adjacent hidden
 * characters, the Tag-encoded text decoded into the message, and a fix that deletes the run.
 * Removing characters nobody can see changes nothing a reader meant, so the fix is safe.
 */

/** Message templates every hidden-character rule carries, so their wording is the same. */
export const HIDDEN_CHARACTER_MESSAGES = {
  hiddenTags:
    '{count} invisible Unicode Tag character(s) in {where} spell out hidden text a model reads but a reviewer does not see: "{hidden}". Remove them.',
  hiddenCharacters: '{count} invisible character(s) in {where}: {what}. They can hide or reorder instructions a model reads; remove them.',
};

/** Reports the hidden runs of `text`, which starts at `offset` in the file (a description inside source code). */
export function reportHiddenRuns(
  context: RuleContext,
  text: string,
  where: string,
  offset = 0,
  keep: (run: HiddenRun) => boolean = () => true,
): HiddenRun[] {
  const runs = findHiddenRuns(text).filter(keep);
  for (const run of runs) {
    const range = context.lines.rangeOf(offset + run.start, offset + run.end);
    const { count, what, hidden } = describeHiddenRun(run);
    context.report({
      at: range,
      ...(hidden !== undefined
        ? { messageId: 'hiddenTags', data: { count, where, hidden } }
        : { messageId: 'hiddenCharacters', data: { count, where, what } }),
      // The flagged text is invisible; its code points identify the finding.
      fingerprintText: run.codePoints.map((codePoint) => codePoint.toString(16)).join(' '),
      fix: { title: 'Remove the hidden characters', edits: [{ range, newText: '' }], applicability: 'safe' },
    });
  }
  return runs;
}
