import { readBicep } from '../inventory/iacBicep';
import type { IacProperty, IacResource } from '../inventory/iacResource';
import { readArmTemplate } from '../inventory/iacTemplates';
import { terraformResources } from '../inventory/iacTerraform';
import type { LineIndex } from '../text/lineIndex';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';

/**
 * Azure AI Services / Azure OpenAI accounts that still accept API keys, read from the shared IaC
 * model: ARM and Bicep `Microsoft.CognitiveServices/accounts` need `properties.disableLocalAuth: true`;
 * Terraform `azurerm_cognitive_account` needs `local_auth_enabled = false` and `azurerm_ai_services`
 * `local_authentication_enabled = false` (both default to keys on). A literal with the wrong value is
 * reported on the value, a missing setting on the resource's declaration; a computed value (a
 * parameter, a variable, an ARM expression) is left alone, since it cannot be judged from the file.
 */

interface LocalAuthSetting {
  /** Where the setting lives, from the resource body. */
  path: string;
  /** The literal that keeps keys off. */
  safe: boolean;
  /** The line to insert before the first member of `parent` when the setting is missing. */
  parent: string | undefined;
  insertLine: (indent: string) => string;
}

const AZURE_SETTING: LocalAuthSetting = {
  path: 'properties.disableLocalAuth',
  safe: true,
  parent: 'properties',
  insertLine: (indent) => `${indent}disableLocalAuth: true\n`,
};
const ARM_SETTING: LocalAuthSetting = { ...AZURE_SETTING, insertLine: (indent) => `${indent}"disableLocalAuth": true,\n` };

/** Resource types (lower case) and where each keeps the setting; ARM and Bicep share theirs. */
const SETTINGS: Readonly<Record<string, LocalAuthSetting>> = {
  'microsoft.cognitiveservices/accounts': AZURE_SETTING,
  azurerm_cognitive_account: {
    path: 'local_auth_enabled',
    safe: false,
    parent: undefined,
    insertLine: (indent) => `${indent}local_auth_enabled = false\n`,
  },
  azurerm_ai_services: {
    path: 'local_authentication_enabled',
    safe: false,
    parent: undefined,
    insertLine: (indent) => `${indent}local_authentication_enabled = false\n`,
  },
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
    for (const resource of resourcesOf(context)) {
      const setting = SETTINGS[resource.type.toLowerCase()];
      if (setting) checkResource(context, resource, resource.format === 'arm' ? ARM_SETTING : setting);
    }
  },
};

function resourcesOf(context: RuleContext): IacResource[] {
  if (context.kind === 'terraform') return context.tree ? terraformResources(context.tree, context.text) : [];
  if (context.kind === 'bicep') return readBicep(context.text);
  return readArmTemplate(context.text);
}

function checkResource(context: RuleContext, resource: IacResource, setting: LocalAuthSetting): void {
  // ARM names are often expressions (`[parameters('name')]`): only a plain name helps the reader.
  const label = resource.name && !resource.name.startsWith('[') ? `${resource.type} "${resource.name}"` : resource.type;
  // A computed body (`properties: union(…)`) may set it: nothing to judge.
  if (setting.parent && resource.get(setting.parent)?.kind === 'expression') return;
  const property = resource.get(setting.path);
  const data = { property: setting.path.split('.').at(-1) as string, resource: label, safe: String(setting.safe) };
  if (!property) {
    const fix = insertFix(context.lines, resource, setting);
    context.report({ at: resource.declarationRange, messageId: 'missing', data, ...(fix ? { fix } : {}) });
    return;
  }
  if (property.kind !== 'literal' || literalBoolean(resource, property.value) === setting.safe) return;
  const fix: Fix | undefined =
    typeof property.value === 'boolean'
      ? {
          title: `Set ${data.property} to ${setting.safe}`,
          edits: [{ range: property.range, newText: String(setting.safe) }],
          applicability: 'unsafe',
        }
      : undefined;
  context.report({
    at: property.range,
    messageId: 'enabled',
    data: { ...data, setting: `${data.property}${resource.format === 'terraform' ? ' = ' : ': '}${JSON.stringify(property.value)}` },
    ...(fix ? { fix } : {}),
  });
}

/** Terraform converts the strings "true" and "false" to booleans where a bool is expected. */
function literalBoolean(resource: IacResource, value: unknown): unknown {
  if (resource.format !== 'terraform' || typeof value !== 'string') return value;
  return value === 'true' ? true : value === 'false' ? false : value;
}

/**
 * Inserts the setting on a line of its own before the first member of its parent (the resource
 * body in Terraform, `properties` in ARM and Bicep), indented like that member. No fix when there
 * is no such member or it shares its line with other text: the edit would not be clean.
 */
function insertFix(lines: LineIndex, resource: IacResource, setting: LocalAuthSetting): Fix | undefined {
  const first = firstMember(resource, setting.parent);
  if (!first) return undefined;
  const lineStart = lines.lineStart(first.keyRange.start.line);
  const indent = lines.text.slice(lineStart, lines.offsetAt(first.keyRange.start));
  if (indent.trim() !== '') return undefined;
  const at = lines.positionAt(lineStart);
  return {
    title: `Set ${setting.path.split('.').at(-1)} to ${setting.safe}`,
    edits: [{ range: { start: at, end: at }, newText: setting.insertLine(indent) }],
    applicability: 'unsafe',
  };
}

/** The first property directly under `parent` (the top of the body when undefined), in document order. */
function firstMember(resource: IacResource, parent: string | undefined): IacProperty | undefined {
  const depth = parent ? parent.split('.').length + 1 : 1;
  const prefix = parent ? `${parent.toLowerCase()}.` : '';
  return resource.properties.find(
    (property) => property.path.toLowerCase().startsWith(prefix) && property.path.split('.').length === depth,
  );
}
