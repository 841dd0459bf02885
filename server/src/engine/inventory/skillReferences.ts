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
export function skillReferences(skillPath: string, text: string, skillFolder = posix.dirname(skillPath)): PartialComponent[] {
  const folder = posix.dirname(skillPath);
  const lines = new LineIndex(text);
  const seen = new Set<string>();
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const written = match[1] ?? match[2];
    if (!written || match.index === undefined) continue;
    const target = referencedPath(folder, written, skillFolder);
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
function referencedPath(folder: string, written: string, skillFolder: string): string | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(written) || written.startsWith('/')) return undefined;
  const target = posix.normalize(posix.join(folder, written));
  const inside = skillFolder === '.' ? !target.startsWith('../') : target.startsWith(`${skillFolder}/`);
  return inside && !/(?:^|\/)skill\.md$/i.test(target) ? target : undefined;
}

/**
 * A reference file of a skill (`skills/search/references/searching.md`) that points the agent on to
 * further files (`patterns-code.md`): those are the skill's prompts too, resolved from the file's
 * folder and kept inside the skill's folder. Undefined for any other path.
 */
export function nestedSkillReferences(path: string, text: string): PartialComponent[] | undefined {
  const match = NESTED_REFERENCE_FILE.exec(path);
  return match ? skillReferences(path, text, match[1]) : undefined;
}

/** `<…/skills/<name>>/references/<file>.md`: the skill's folder, then a file of its `references/` folder. */
const NESTED_REFERENCE_FILE = /^((?:.*\/)?skills\/[^/]+)\/references\/[^/]+\.(?:md|markdown)$/i;

/** True for a Markdown file of a skill's `references/` folder. */
export function isNestedSkillReferenceFile(path: string): boolean {
  return NESTED_REFERENCE_FILE.test(path);
}
