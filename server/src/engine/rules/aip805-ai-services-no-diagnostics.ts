import type { IacResource } from '../inventory/iacResource';
import { AZURE_AI_ACCOUNT_TYPES, iacResources, resourceLabel } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure AI Services / Azure OpenAI accounts with no diagnostic settings in the same Bicep or ARM
 * template: Bicep `Microsoft.Insights/diagnosticSettings` with `scope: <account>`, ARM diagnostic
 * settings (any in the template counts: their scope is an expression). Whenever the file might
 * configure them elsewhere (a diagnostic setting whose target cannot be told, a module given the
 * account), the account is not reported. Terraform is not judged: a module is a folder, and its
 * `azurerm_monitor_diagnostic_setting` usually sits in a file of its own (`diagnostic_setting.tf`),
 * which a rule reading one file cannot see.
 */
export const aip805: Rule = {
  meta: {
    id: 'AIP805',
    name: 'ai-services-no-diagnostics',
    title: 'Diagnostic logs in Azure AI services resources should be enabled',
    explanation:
      'Without diagnostic settings an Azure AI Services or Azure OpenAI account keeps no audit and request logs beyond the platform metrics: who called which deployment, from where, and what was refused cannot be investigated after an incident, and abuse of a leaked key goes unnoticed. Defender for Cloud reports it as "Diagnostic logs in Azure AI services resources should be enabled".',
    remediation:
      'Add a diagnostic setting scoped to the account (`Microsoft.Insights/diagnosticSettings` with `scope: account` in Bicep, or a child `providers/diagnosticSettings` in ARM) that sends the `Audit` and `RequestResponse` categories (or the `allLogs` group) to a Log Analytics workspace or storage account.',
    owasp: ['LLM10:2025'],
    cwe: ['CWE-778'],
    atlas: [],
    defaultSeverity: 'information',
    securitySeverity: 2.0,
    confidence: 'medium',
    fileKinds: ['bicep', 'json'],
    fixable: false,
    messages: {
      noLogs:
        'No diagnostic setting in this file targets {resource}. Defender for Cloud: "Diagnostic logs in Azure AI services resources should be enabled".',
    },
    references: [
      {
        title: 'Enable diagnostic logging for Azure AI services',
        url: 'https://learn.microsoft.com/azure/ai-services/diagnostic-logging',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'bicep',
      bad: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  sku: { name: 'S0' }\n}",
      good: "resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: name\n  kind: 'OpenAI'\n  sku: { name: 'S0' }\n}\n\nresource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {\n  name: 'logs'\n  scope: ai\n  properties: {\n    workspaceId: workspace.id\n    logs: [ { categoryGroup: 'allLogs', enabled: true } ]\n  }\n}",
    },
  },
  triggers: ['Microsoft.CognitiveServices/accounts', 'microsoft.cognitiveservices/accounts'],
  check(context: RuleContext) {
    const resources = iacResources(context);
    const covers = coverage(resources);
    for (const resource of resources) {
      if (!(AZURE_AI_ACCOUNT_TYPES as readonly string[]).includes(resource.type.toLowerCase()) || covers(resource)) continue;
      context.report({ at: resource.declarationRange, messageId: 'noLogs', data: { resource: resourceLabel(resource) } });
    }
  },
};

const DIAGNOSTIC_TYPES = ['microsoft.insights/diagnosticsettings'];

/** Which accounts the file's diagnostic settings (or module calls) may cover. */
function coverage(resources: IacResource[]): (account: IacResource) => boolean {
  const targets: string[] = [];
  let unknownTarget = false;
  for (const resource of resources) {
    const type = resource.type.toLowerCase();
    // ARM scopes are expressions; nested or child forms (`accounts/providers/diagnosticSettings`) too.
    if (resource.format === 'arm' && type.endsWith('/diagnosticsettings')) unknownTarget = true;
    if (type === 'module') targets.push(resource.properties.map((property) => String(property.value)).join('\n'));
    if (!DIAGNOSTIC_TYPES.includes(type)) continue;
    const target = resource.get('scope');
    // A target naming no resource of this file (a variable, `each.value`, a module output) may be the account.
    const named = target?.kind === 'expression' && resources.some((other) => other !== resource && references(String(target.value), other));
    if (!named) unknownTarget = true;
    else targets.push(String(target?.value));
  }
  return (account) => unknownTarget || targets.some((target) => references(target, account));
}

/** Does a Bicep expression name the resource's symbol (`openai`, `openai.id`, `openai.name`)? */
function references(expression: string, account: IacResource): boolean {
  if (!account.name) return false;
  const escaped = account.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\w.])${escaped}(?![\\w-])`).test(expression);
}
