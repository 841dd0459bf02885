import { LineIndex } from '../text/lineIndex';
import type { PartialComponent } from './types';

/**
 * Agent rule files a setup script installs: a CLI that writes `rules/context7-mcp.md` into the user's
 * `CLAUDE.md`, `AGENTS.md` or Cursor rules, fetched from the repository's top-level `rules/` folder
 * (`"https://raw.githubusercontent.com/org/repo/main/rules"` joined with `"context7-mcp.md"`) or copied
 * from it (`cp rules/style.md ~/.cursor/rules/`). A Markdown file of `rules/` counts as a prompt only when
 * code names it so; the merge keeps the reference when the file exists (`promptFiles.ts`).
 */

/** Lower-case literal without which code names no rules folder. */
export const RULE_INSTALLER_LITERAL = '/rules';

/** A file of the rules folder, quoted or a shell word (`rules/style.md`, `…/main/rules/x.md`). */
const RULES_FILE = /(?:^|[\s"'`(=/])rules\/([\w-]+\.md)(?=["'`\s)]|$)/gm;
/** A string naming the rules folder itself (`"…/main/rules"`, `"./rules/"`). */
const RULES_FOLDER = /["'`](?:[^"'`\s]*\/)?rules\/?["'`]/;
/** A bare Markdown file name (`"context7-mcp.md"`), joined to the rules folder by the code. */
const BARE_MARKDOWN = /["'`]([\w-]+\.md)["'`]/g;

export function collectRuleInstallerRefs(path: string, text: string): PartialComponent[] {
  const named = new Map<string, number>();
  for (const match of text.matchAll(RULES_FILE)) if (match[1]) named.set(match[1], named.get(match[1]) ?? match.index ?? 0);
  if (RULES_FOLDER.test(text))
    for (const match of text.matchAll(BARE_MARKDOWN)) if (match[1]) named.set(match[1], named.get(match[1]) ?? match.index ?? 0);
  if (named.size === 0) return [];
  const lines = new LineIndex(text);
  return [...named].map(([file, offset]) => {
    const line = lines.positionAt(offset).line + 1;
    return {
      ref: `prompt-file:${path}:${line}:rules/${file}`,
      kind: 'prompt',
      name: `rules/${file}`,
      occurrences: [{ path, line, evidence: 'constant', symbol: file }],
      properties: [],
      dependsOn: [],
      promptFile: { candidates: [`rules/${file}`] },
    } satisfies PartialComponent;
  });
}
