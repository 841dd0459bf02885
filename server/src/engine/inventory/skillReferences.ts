import * as posix from 'node:path/posix';
import { LineIndex } from '../text/lineIndex';
import type { PartialComponent } from './types';

/**
 * Reference files of an agent skill: what `SKILL.md` tells the agent to read on demand
 * (`- [\`voice-and-tone.md\`](./voice-and-tone.md) — Brand voice…`, `see \`references/api.md\``).
 * They become part of the agent's context when the skill runs, so each is a prompt of its own. Only
 * files the skill names count, not every Markdown file of its folder, and only inside the skill's
 * folder (a link to the repository's `CONTRIBUTING.md` is documentation). Each name is a reference
 * the merge keeps only when the file exists (`promptFiles.ts`), with that file's hash.
 */
export function skillReferences(skillPath: string, text: string): PartialComponent[] {
  const folder = posix.dirname(skillPath);
  const lines = new LineIndex(text);
  const seen = new Set<string>();
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const written = match[1] ?? match[2];
    if (!written || match.index === undefined) continue;
    const target = referencedPath(folder, written);
    if (!target || seen.has(target)) continue;
    seen.add(target);
    const line = lines.positionAt(match.index).line + 1;
    components.push({
      ref: `prompt-file:${skillPath}:${line}:${written}`,
      kind: 'prompt',
      name: written,
      occurrences: [{ path: skillPath, line, evidence: 'file', symbol: written }],
      properties: [],
      dependsOn: [],
      promptFile: { candidates: [target] },
    });
  }
  return components;
}

/** A Markdown link's target (`](./x.md)`, `](references/x.md#part)`) or a code span naming a file (`` `references/x.md` ``). */
const REFERENCE = /\]\(\s*<?([^()\s<>]+?\.(?:md|markdown|txt))(?:#[^()\s]*)?>?\s*(?:"[^"]*")?\)|`([\w./-]+\.(?:md|markdown|txt))`/gi;

/** The workspace path a relative name stands for inside the skill's folder, or undefined (a URL, an absolute path, a way out). */
function referencedPath(folder: string, written: string): string | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(written) || written.startsWith('/')) return undefined;
  const target = posix.normalize(posix.join(folder, written));
  const inside = folder === '.' ? !target.startsWith('../') : target.startsWith(`${folder}/`);
  return inside && !/(?:^|\/)skill\.md$/i.test(target) ? target : undefined;
}
