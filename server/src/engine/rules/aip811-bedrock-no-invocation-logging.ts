import type { AiComponent, Occurrence } from '../inventory/types';
import { type WorkspaceRuleContext, workspaceRule } from './rule';

/**
 * Terraform modules that declare Bedrock agents or models but no model invocation logging. A module
 * is a folder of `.tf` files, and a rule sees one file at a time, so this reads the merged AI-BOM:
 * every Bedrock resource there carries its Terraform type as the occurrence's symbol. A folder with
 * an agent, custom model or provisioned throughput and no
 * `aws_bedrock_model_invocation_logging_configuration` gets one finding, on its first such resource.
 * CloudFormation has no resource for this account-level setting, so templates are not judged.
 */

const USES_MODELS = new Set([
  'aws_bedrockagent_agent',
  'aws_bedrock_custom_model',
  'aws_bedrock_provisioned_model_throughput',
  'aws_bedrock_inference_profile',
]);
const LOGGING = 'aws_bedrock_model_invocation_logging_configuration';

export const aip811 = workspaceRule({
  meta: {
    id: 'AIP811',
    name: 'bedrock-no-invocation-logging',
    title: 'AWS Bedrock should have model invocation logging enabled',
    explanation:
      'Amazon Bedrock keeps no record of prompts and completions unless model invocation logging is configured for the account and region. Without it, abuse of the models (a leaked credential, a prompt-injection campaign against an agent, data sent where it should not go) cannot be investigated. Defender for Cloud reports it as "AWS Bedrock should have model invocation logging enabled". The setting is per account and region, so another stack may configure it: then suppress the finding with a note saying where.',
    remediation:
      'Add an `aws_bedrock_model_invocation_logging_configuration` with a `logging_config` that delivers text (and, if needed, image and embedding) data to CloudWatch Logs or S3, encrypted and with restricted access, in the module that deploys the agents and models or in your account baseline.',
    owasp: ['LLM10:2025'],
    cwe: ['CWE-778'],
    atlas: [],
    defaultSeverity: 'information',
    securitySeverity: 2.0,
    confidence: 'medium',
    fixable: false,
    messages: {
      noLogging:
        'This Terraform module declares {resource} but no aws_bedrock_model_invocation_logging_configuration. Defender for Cloud: "AWS Bedrock should have model invocation logging enabled".',
    },
    references: [
      {
        title: 'Amazon Bedrock: model invocation logging',
        url: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "aws_bedrockagent_agent" "support" {\n  agent_name       = "support"\n  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n}',
      good: 'resource "aws_bedrockagent_agent" "support" {\n  agent_name       = "support"\n  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n}\n\nresource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = true\n    cloudwatch_config {\n      log_group_name = aws_cloudwatch_log_group.bedrock.name\n      role_arn       = aws_iam_role.bedrock_logging.arn\n    }\n  }\n}',
    },
  },
  check(context: WorkspaceRuleContext) {
    const logged = new Set<string>();
    const first = new Map<string, { component: AiComponent; occurrence: Occurrence }>();
    for (const component of context.bom.components) {
      for (const occurrence of component.occurrences) {
        const symbol = occurrence.symbol?.toLowerCase();
        if (!symbol || !occurrence.path.endsWith('.tf')) continue;
        const folder = folderOf(occurrence.path);
        if (symbol === LOGGING) logged.add(folder);
        else if (USES_MODELS.has(symbol) && !isEarlier(first.get(folder)?.occurrence, occurrence))
          first.set(folder, { component, occurrence });
      }
    }
    for (const [folder, { component, occurrence }] of first) {
      if (!logged.has(folder))
        context.report(component, occurrence, { messageId: 'noLogging', data: { resource: occurrence.symbol ?? 'Bedrock resources' } });
    }
  },
});

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Is `known` before `candidate` (path, then line)? Keeps the finding on the same resource whatever the BOM order. */
function isEarlier(known: Occurrence | undefined, candidate: Occurrence): boolean {
  if (!known) return false;
  if (known.path !== candidate.path) return known.path < candidate.path;
  return (known.line ?? 0) <= (candidate.line ?? 0);
}
