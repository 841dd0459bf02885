import type { IacResource } from '../inventory/iacResource';
import {
  AZURE_AI_ACCOUNT_TRIGGERS,
  AZURE_AI_ACCOUNT_TYPES,
  iacResources,
  isUnknown,
  knownValue,
  resourceLabel,
  sameWord,
} from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure AI Services / Azure OpenAI accounts whose data at rest is encrypted with Microsoft-managed
 * keys only. ARM/Bicep: `properties.encryption.keySource: 'Microsoft.KeyVault'`. Terraform: a
 * `customer_managed_key` block, or an `azurerm_cognitive_account_customer_managed_key` resource in
 * the same file that points at the account (or at something the file cannot name: then it may).
 */
export const aip804: Rule = {
  meta: {
    id: 'AIP804',
    name: 'ai-services-no-cmk',
    title: '(Enable if required) Azure AI Services resources should encrypt data at rest with a customer-managed key (CMK)',
    explanation:
      'Azure AI Services encrypt stored data (fine-tuning files and models, uploaded documents, batch inputs) with Microsoft-managed keys unless a customer-managed key in Key Vault is configured. Regulated workloads often must hold the key themselves, so that revoking it makes the data unreadable. Defender for Cloud lists this as "(Enable if required) Azure AI Services resources should encrypt data at rest with a customer-managed key (CMK)": it matters only where policy requires it, hence the information severity.',
    remediation:
      "Give the account a managed identity with access to a Key Vault key and set `encryption: { keySource: 'Microsoft.KeyVault', keyVaultProperties: { … } }` (ARM/Bicep), a `customer_managed_key` block, or an `azurerm_cognitive_account_customer_managed_key` resource (Terraform). Suppress the finding where Microsoft-managed keys are acceptable.",
    owasp: ['LLM02:2025'],
    cwe: ['CWE-311'],
    atlas: [],
    defaultSeverity: 'information',
    securitySeverity: 2.0,
    confidence: 'medium',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: false,
    messages: {
      microsoftKeys:
        '{resource} encrypts data at rest with Microsoft-managed keys. Defender for Cloud: "(Enable if required) Azure AI Services resources should encrypt data at rest with a customer-managed key (CMK)".',
    },
    references: [
      {
        title: 'Azure OpenAI: customer-managed keys',
        url: 'https://learn.microsoft.com/azure/ai-services/openai/encrypt-data-at-rest',
      },
      {
        title: 'Checkov CKV2_AZURE_22',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/azure-policies/azure-general-policies/ensure-that-cognitive-services-enables-customer-managed-key-for-encryption',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'bicep',
      bad: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  properties: {\n    customSubDomainName: name\n  }\n}",
      good: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  identity: { type: 'SystemAssigned' }\n  properties: {\n    customSubDomainName: name\n    encryption: {\n      keySource: 'Microsoft.KeyVault'\n      keyVaultProperties: { keyName: keyName, keyVaultUri: vault.properties.vaultUri }\n    }\n  }\n}",
    },
  },
  triggers: AZURE_AI_ACCOUNT_TRIGGERS,
  check(context: RuleContext) {
    const resources = iacResources(context);
    const cmkTargets = resources
      .filter((resource) => resource.type === 'azurerm_cognitive_account_customer_managed_key')
      .map((resource) => resource.get('cognitive_account_id'));
    for (const resource of resources) {
      if (!(AZURE_AI_ACCOUNT_TYPES as readonly string[]).includes(resource.type.toLowerCase())) continue;
      if (
        hasCustomerKey(resource) ||
        cmkTargets.some((target) => target?.kind !== 'expression' || pointsAt(String(target.value), resource))
      )
        continue;
      context.report({ at: resource.declarationRange, messageId: 'microsoftKeys', data: { resource: resourceLabel(resource) } });
    }
  },
};

function hasCustomerKey(resource: IacResource): boolean {
  if (resource.format === 'terraform') return resource.get('customer_managed_key') !== undefined || resource.get('dynamic') !== undefined;
  const keySource = 'properties.encryption.keySource';
  if (sameWord(knownValue(resource, keySource), 'Microsoft.KeyVault')) return true;
  // Computed: the encryption settings may come from a parameter.
  return ['properties', 'properties.encryption', keySource].some(
    (path) => isUnknown(resource, path) || resource.get(path)?.kind === 'array',
  );
}

/** Does a Terraform reference (`azurerm_cognitive_account.openai.id`) name this resource, or something unknown? */
function pointsAt(reference: string, resource: IacResource): boolean {
  const named = /^(azurerm_[a-z_]+)\.([\w-]+)/.exec(reference.trim());
  return !named || (named[1] === resource.type && named[2] === resource.name);
}
