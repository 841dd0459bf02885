import { resourceLabel, resourcesOfType } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Vertex AI online prediction endpoints served on the public endpoint: Terraform
 * `google_vertex_ai_endpoint` with neither a `network` (VPC peering) nor a
 * `private_service_connect_config` block.
 */
export const aip815: Rule = {
  meta: {
    id: 'AIP815',
    name: 'vertex-endpoint-public',
    title: 'A Private Service endpoint should be used for Vertex AI Online endpoints',
    explanation:
      'A Vertex AI endpoint without a private network answers on a public Google API address: any caller with a credential, from anywhere, can send prediction requests to the deployed model (and run up its cost), and VPC Service Controls and firewall rules cannot narrow that down. Defender for Cloud (for GCP) reports it as "A Private Service endpoint should be used for Vertex AI Online endpoints".',
    remediation:
      'Create the endpoint with `private_service_connect_config { enable_private_service_connect = true  project_allowlist = [ … ] }` or with `network` set to a peered VPC, and call it from inside that network.',
    owasp: ['LLM10:2025'],
    cwe: ['CWE-284'],
    atlas: ['AML.T0040'],
    defaultSeverity: 'information',
    securitySeverity: 3.1,
    confidence: 'medium',
    fileKinds: ['terraform'],
    fixable: false,
    messages: {
      publicEndpoint:
        '{resource} serves predictions on a public endpoint. Defender for Cloud: "A Private Service endpoint should be used for Vertex AI Online endpoints".',
    },
    references: [
      {
        title: 'Vertex AI: use Private Service Connect for online inference',
        url: 'https://cloud.google.com/vertex-ai/docs/predictions/private-service-connect',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "google_vertex_ai_endpoint" "ep" {\n  name         = "ep"\n  display_name = "ep"\n  location     = "us-central1"\n}',
      good: 'resource "google_vertex_ai_endpoint" "ep" {\n  name         = "ep"\n  display_name = "ep"\n  location     = "us-central1"\n  private_service_connect_config {\n    enable_private_service_connect = true\n    project_allowlist              = [var.project]\n  }\n}',
    },
  },
  triggers: ['google_vertex_ai_endpoint'],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, ['google_vertex_ai_endpoint'])) {
      const privateBy = ['network', 'private_service_connect_config', 'dynamic'].some((path) => resource.get(path) !== undefined);
      if (!privateBy)
        context.report({ at: resource.declarationRange, messageId: 'publicEndpoint', data: { resource: resourceLabel(resource) } });
    }
  },
};
