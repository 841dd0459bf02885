import type { IacItem, IacProperty, IacResource } from '../inventory/iacResource';
import { knownValue, replaceFix, resourceLabel, resourcesOfType } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure OpenAI content filter (RAI) policies that turn a filter off or let it annotate without
 * blocking: ARM/Bicep `Microsoft.CognitiveServices/accounts/raiPolicies` `properties.contentFilters`
 * elements (`enabled`, `blocking`), Terraform `azurerm_cognitive_account_rai_policy` `content_filter`
 * blocks (`filter_enabled`, `block_enabled`). Reported on the value; jailbreak (Prompt Shields) and
 * indirect-attack filters get their own message, since they are what stops prompt injection.
 * A model deployment that names no policy (`raiPolicyName`, `rai_policy_name`) is reported only when
 * the same file defines a custom policy: the deployment then runs with the default filters instead
 * of the ones written for it. (Every other deployment without a name gets `Microsoft.DefaultV2`,
 * whose prompt shields are on, so it is not weakened.)
 */

interface FilterFields {
  list: string;
  name: string;
  enabled: string;
  blocking: string;
}

const FIELDS: Readonly<Record<string, FilterFields>> = {
  'microsoft.cognitiveservices/accounts/raipolicies': {
    list: 'properties.contentFilters',
    name: 'name',
    enabled: 'enabled',
    blocking: 'blocking',
  },
  azurerm_cognitive_account_rai_policy: { list: 'content_filter', name: 'name', enabled: 'filter_enabled', blocking: 'block_enabled' },
};

const PROMPT_SHIELDS = new Set(['jailbreak', 'indirect attack', 'indirect_attack', 'indirectattack']);

export const aip806: Rule = {
  meta: {
    id: 'AIP806',
    name: 'ai-content-filter-weakened',
    title: 'Azure OpenAI content filters should stay enabled and blocking',
    explanation:
      'An Azure OpenAI content filter policy can switch a filter off or set it to annotate only (no blocking). Switching off the jailbreak (Prompt Shields for user prompts) or indirect-attack (Prompt Shields for documents) filter removes the service-side defence against prompt injection; a harm category that only annotates lets harmful completions through to users unless the application reads the annotations itself.',
    remediation:
      'Keep `enabled: true` and `blocking: true` (ARM/Bicep) or `filter_enabled = true` and `block_enabled = true` (Terraform) on every filter, above all `Jailbreak` and `Indirect Attack`. Where a use case needs a laxer threshold, raise `severityThreshold` for that category instead of turning the filter off, and record the approval.',
    owasp: ['LLM01:2025', 'LLM05:2025'],
    cwe: ['CWE-693'],
    atlas: ['AML.T0051', 'AML.T0054'],
    defaultSeverity: 'warning',
    securitySeverity: 5.0,
    confidence: 'high',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: true,
    // Unsafe: prompts and completions the filter let through before are now blocked.
    fixApplicability: 'unsafe',
    messages: {
      promptShieldOff:
        '{setting} turns off the {filter} filter ({source}) of {resource}: prompt injection is no longer blocked by the service.',
      filterOff: '{setting} weakens the {filter} filter ({source}) of {resource}: harmful content passes unblocked.',
      noPolicy:
        '{resource} names no content filter policy ({property}), so it runs with the default filters, not the policy "{policy}" defined in this file.',
    },
    references: [
      {
        title: 'Azure OpenAI: configure content filters',
        url: 'https://learn.microsoft.com/azure/ai-services/openai/how-to/content-filters',
      },
      {
        title: 'Prompt Shields',
        url: 'https://learn.microsoft.com/azure/ai-services/content-safety/concepts/jailbreak-detection',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'bicep',
      bad: "resource policy 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01' = {\n  parent: openai\n  name: 'relaxed'\n  properties: {\n    basePolicyName: 'Microsoft.DefaultV2'\n    contentFilters: [\n      { name: 'Jailbreak', enabled: false, blocking: false, source: 'Prompt' }\n    ]\n  }\n}",
      good: "resource policy 'Microsoft.CognitiveServices/accounts/raiPolicies@2024-10-01' = {\n  parent: openai\n  name: 'strict'\n  properties: {\n    basePolicyName: 'Microsoft.DefaultV2'\n    contentFilters: [\n      { name: 'Jailbreak', enabled: true, blocking: true, source: 'Prompt' }\n    ]\n  }\n}",
    },
  },
  triggers: ['raiPolicies', 'raipolicies', 'azurerm_cognitive_account_rai_policy'],
  check(context: RuleContext) {
    const policies = resourcesOfType(context, Object.keys(FIELDS));
    for (const resource of policies) {
      const fields = FIELDS[resource.type.toLowerCase()];
      for (const filter of resource.items(fields.list)) checkFilter(context, resource, filter, fields);
    }
    const policy = policies.map((resource) => policyName(resource)).find((name) => name !== undefined);
    if (policy) checkDeployments(context, policy);
  },
};

/** Where a deployment names its policy, by deployment type. */
const DEPLOYMENT_POLICY: Readonly<Record<string, { path: string; parent: string | undefined }>> = {
  'microsoft.cognitiveservices/accounts/deployments': { path: 'properties.raiPolicyName', parent: 'properties' },
  azurerm_cognitive_deployment: { path: 'rai_policy_name', parent: undefined },
};

/** A policy's plain name (ARM and Bicep child names may be written `account/policy`). */
function policyName(resource: IacResource): string | undefined {
  const name = knownValue(resource, 'name');
  return typeof name === 'string' ? name.split('/').pop() : undefined;
}

function checkDeployments(context: RuleContext, policy: string): void {
  for (const deployment of resourcesOfType(context, Object.keys(DEPLOYMENT_POLICY))) {
    const where = DEPLOYMENT_POLICY[deployment.type.toLowerCase()];
    // A computed body may name it.
    if (where.parent && deployment.get(where.parent)?.kind !== 'object') continue;
    if (deployment.get(where.path)) continue;
    const property = where.path.split('.').at(-1) as string;
    context.report({
      at: deployment.declarationRange,
      messageId: 'noPolicy',
      data: { resource: resourceLabel(deployment), property, policy },
    });
  }
}

function checkFilter(context: RuleContext, resource: IacResource, filter: IacItem, fields: FilterFields): void {
  const name = knownValue(resource, `${filter.property.path}.${fields.name}`);
  if (typeof name !== 'string') return;
  const source = knownValue(resource, `${filter.property.path}.source`);
  // One finding per filter: a filter switched off does not also need "not blocking".
  const weak = [fields.enabled, fields.blocking]
    .map((field) => filter.get(field))
    .find((property): property is IacProperty => property !== undefined && knownValue(resource, property.path) === false);
  if (!weak) return;
  const shield = PROMPT_SHIELDS.has(name.toLowerCase());
  const key = weak.path.split('.').at(-1) as string;
  const setting = resource.format === 'terraform' ? `${key} = false` : `${key}: false`;
  // Unsafe: content that passed before is now blocked.
  const fix = weak.kind === 'literal' ? replaceFix(context, resource, weak, true, 'unsafe') : undefined;
  context.report({
    at: weak.range,
    messageId: shield ? 'promptShieldOff' : 'filterOff',
    data: {
      setting,
      filter: name,
      source: typeof source === 'string' ? source : 'prompt or completion',
      resource: resourceLabel(resource),
    },
    ...(fix ? { fix } : {}),
  });
}
