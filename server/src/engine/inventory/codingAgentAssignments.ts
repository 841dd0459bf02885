import { LineIndex } from '../text/lineIndex';
import { property, serviceComponent } from './components';
import type { PartialComponent } from './types';

/**
 * Work handed to a cloud coding agent by assigning it an issue: a script or workflow that opens an
 * issue with `assignees: ["copilot-swe-agent[bot]"]` (often with an `agent_assignment` naming the
 * base branch, custom instructions and a model), `--assignee copilot-swe-agent`, or a GraphQL
 * `replaceActorsForAssignable` with the bot's login. The agent is a plugin that acts on the
 * repository, and it runs on GitHub Copilot. The login alone (a list of bots to ignore, a mention
 * in prose) assigns nothing.
 */

/** Lower-case literal without which no file assigns the Copilot coding agent. */
export const CODING_AGENT_LITERAL = 'copilot-swe-agent';

const AGENT_LOGIN = /["'`\s=[]copilot-swe-agent(?:\[bot\])?(?=["'`\s,\]]|$)/g;
/**
 * Wording that writes an assignment around the login: an assignee list, an option that adds one, the agent
 * assignment payload. A filter (`assignee.login != '…'`, `exclude-assignees`) or a query (`issue list --assignee`) reads one.
 */
const ASSIGNMENT =
  /(?<![-\w])assignees["']?\s*[:=]|add_?assignees|--add-assignee|\bissue\s+(?:create|edit)\b[^\n]*--assignee|agent_assignment|agentAssignment|replaceActorsForAssignable/i;
/** How many lines before the login an `assignees:` list may open. */
const CONTEXT_LINES = 3;

export function collectCodingAgentAssignments(path: string, text: string): PartialComponent[] {
  const lines = text.split('\n');
  const index = new LineIndex(text);
  for (const match of text.matchAll(AGENT_LOGIN)) {
    const row = index.positionAt(match.index ?? 0).line;
    const context = lines.slice(Math.max(0, row - CONTEXT_LINES), row + 1).join('\n');
    if (!ASSIGNMENT.test(context)) continue;
    const occurrence = { path, line: row + 1, evidence: 'constant' as const, symbol: 'copilot-swe-agent' };
    const plugin: PartialComponent = {
      ref: 'plugin:coding-agent/copilot-swe-agent',
      kind: 'plugin',
      name: 'copilot-swe-agent',
      occurrences: [occurrence],
      properties: [property('plugin:type', 'coding-agent')],
      dependsOn: [],
    };
    const service = serviceComponent('github-copilot', occurrence);
    if (service) plugin.dependsOn.push(service.ref);
    // One assignment a file is the agent's evidence; further ones say nothing new.
    return service ? [plugin, service] : [plugin];
  }
  return [];
}
