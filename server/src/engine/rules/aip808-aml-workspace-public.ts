import { judgeSetting, knownValue, reportSetting, resourcesOfType, type Setting, sameWord } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure Machine Learning and AI Foundry hub workspaces reachable from the internet: ARM/Bicep
 * `Microsoft.MachineLearningServices/workspaces` without `publicNetworkAccess: 'Disabled'`
 * (Foundry projects inherit their hub's setting and are skipped), Terraform
 * `azurerm_machine_learning_workspace` without `public_network_access_enabled = false` and
 * `azurerm_ai_foundry` without `public_network_access = "Disabled"`. All default to public.
 */

const SETTINGS: Readonly<Record<string, Setting>> = {
  'microsoft.machinelearningservices/workspaces': {
    path: 'properties.publicNetworkAccess',
    isSafe: (value) => sameWord(value, 'Disabled'),
    missingIsRisk: true,
    fixValue: 'Disabled',
  },
  azurerm_machine_learning_workspace: {
    path: 'public_network_access_enabled',
    isSafe: (value) => value === false,
    missingIsRisk: true,
    fixValue: false,
  },
  azurerm_ai_foundry: {
    path: 'public_network_access',
    isSafe: (value) => sameWord(value, 'Disabled'),
    missingIsRisk: true,
    fixValue: 'Disabled',
  },
};

export const aip808: Rule = {
  meta: {
    id: 'AIP808',
    name: 'aml-workspace-public',
    title: 'Azure Machine Learning Workspaces should disable public network access',
    explanation:
      'An Azure Machine Learning (or AI Foundry hub) workspace with public network access serves its studio, APIs, registered models, datasets and compute from the internet. Private endpoints keep the workspace and the data it reaches inside your networks. Defender for Cloud reports it as "Azure Machine Learning Workspaces should disable public network access".',
    remediation:
      'Set `publicNetworkAccess: \'Disabled\'` (ARM/Bicep), `public_network_access_enabled = false` (`azurerm_machine_learning_workspace`) or `public_network_access = "Disabled"` (`azurerm_ai_foundry`) and add a private endpoint for the workspace. Users and pipelines then need network access to that endpoint.',
    owasp: ['LLM10:2025', 'LLM04:2025'],
    cwe: ['CWE-284'],
    atlas: ['AML.T0040'],
    defaultSeverity: 'warning',
    securitySeverity: 5.3,
    confidence: 'high',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: true,
    // Unsafe: people and pipelines outside the private network lose access to the workspace.
    fixApplicability: 'unsafe',
    messages: {
      public:
        '{setting} exposes {resource} to the internet. Defender for Cloud: "Azure Machine Learning Workspaces should disable public network access".',
      missing:
        '{resource} does not set {property}, so it is public (the default). Defender for Cloud: "Azure Machine Learning Workspaces should disable public network access".',
    },
    references: [
      {
        title: 'Configure a private endpoint for an Azure Machine Learning workspace',
        url: 'https://learn.microsoft.com/azure/machine-learning/how-to-configure-private-link',
      },
      {
        title: 'Checkov CKV_AZURE_144',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/azure-policies/azure-general-policies/ensure-that-public-access-is-disabled-for-azure-machine-learning-workspace',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "azurerm_machine_learning_workspace" "ml" {\n  name = "mlw"\n}',
      good: 'resource "azurerm_machine_learning_workspace" "ml" {\n  name                          = "mlw"\n  public_network_access_enabled = false\n}',
    },
  },
  triggers: [
    'Microsoft.MachineLearningServices/workspaces',
    'microsoft.machinelearningservices/workspaces',
    'azurerm_machine_learning_workspace',
    'azurerm_ai_foundry',
  ],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(SETTINGS))) {
      // A Foundry project takes its network settings from its hub (a project names its hub).
      if (sameWord(knownValue(resource, 'kind'), 'Project') || resource.get('properties.hubResourceId')) continue;
      const setting = SETTINGS[resource.type.toLowerCase()];
      // Unsafe: callers outside the private network lose access.
      const outcome = judgeSetting(context, resource, setting, 'unsafe');
      const data = { property: setting.path.split('.').at(-1) as string };
      if (outcome) reportSetting(context, resource, outcome, { value: 'public', missing: 'missing' }, data);
    }
  },
};
