import type { IacResource } from '../inventory/iacResource';
import { judgeSetting, knownValue, reportSetting, resourcesOfType, type Setting, sameWord } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure OpenAI accounts (`kind` literally `OpenAI`) that may call out anywhere: "on your data"
 * and other features fetch from URLs, so without `restrictOutboundNetworkAccess: true` (ARM/Bicep)
 * or `outbound_network_access_restricted = true` (Terraform) data can leave for any host. The
 * allowed FQDN list then names the hosts it may reach (an empty list blocks all outbound calls).
 */

const SETTINGS: Readonly<Record<string, Setting>> = {
  'microsoft.cognitiveservices/accounts': {
    path: 'properties.restrictOutboundNetworkAccess',
    isSafe: (value) => value === true,
    missingIsRisk: true,
  },
  azurerm_cognitive_account: { path: 'outbound_network_access_restricted', isSafe: (value) => value === true, missingIsRisk: true },
};

export const aip807: Rule = {
  meta: {
    id: 'AIP807',
    name: 'ai-outbound-unrestricted',
    title: 'Azure OpenAI accounts should restrict outbound network access',
    explanation:
      'Azure OpenAI features that fetch content (on-your-data connectors, web sources, tools) can send requests, and with them prompt and document content, to any host unless outbound network access is restricted to an allow-list of FQDNs. This is the data-loss-prevention control Azure documents for AI services; a prompt injection that makes the service fetch an attacker URL otherwise succeeds.',
    remediation:
      'Set `restrictOutboundNetworkAccess: true` with `allowedFqdnList: [ … ]` (ARM/Bicep) or `outbound_network_access_restricted = true` with `fqdns = [ … ]` (Terraform), listing only the storage, search and other hosts the account must reach.',
    owasp: ['LLM02:2025', 'LLM01:2025'],
    cwe: ['CWE-941'],
    atlas: ['AML.T0024'],
    defaultSeverity: 'information',
    securitySeverity: 3.1,
    confidence: 'medium',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: false,
    messages: {
      unrestricted: '{setting}: {resource} may send data to any host; restrict outbound access to allowed FQDNs.',
      missing: '{resource} does not set {property}, so it may send data to any host; restrict outbound access to allowed FQDNs.',
    },
    references: [
      {
        title: 'Azure AI services: data loss prevention',
        url: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-data-loss-prevention',
      },
      {
        title: 'Checkov CKV_AZURE_247',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/azure-policies/azure-general-policies/bc-azure-247',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'bicep',
      bad: "resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  properties: {\n    customSubDomainName: name\n  }\n}",
      good: "resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  properties: {\n    customSubDomainName: name\n    restrictOutboundNetworkAccess: true\n    allowedFqdnList: [ 'contoso.blob.core.windows.net' ]\n  }\n}",
    },
  },
  triggers: ['Microsoft.CognitiveServices/accounts', 'microsoft.cognitiveservices/accounts', 'azurerm_cognitive_account'],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(SETTINGS))) {
      if (!isOpenAi(resource)) continue;
      const setting = SETTINGS[resource.type.toLowerCase()];
      const outcome = judgeSetting(context, resource, setting, 'unsafe');
      const data = { property: setting.path.split('.').at(-1) as string };
      if (outcome) reportSetting(context, resource, outcome, { value: 'unrestricted', missing: 'missing' }, data);
    }
  },
};

/** Only Azure OpenAI accounts: `kind` must be the literal `OpenAI` (a parameter could be anything). */
function isOpenAi(resource: IacResource): boolean {
  return sameWord(knownValue(resource, 'kind'), 'OpenAI');
}
