import type { IacResource } from '../inventory/iacResource';
import { isUnknown, resourceLabel, resourcesOfType } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Bedrock agents with no guardrail attached: Terraform `aws_bedrockagent_agent` (or Cloud Control
 * `awscc_bedrock_agent`) without a
 * `guardrail_configuration` block naming a `guardrail_identifier`, CloudFormation
 * `AWS::Bedrock::Agent` without `GuardrailConfiguration.GuardrailIdentifier`. The identifier is
 * usually a reference to the guardrail resource (`aws_bedrock_guardrail.x.guardrail_id`,
 * `!GetAtt Guardrail.GuardrailId`): any value counts as attached.
 */

const PATHS: Readonly<Record<string, { block: string; identifier: string }>> = {
  aws_bedrockagent_agent: { block: 'guardrail_configuration', identifier: 'guardrail_configuration.guardrail_identifier' },
  // The AWS Cloud Control provider writes the same setting as an object attribute.
  awscc_bedrock_agent: { block: 'guardrail_configuration', identifier: 'guardrail_configuration.guardrail_identifier' },
  'aws::bedrock::agent': {
    block: 'Properties.GuardrailConfiguration',
    identifier: 'Properties.GuardrailConfiguration.GuardrailIdentifier',
  },
};

export const aip810: Rule = {
  meta: {
    id: 'AIP810',
    name: 'bedrock-agent-no-guardrail',
    title: 'AWS Bedrock agents should use guardrails when allowing access to generative AI applications',
    explanation:
      'A Bedrock agent without a guardrail sends user input to the model and its action groups with no service-side check: no prompt-attack filter, no denied topics, no PII redaction, no contextual grounding check on what it returns. Agents call tools and knowledge bases, so an injected instruction turns into actions. Defender for Cloud reports it as "AWS Bedrock agents should use guardrails when allowing access to generative AI applications".',
    remediation:
      'Create an `aws_bedrock_guardrail` / `AWS::Bedrock::Guardrail` (with a HIGH prompt-attack filter) and attach it to the agent with `guardrail_configuration { guardrail_identifier = … guardrail_version = … }` or `GuardrailConfiguration: { GuardrailIdentifier: …, GuardrailVersion: … }`.',
    owasp: ['LLM01:2025', 'LLM06:2025'],
    cwe: ['CWE-693'],
    atlas: ['AML.T0051'],
    defaultSeverity: 'warning',
    securitySeverity: 5.0,
    confidence: 'high',
    fileKinds: ['terraform', 'json', 'yaml'],
    fixable: false,
    messages: {
      noGuardrail:
        '{resource} has no guardrail attached. Defender for Cloud: "AWS Bedrock agents should use guardrails when allowing access to generative AI applications".',
    },
    references: [
      { title: 'Amazon Bedrock Guardrails', url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails.html' },
      {
        title: 'Checkov CKV_AWS_383',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/aws-policies/aws-general-policies/bc-aws-383',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "aws_bedrockagent_agent" "support" {\n  agent_name       = "support"\n  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n}',
      good: 'resource "aws_bedrockagent_agent" "support" {\n  agent_name       = "support"\n  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.support.guardrail_id\n    guardrail_version    = aws_bedrock_guardrail_version.support.version\n  }\n}',
    },
  },
  triggers: ['aws_bedrockagent_agent', 'awscc_bedrock_agent', 'AWS::Bedrock::Agent'],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(PATHS))) {
      if (!hasGuardrail(resource, PATHS[resource.type.toLowerCase()])) {
        context.report({ at: resource.declarationRange, messageId: 'noGuardrail', data: { resource: resourceLabel(resource) } });
      }
    }
  },
};

function hasGuardrail(resource: IacResource, paths: { block: string; identifier: string }): boolean {
  // `dynamic "guardrail_configuration"`, a computed `Properties` or block: it may well be there.
  if (resource.get('dynamic') || isUnknown(resource, 'Properties') || isUnknown(resource, paths.block)) return true;
  const identifier = resource.get(paths.identifier);
  return identifier !== undefined && identifier.value !== '' && identifier.value !== null;
}
