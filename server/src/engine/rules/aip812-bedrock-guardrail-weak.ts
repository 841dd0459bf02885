import type { IacItem, IacResource } from '../inventory/iacResource';
import { isUnknown, knownValue, replaceFix, resourceLabel, resourcesOfType, sameWord } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Bedrock guardrails that do not block prompt attacks firmly: Terraform `aws_bedrock_guardrail`
 * (and Cloud Control `awscc_bedrock_guardrail`, `filters_config = [{ … }]`)
 * `content_policy_config { filters_config { type = "PROMPT_ATTACK" input_strength = "HIGH" } }`,
 * CloudFormation `AWS::Bedrock::Guardrail` `ContentPolicyConfig.FiltersConfig[]` with
 * `Type: PROMPT_ATTACK`, `InputStrength: HIGH`. A missing filter is reported on the declaration,
 * a weaker strength on its value.
 */

interface Fields {
  filters: string;
  type: string;
  strength: string;
}

const FIELDS: Readonly<Record<string, Fields>> = {
  aws_bedrock_guardrail: { filters: 'content_policy_config.filters_config', type: 'type', strength: 'input_strength' },
  // Cloud Control writes the filters as a list of objects.
  awscc_bedrock_guardrail: { filters: 'content_policy_config.filters_config', type: 'type', strength: 'input_strength' },
  'aws::bedrock::guardrail': { filters: 'Properties.ContentPolicyConfig.FiltersConfig', type: 'Type', strength: 'InputStrength' },
};

export const aip812: Rule = {
  meta: {
    id: 'AIP812',
    name: 'bedrock-guardrail-weak',
    title: 'AWS Bedrock guardrails should block prompt attacks at HIGH strength',
    explanation:
      'A Bedrock guardrail filters prompt attacks (jailbreaks and prompt injection) only when its content policy has a `PROMPT_ATTACK` filter, and only the inputs its input strength catches: `NONE`, `LOW` and `MEDIUM` let through attacks the `HIGH` setting blocks. A guardrail without it gives agents and applications a false sense of protection.',
    remediation:
      'Add a content filter of type `PROMPT_ATTACK` with input strength `HIGH` (and output strength `NONE`, which the service requires for this type) to the guardrail, then publish a new guardrail version.',
    owasp: ['LLM01:2025'],
    cwe: ['CWE-693'],
    atlas: ['AML.T0051', 'AML.T0054'],
    defaultSeverity: 'warning',
    securitySeverity: 5.0,
    confidence: 'high',
    fileKinds: ['terraform', 'json', 'yaml'],
    fixable: true,
    // Unsafe: prompts the weaker filter let through are now blocked.
    fixApplicability: 'unsafe',
    messages: {
      weak: '{setting}: the PROMPT_ATTACK filter of {resource} lets prompt attacks a HIGH filter blocks through.',
      missing: '{resource} has no PROMPT_ATTACK content filter, so it does not block jailbreaks or prompt injection.',
    },
    references: [
      {
        title: 'Amazon Bedrock Guardrails: prompt attacks',
        url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-prompt-attack.html',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n  content_policy_config {\n    filters_config {\n      type            = "PROMPT_ATTACK"\n      input_strength  = "LOW"\n      output_strength = "NONE"\n    }\n  }\n}',
      good: 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n  content_policy_config {\n    filters_config {\n      type            = "PROMPT_ATTACK"\n      input_strength  = "HIGH"\n      output_strength = "NONE"\n    }\n  }\n}',
    },
  },
  triggers: ['aws_bedrock_guardrail', 'awscc_bedrock_guardrail', 'AWS::Bedrock::Guardrail'],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(FIELDS)))
      checkGuardrail(context, resource, FIELDS[resource.type.toLowerCase()]);
  },
};

function checkGuardrail(context: RuleContext, resource: IacResource, fields: Fields): void {
  if (mayBeComputed(resource, fields.filters)) return;
  const filters = resource.items(fields.filters);
  // A filter whose type we cannot read may be the prompt-attack one.
  if (filters.some((filter) => typeof knownValue(resource, `${filter.property.path}.${fields.type}`) !== 'string')) return;
  const promptAttack = filters.find((filter: IacItem) =>
    sameWord(knownValue(resource, `${filter.property.path}.${fields.type}`), 'PROMPT_ATTACK'),
  );
  const label = resourceLabel(resource);
  if (!promptAttack) {
    context.report({ at: resource.declarationRange, messageId: 'missing', data: { resource: label } });
    return;
  }
  const strength = promptAttack.get(fields.strength);
  const value = strength && knownValue(resource, strength.path);
  if (!strength || typeof value !== 'string' || sameWord(value, 'HIGH')) return;
  const setting = resource.format === 'terraform' ? `${fields.strength} = "${value}"` : `${fields.strength}: ${value}`;
  // Unsafe: prompts the weaker filter let through are now blocked.
  const fix = strength.kind === 'literal' ? replaceFix(context, resource, strength, 'HIGH', 'unsafe') : undefined;
  context.report({ at: strength.range, messageId: 'weak', data: { setting, resource: label }, ...(fix ? { fix } : {}) });
}

/** Any part of the path written as an expression (or a `dynamic` block) may hold the filter. */
function mayBeComputed(resource: IacResource, path: string): boolean {
  if (resource.get('dynamic') || resource.get('content_policy_config.dynamic')) return true;
  const segments = path.split('.');
  return segments.some((_, index) => isUnknown(resource, segments.slice(0, index + 1).join('.')));
}
