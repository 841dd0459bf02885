import { LineIndex } from '../text/lineIndex';
import { property } from './components';
import type { PartialComponent } from './types';

/**
 * Action groups of Amazon Bedrock agents the workspace defines: CDK (`CfnAgent.AgentActionGroupProperty(
 * action_group_name="GitHubAPIs", …)`, `actionGroupName: 'x'`), Terraform (`aws_bedrockagent_agent_action_group`
 * with `action_group_name = "x"`) and CloudFormation (`ActionGroupName: x`). Each is a tool the agent's
 * model calls (an OpenAPI schema or function definitions run by a Lambda), so each is a plugin, named
 * as written. Names from variables and parameters are not read.
 */

/** Lower-case literals without which a file names no action group. */
export const ACTION_GROUP_LITERALS = ['action_group_name', 'actiongroupname', 'agentactiongroup('];

/** A quoted name, or in YAML an unquoted one (`ActionGroupName: GitHubAPIs`). */
const QUOTED = /\b(?:action_group_name|actionGroupName|ActionGroupName)["']?\s*[:=]\s*["']([A-Za-z0-9][\w-]{0,99})["']/g;
/** The CDK construct (`new bedrock.AgentActionGroup({ name: 'query-library', … })`, `AgentActionGroup(name="x", …)`): its `name`. */
const CONSTRUCT = /\bAgentActionGroup\s*\(/g;
const CONSTRUCT_NAME = /^[^;]{0,600}?\bname\s*[:=]\s*["']([A-Za-z0-9][\w-]{0,99})["']/;
const YAML_PLAIN = /^[ \t-]*(?:action_group_name|actionGroupName|ActionGroupName)[ \t]*:[ \t]*([A-Za-z0-9][\w-]{0,99})[ \t]*(?:#.*)?$/gm;

export function collectBedrockActionGroups(path: string, text: string, yaml: boolean): PartialComponent[] {
  const lines = new LineIndex(text);
  const seen = new Set<string>();
  const components: PartialComponent[] = [];
  const matches = [...text.matchAll(QUOTED), ...(yaml ? text.matchAll(YAML_PLAIN) : []), ...constructNames(text)];
  matches.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  matches.forEach((match, index) => {
    const name = match[1];
    const start = match.index ?? 0;
    const end = matches[index + 1]?.index ?? text.length;
    const previous = index > 0 ? (matches[index - 1]?.index ?? 0) + (matches[index - 1]?.[0].length ?? 0) : 0;
    if (!name || seen.has(name) || isBuiltIn(blockAround(text, Math.max(previous, start - 200), start, Math.min(end, start + 1500))))
      return;
    seen.add(name);
    components.push({
      ref: `plugin:bedrock-action-group/${name}`,
      kind: 'plugin',
      name,
      provider: 'aws-bedrock',
      occurrences: [{ path, line: lines.positionAt(match.index ?? 0).line + 1, evidence: 'config', symbol: 'action_group_name' }],
      properties: [property('plugin:type', 'bedrock-agent-action-group')],
      dependsOn: [],
    });
  });
  return components;
}

/** Each construct's `name`, shaped like a match of the other patterns (the name at index 1). */
function constructNames(text: string): RegExpExecArray[] {
  const names: RegExpExecArray[] = [];
  for (const call of text.matchAll(CONSTRUCT)) {
    const start = (call.index ?? 0) + call[0].length;
    const found = CONSTRUCT_NAME.exec(text.slice(start, start + 700));
    if (!found) continue;
    const name = found[1] ?? '';
    found.index = start + found[0].lastIndexOf(name);
    found[0] = name;
    names.push(found);
  }
  return names;
}

/**
 * A built-in action group (`parent_action_group_signature = "AMAZON.CodeInterpreter"`, `AMAZON.UserInput`)
 * is a capability of the Bedrock service, not a tool of the workspace. The signature sits in the same
 * block: from its opening (`{`, `(`, a YAML list item) to its end or the next group's name.
 */
function blockAround(text: string, from: number, at: number, to: number): string {
  const before = text.slice(from, at);
  const opening = Math.max(before.lastIndexOf('{'), before.lastIndexOf('('), before.search(/\n[ \t]*-[ \t][^\n]*$/));
  const after = text.slice(at, to);
  const closing = after.slice(1).search(/\n[ \t]*-[ \t]|\nresource[ \t]|\n\}/);
  return before.slice(Math.max(0, opening)) + (closing < 0 ? after : after.slice(0, closing + 1));
}

function isBuiltIn(block: string): boolean {
  return /parent_?action_?group_?signature["']?\s*[:=]\s*["']?AMAZON\./i.test(block);
}
