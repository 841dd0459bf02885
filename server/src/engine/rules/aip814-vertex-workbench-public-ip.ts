import type { IacResource } from '../inventory/iacResource';
import { judgeSetting, reportSetting, resourcesOfType, type Setting } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Vertex AI Workbench instances with a public IP, the default: Terraform `google_workbench_instance`
 * without `gce_setup { disable_public_ip = true }` and the older `google_notebooks_instance`
 * without `no_public_ip = true`.
 */

const SETTINGS: Readonly<Record<string, Setting>> = {
  google_workbench_instance: {
    path: 'gce_setup.disable_public_ip',
    isSafe: (value) => value === true,
    missingIsRisk: true,
    fixValue: true,
  },
  google_notebooks_instance: { path: 'no_public_ip', isSafe: (value) => value === true, missingIsRisk: true, fixValue: true },
};

export const aip814: Rule = {
  meta: {
    id: 'AIP814',
    name: 'vertex-workbench-public-ip',
    title: 'Public IP addresses should be disabled on Workbench instances',
    explanation:
      'A Vertex AI Workbench (or user-managed notebooks) instance gets an external IP address unless it is disabled. The notebook VM holds service-account credentials, data and models, and runs whatever code its users and their packages bring; an external address exposes it to the internet and lets it send data out without passing your VPC controls. Defender for Cloud (for GCP) reports it as "Public IP addresses should be disabled on Workbench instances".',
    remediation:
      'Set `disable_public_ip = true` in the `gce_setup` block (`google_workbench_instance`) or `no_public_ip = true` (`google_notebooks_instance`), and give the subnet Private Google Access or Cloud NAT for the downloads it needs.',
    owasp: ['LLM02:2025'],
    cwe: ['CWE-284'],
    atlas: ['AML.T0025'],
    defaultSeverity: 'warning',
    securitySeverity: 5.3,
    confidence: 'high',
    fileKinds: ['terraform'],
    fixable: true,
    // Unsafe: without an external IP the instance needs Cloud NAT or Private Google Access to reach the internet.
    fixApplicability: 'unsafe',
    messages: {
      publicIp:
        '{setting} gives {resource} a public IP address. Defender for Cloud: "Public IP addresses should be disabled on Workbench instances".',
      missing:
        '{resource} does not set {property}, so it gets a public IP address (the default). Defender for Cloud: "Public IP addresses should be disabled on Workbench instances".',
    },
    references: [
      {
        title: 'Vertex AI Workbench: create an instance without an external IP',
        url: 'https://cloud.google.com/vertex-ai/docs/workbench/instances/create#network',
      },
      {
        title: 'Checkov CKV_GCP_89',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/google-cloud-policies/google-cloud-public-policies/ensure-vertex-ai-instances-are-private',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "google_workbench_instance" "nb" {\n  name     = "nb"\n  location = "us-central1-a"\n  gce_setup {\n    machine_type = "e2-standard-4"\n  }\n}',
      good: 'resource "google_workbench_instance" "nb" {\n  name     = "nb"\n  location = "us-central1-a"\n  gce_setup {\n    machine_type      = "e2-standard-4"\n    disable_public_ip = true\n  }\n}',
    },
  },
  triggers: ['google_workbench_instance', 'google_notebooks_instance'],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(SETTINGS))) {
      if (mayBeDynamic(resource)) continue;
      const setting = SETTINGS[resource.type.toLowerCase()];
      // Unsafe: the instance needs another route to the internet.
      const outcome = judgeSetting(context, resource, setting, 'unsafe');
      const data = { property: setting.path.split('.').at(-1) as string };
      if (outcome) reportSetting(context, resource, outcome, { value: 'publicIp', missing: 'missing' }, data);
    }
  },
};

/** `dynamic "gce_setup"`: the setting may be inside. */
function mayBeDynamic(resource: IacResource): boolean {
  return resource.get('dynamic') !== undefined || resource.get('gce_setup.dynamic') !== undefined;
}
