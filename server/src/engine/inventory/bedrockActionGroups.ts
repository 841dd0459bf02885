import type { CodeFacts } from '../facts';
import { keyOfKeyed } from '../facts/common';
import type { Node } from '../parse/treeSitter';
import type { FileTriggers } from '../prefilter/triggers';
import type { CodeSite } from './codeImports';
import { property } from './components';
import type { IacItem, IacProperty, IacResource } from './iacResource';
import type { Occurrence, PartialComponent } from './types';

/**
 * Action groups of Amazon Bedrock agents the workspace defines. Each is a tool the agent's model calls
 * (an OpenAPI schema or function definitions run by a Lambda), so each is a plugin, named as written:
 * - IaC, read from the IaC model (`iac.ts`): Terraform `aws_bedrockagent_agent_action_group`
 *   (`action_group_name`), the `action_groups` of `awscc_bedrock_agent`, and the `ActionGroups` of a
 *   CloudFormation `AWS::Bedrock::Agent`;
 * - code, read from the syntax tree: CDK and SDK calls that pass a group name (`CfnAgent.
 *   AgentActionGroupProperty(action_group_name="GitHubAPIs")`, `{ actionGroupName: 'x' }`,
 *   `create_agent_action_group(actionGroupName='x')`) and the CDK construct `AgentActionGroup({ name: 'x' })`.
 * A built-in group (`parent_action_group_signature = "AMAZON.CodeInterpreter"`, `AMAZON.UserInput`) is a
 * capability of the Bedrock service, not a tool of the workspace. Names from variables and parameters
 * the file does not decide are not read.
 */

/** Lower-case literals without which a file names no action group (the one-pass gate). */
export const ACTION_GROUP_LITERALS = ['action_group_name', 'actiongroupname', 'agentactiongroup('];

export function mayDefineActionGroups(triggers: FileTriggers): boolean {
  return ACTION_GROUP_LITERALS.some((literal) => triggers.hasFolded(literal));
}

/** The keys that name a group, and the keys of its built-in signature, in every spelling. */
const NAME_KEYS = new Set(['action_group_name', 'actionGroupName', 'ActionGroupName']);
const SIGNATURE_KEYS = new Set(['parent_action_group_signature', 'parentActionGroupSignature', 'ParentActionGroupSignature']);
/** `"AMAZON.UserInput"`, or the CDK's enum (`bedrock.ParentActionGroupSignature.CODE_INTERPRETER`). */
const BUILT_IN = /^["'`]?AMAZON\.|\bParentActionGroupSignature\.\w/;

// --- IaC ------------------------------------------------------------------------------------------

/** The action groups an IaC resource declares. */
export function iacActionGroups(path: string, resource: IacResource): PartialComponent[] {
  const type = resource.type.toLowerCase();
  if (type === 'aws_bedrockagent_agent_action_group') {
    const group = iacGroup(resource.get('action_group_name'), resource.get('parent_action_group_signature'));
    return group ? [actionGroup(group.name, occurrence(path, group.line))] : [];
  }
  const items =
    type === 'awscc_bedrock_agent'
      ? itemGroups(resource.items('action_groups'), 'action_group_name', 'parent_action_group_signature')
      : type === 'aws::bedrock::agent'
        ? itemGroups(resource.items('Properties.ActionGroups'), 'ActionGroupName', 'ParentActionGroupSignature')
        : [];
  return items.map((group) => actionGroup(group.name, occurrence(path, group.line)));
}

function itemGroups(items: IacItem[], nameKey: string, signatureKey: string): { name: string; line: number }[] {
  return items.flatMap((item) => iacGroup(item.get(nameKey), item.get(signatureKey)) ?? []);
}

function iacGroup(name: IacProperty | undefined, signature: IacProperty | undefined): { name: string; line: number } | undefined {
  if (!name) return undefined;
  const value = name.kind === 'literal' ? name.value : name.resolved?.value;
  if (typeof value !== 'string' || !GROUP_NAME.test(value)) return undefined;
  if (signature && BUILT_IN.test(String(signature.resolved?.value ?? signature.value))) return undefined;
  return { name: value, line: name.range.start.line + 1 };
}

// --- Code -----------------------------------------------------------------------------------------

/** Action groups named in CDK or SDK code (Python, TypeScript, JavaScript). */
export function collectCodeActionGroups(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' && facts.language !== 'javascript') return [];
  if (!CODE_LITERALS.some((literal) => facts.text.includes(literal))) return [];
  const found: { name: string; node: Node }[] = [];
  for (const keyed of facts.tree.rootNode.descendantsOfType(['keyword_argument', 'pair'])) {
    if (!keyed || !NAME_KEYS.has(keyOfKeyed(keyed) ?? '')) continue;
    const value = keyed.childForFieldName('value');
    const name = value ? facts.valueOf(value) : undefined;
    if (value && name && !builtInSibling(keyed)) found.push({ name, node: value });
  }
  for (const call of facts.calls) {
    if (call.method !== 'AgentActionGroup') continue;
    const name = call.args.find((arg) => arg.name === 'name');
    const signature = call.args.find((arg) => arg.name && SIGNATURE_KEYS.has(arg.name));
    if (!name?.value || (signature && BUILT_IN.test(signature.value ?? signature.node.text))) continue;
    found.push({ name: name.value, node: name.node });
  }
  return found
    .filter((group) => GROUP_NAME.test(group.name))
    .map((group) => actionGroup(group.name, occurrence(site.path, site.line(group.node.startPosition.row))));
}

/** The exact spellings behind `ACTION_GROUP_LITERALS` in code. */
const CODE_LITERALS = ['action_group_name', 'actionGroupName', 'ActionGroupName', 'AgentActionGroup('];

/** The group's built-in signature written beside its name (same call, dict or object). */
function builtInSibling(keyed: Node): boolean {
  for (const sibling of keyed.parent?.namedChildren ?? []) {
    if (!sibling || sibling.id === keyed.id || !SIGNATURE_KEYS.has(keyOfKeyed(sibling) ?? '')) continue;
    if (BUILT_IN.test(sibling.childForFieldName('value')?.text ?? '')) return true;
  }
  return false;
}

// --- Shared ---------------------------------------------------------------------------------------

/** Bedrock's rule for action group names. */
const GROUP_NAME = /^[A-Za-z0-9][\w-]{0,99}$/;

function occurrence(path: string, line: number): Occurrence {
  return { path, line, evidence: 'config', symbol: 'action_group_name' };
}

function actionGroup(name: string, at: Occurrence): PartialComponent {
  return {
    ref: `plugin:bedrock-action-group/${name}`,
    kind: 'plugin',
    name,
    provider: 'aws-bedrock',
    occurrences: [at],
    properties: [property('plugin:type', 'bedrock-agent-action-group')],
    dependsOn: [],
  };
}
