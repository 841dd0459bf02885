import { promptComponent } from './codePrompts';
import { property } from './components';
import { Lines } from './manifestText';
import { isNaturalLanguage } from './promptTemplates';
import type { Occurrence, PartialComponent } from './types';

/**
 * Text a Claude Code hook adds to the model's context: a hook script prints the hook's JSON output
 * with `hookSpecificOutput.additionalContext` (a SessionStart hook that sets an output style, a
 * UserPromptSubmit hook that adds project rules). The text written in the script is a prompt,
 * `path#additionalContext`. Only the hook output's shape counts: the key beside `hookEventName` or
 * `hookSpecificOutput`, with prose as its literal value.
 */

/** Lower-case literal the one pass looks for in scripts and code. */
export const HOOK_CONTEXT_LITERAL = 'additionalcontext';

const HOOK_OUTPUT = /hookSpecificOutput|hookEventName/;
/** `"additionalContext": "…"` in JSON a script prints (a heredoc, `echo '{…}'`), Python or JavaScript. */
const CONTEXT_VALUE = /["']?additionalContext["']?\s*:\s*"((?:[^"\\\n]|\\.){30,})"/g;

export function collectHookContext(path: string, text: string): PartialComponent[] {
  if (!HOOK_OUTPUT.test(text)) return [];
  const components: PartialComponent[] = [];
  const lines = new Lines(text);
  for (const match of text.matchAll(CONTEXT_VALUE)) {
    const value = unescaped(match[1] ?? '');
    if (!isNaturalLanguage(value)) continue;
    const line = lines.at(match.index ?? 0);
    // One prompt per script: a second output of the same script is another line of the same asset.
    const name = components.length === 0 ? 'additionalContext' : `additionalContext@${line}`;
    const occurrence: Occurrence = { path, line, evidence: 'constant', symbol: 'additionalContext' };
    const properties = [property('prompt:type', 'hook-context'), property('prompt:tool', 'claude-code')];
    components.push(promptComponent(path, name, value, properties, occurrence));
  }
  return components;
}

/** The text of a JSON string body (`\n`, `\"`, `\uXXXX`); kept as written when it is no valid JSON. */
function unescaped(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}
