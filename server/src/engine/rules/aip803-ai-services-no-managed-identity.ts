import type { IacResource } from '../inventory/iacResource';
import type { Fix } from '../types';
import {
  AZURE_AI_ACCOUNT_TRIGGERS,
  AZURE_AI_ACCOUNT_TYPES,
  appendBlockFix,
  insertFix,
  knownValue,
  resourceLabel,
  resourcesOfType,
  sameWord,
} from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure AI Services / Azure OpenAI accounts without a managed identity: ARM and Bicep `identity`
 * with a `type` other than `None`, the Terraform `identity` block. Without one the account reaches
 * Key Vault, Storage and Search with keys kept somewhere, and a customer-managed key is impossible.
 */
export const aip803: Rule = {
  meta: {
    id: 'AIP803',
    name: 'ai-services-no-managed-identity',
    title: 'Use Managed Identity for Azure AI Service Accounts',
    explanation:
      'An Azure AI Services or Azure OpenAI account without a managed identity has no Microsoft Entra identity of its own, so every resource it reaches (a storage account with "on your data" files, an AI Search index, a Key Vault holding a customer-managed key) must be reached with a key or connection string stored somewhere. Defender for Cloud reports it as "Use Managed Identity for Azure AI Service Accounts".',
    remediation:
      'Add `identity: { type: \'SystemAssigned\' }` (ARM/Bicep) or an `identity { type = "SystemAssigned" }` block (Terraform), or a user-assigned identity, and grant it roles on the resources the account reads instead of keys.',
    owasp: ['LLM02:2025'],
    cwe: ['CWE-798'],
    atlas: [],
    defaultSeverity: 'information',
    securitySeverity: 3.1,
    confidence: 'high',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: true,
    // Safe: a system-assigned identity only gives the account an identity; nothing that works stops.
    fixApplicability: 'safe',
    messages: {
      none: '{resource} has identity type {type}. Defender for Cloud: "Use Managed Identity for Azure AI Service Accounts".',
      missing:
        '{resource} has no managed identity, so it reaches storage, search and key vaults with keys. Defender for Cloud: "Use Managed Identity for Azure AI Service Accounts".',
    },
    references: [
      {
        title: 'Azure OpenAI: configure managed identities',
        url: 'https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity',
      },
      {
        title: 'Checkov CKV_AZURE_238',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/azure-policies/azure-iam-policies/bc-azure-238',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "azurerm_cognitive_account" "openai" {\n  name     = "oai"\n  kind     = "OpenAI"\n  sku_name = "S0"\n}',
      good: 'resource "azurerm_cognitive_account" "openai" {\n  name     = "oai"\n  kind     = "OpenAI"\n  sku_name = "S0"\n\n  identity {\n    type = "SystemAssigned"\n  }\n}',
    },
  },
  triggers: AZURE_AI_ACCOUNT_TRIGGERS,
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, AZURE_AI_ACCOUNT_TYPES)) checkIdentity(context, resource);
  },
};

function checkIdentity(context: RuleContext, resource: IacResource): void {
  // Terraform may build the block with `dynamic "identity"`: not decidable.
  if (resource.get('dynamic')) return;
  const identity = resource.get('identity');
  if (!identity) {
    const fix = identityFix(context, resource);
    context.report({
      at: resource.declarationRange,
      messageId: 'missing',
      data: { resource: resourceLabel(resource) },
      ...(fix ? { fix } : {}),
    });
    return;
  }
  const type = knownValue(resource, 'identity.type');
  if (identity.kind === 'object' && sameWord(type, 'None')) {
    const at = resource.get('identity.type')?.range ?? identity.range;
    context.report({ at, messageId: 'none', data: { resource: resourceLabel(resource), type: String(type) } });
  }
}

/** Terraform: an `identity` block at the end of the body; ARM/Bicep: an `identity` member before the first one. */
function identityFix(context: RuleContext, resource: IacResource): Fix | undefined {
  if (resource.format === 'terraform') return appendBlockFix(context, resource, 'identity', { type: 'SystemAssigned' }, 'safe');
  return insertFix(context, resource, undefined, 'identity', { type: 'SystemAssigned' }, 'safe');
}
