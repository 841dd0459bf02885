import type { IacResource } from '../inventory/iacResource';
import {
  AZURE_AI_ACCOUNT_TRIGGERS,
  AZURE_AI_ACCOUNT_TYPES,
  isUnknown,
  judgeSetting,
  knownValue,
  reportSetting,
  resourcesOfType,
  type Setting,
  sameWord,
} from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure AI Services / Azure OpenAI accounts reachable from the whole internet. Public network
 * access is on unless the template turns it off (`publicNetworkAccess: 'Disabled'`,
 * `public_network_access_enabled = false`, `public_network_access = "Disabled"`); a network ACL
 * whose default action is `Deny` restricts it as well, which is what Defender for Cloud accepts.
 */

const SETTINGS: Readonly<Record<string, Setting & { acl: string }>> = {
  'microsoft.cognitiveservices/accounts': {
    path: 'properties.publicNetworkAccess',
    isSafe: (value) => sameWord(value, 'Disabled'),
    missingIsRisk: true,
    fixValue: 'Disabled',
    acl: 'properties.networkAcls.defaultAction',
  },
  azurerm_cognitive_account: {
    path: 'public_network_access_enabled',
    isSafe: (value) => value === false,
    missingIsRisk: true,
    fixValue: false,
    acl: 'network_acls.default_action',
  },
  azurerm_ai_services: {
    path: 'public_network_access',
    isSafe: (value) => sameWord(value, 'Disabled'),
    missingIsRisk: true,
    fixValue: 'Disabled',
    acl: 'network_acls.default_action',
  },
};

export const aip802: Rule = {
  meta: {
    id: 'AIP802',
    name: 'ai-services-public-network',
    title: 'Azure AI Services resources should restrict network access',
    explanation:
      'An Azure AI Services or Azure OpenAI account accepts calls from any network unless public network access is disabled or a network ACL denies by default. Anyone holding a key or token, from anywhere, can then run models and reach the data connected to the account; a private endpoint or an IP/virtual-network allow-list limits who can even try. Defender for Cloud reports it as "Azure AI Services resources should restrict network access".',
    remediation:
      "Set `publicNetworkAccess: 'Disabled'` (ARM/Bicep), `public_network_access_enabled = false` (`azurerm_cognitive_account`) or `public_network_access = \"Disabled\"` (`azurerm_ai_services`) and reach the account through a private endpoint, or keep it public with `networkAcls.defaultAction: 'Deny'` and explicit IP and virtual-network rules. Callers outside those networks stop working, so add the private endpoint or rules first.",
    owasp: ['LLM10:2025', 'LLM02:2025'],
    cwe: ['CWE-284'],
    atlas: ['AML.T0040'],
    defaultSeverity: 'warning',
    securitySeverity: 5.3,
    confidence: 'high',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: true,
    // Unsafe: callers from the internet (and CI agents without private network access) are cut off.
    fixApplicability: 'unsafe',
    messages: {
      public:
        '{setting} lets any network reach {resource}. Defender for Cloud: "Azure AI Services resources should restrict network access"; disable public network access or deny by default.',
      missing:
        '{resource} does not set {property} and has no deny-by-default network ACL, so any network can reach it. Defender for Cloud: "Azure AI Services resources should restrict network access".',
    },
    references: [
      {
        title: 'Configure Azure AI services virtual networks',
        url: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks',
      },
      {
        title: 'Checkov CKV_AZURE_134',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/azure-policies/azure-networking-policies/ensure-that-cognitive-services-accounts-disable-public-network-access',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'bicep',
      bad: "resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  properties: {\n    publicNetworkAccess: 'Enabled'\n  }\n}",
      good: "resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    },
  },
  triggers: AZURE_AI_ACCOUNT_TRIGGERS,
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, AZURE_AI_ACCOUNT_TYPES)) {
      const setting = SETTINGS[resource.type.toLowerCase()];
      if (aclDecides(resource, setting.acl)) continue;
      // Unsafe: callers outside the private network lose access.
      const outcome = judgeSetting(context, resource, setting, 'unsafe');
      const data = { property: setting.path.split('.').at(-1) as string };
      if (outcome) reportSetting(context, resource, outcome, { value: 'public', missing: 'missing' }, data);
    }
  },
};

/** A deny-by-default ACL restricts the account; an ACL we cannot read might, so it decides too. */
function aclDecides(resource: IacResource, path: string): boolean {
  return (
    sameWord(knownValue(resource, path), 'Deny') || isUnknown(resource, path) || isUnknown(resource, path.split('.').slice(0, -1).join('.'))
  );
}
