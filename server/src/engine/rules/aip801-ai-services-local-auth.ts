import { judgeSetting, reportSetting, resourcesOfType, type Setting } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure AI Services / Azure OpenAI accounts that still accept API keys, read from the shared IaC
 * model: ARM and Bicep `Microsoft.CognitiveServices/accounts` need `properties.disableLocalAuth: true`;
 * Terraform `azurerm_cognitive_account` needs `local_auth_enabled = false` and `azurerm_ai_services`
 * `local_authentication_enabled = false` (both default to keys on). A literal with the wrong value is
 * reported on the value, a missing setting on the resource's declaration; a computed value (a
 * parameter, a variable, an ARM expression) is left alone, since it cannot be judged from the file.
 */

/** Resource types (lower case) and where each keeps the setting; ARM and Bicep share theirs. */
const SETTINGS: Readonly<Record<string, Setting>> = {
  'microsoft.cognitiveservices/accounts': {
    path: 'properties.disableLocalAuth',
    isSafe: (value) => value === true,
    missingIsRisk: true,
    fixValue: true,
  },
  azurerm_cognitive_account: { path: 'local_auth_enabled', isSafe: (value) => value === false, missingIsRisk: true, fixValue: false },
  azurerm_ai_services: { path: 'local_authentication_enabled', isSafe: (value) => value === false, missingIsRisk: true, fixValue: false },
};

export const aip801: Rule = {
  meta: {
    id: 'AIP801',
    name: 'ai-services-local-auth',
    title: 'Azure AI Services resources should have key access disabled (disable local authentication)',
    explanation:
      'An Azure AI Services or Azure OpenAI account accepts API keys unless local authentication is disabled. A key is a shared secret with full data-plane access: it is not tied to a person or workload, cannot be limited by role or Conditional Access, leaks through code, logs and configuration files, and stays valid until someone rotates it. A leaked key lets anyone run (and bill) models, read deployments and reach connected data. Defender for Cloud reports the same setting.',
    remediation:
      'Set `disableLocalAuth: true` (ARM/Bicep `Microsoft.CognitiveServices/accounts`), `local_auth_enabled = false` (`azurerm_cognitive_account`) or `local_authentication_enabled = false` (`azurerm_ai_services`), and give applications a managed identity with the "Cognitive Services OpenAI User" (or a narrower) role. Move clients from API keys to Microsoft Entra ID tokens first: once keys are off, key-based calls fail.',
    owasp: ['LLM10:2025', 'LLM02:2025'],
    cwe: ['CWE-1390'],
    atlas: ['AML.T0055', 'AML.T0040'],
    defaultSeverity: 'warning',
    securitySeverity: 5.9,
    confidence: 'high',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: true,
    // Unsafe: clients that still call the account with an API key stop working once keys are off.
    fixApplicability: 'unsafe',
    messages: {
      enabled: '{setting} keeps API-key access to {resource} on; use Microsoft Entra ID instead.',
      missing: '{resource} does not set {property}, so it accepts API keys (the default); set it to {safe}.',
    },
    references: [
      { title: 'Azure AI Services: disable local authentication', url: 'https://learn.microsoft.com/azure/ai-services/disable-local-auth' },
      {
        title: 'Azure Policy: Azure AI Services resources should have key access disabled',
        url: 'https://github.com/Azure/azure-policy/blob/master/built-in-policies/policyDefinitions/Azure%20Ai%20Services/DisableLocalAuth_Audit.json',
      },
      {
        title: 'Checkov CKV_AZURE_236',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/azure-policies/azure-general-policies/bc-azure-236',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'bicep',
      bad: "resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  properties: {\n    customSubDomainName: name\n  }\n}",
      good: "resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  properties: {\n    disableLocalAuth: true\n    customSubDomainName: name\n  }\n}",
    },
  },
  triggers: [
    'Microsoft.CognitiveServices/accounts',
    'microsoft.cognitiveservices/accounts',
    'azurerm_cognitive_account',
    'azurerm_ai_services',
  ],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(SETTINGS))) {
      const setting = SETTINGS[resource.type.toLowerCase()];
      // Unsafe: clients that still call the account with an API key stop working once keys are off.
      const outcome = judgeSetting(context, resource, setting, 'unsafe');
      const data = { property: setting.path.split('.').at(-1) as string, safe: String(setting.fixValue) };
      if (outcome) reportSetting(context, resource, outcome, { value: 'enabled', missing: 'missing' }, data);
    }
  },
};
