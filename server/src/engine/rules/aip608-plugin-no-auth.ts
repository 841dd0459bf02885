import {
  type ApiOperation,
  type PluginFacts,
  type PluginFunction,
  type PluginRuntime,
  pluginFactsAt,
  type ValueSite,
} from '../inventory/pluginFacts';
import type { AiComponent, Occurrence } from '../inventory/types';
import { type KindReport, type WorkspaceRuleContext, workspaceRule } from './rule';

/**
 * AI plugins that let a model change state in an API without anyone's identity or consent: an
 * OpenAI `ai-plugin.json` or Microsoft 365 API plugin runtime with auth `none` whose OpenAPI
 * description has write operations, and M365 functions that change state while their manifest turns
 * the confirmation off. The description is another file, so this reads the merged AI-BOM: the
 * manifest and description collectors leave their facts beside it (`inventory/pluginFacts.ts`).
 */

/** `data_handling` values that say a function changes something outside itself. */
const STATE_CHANGING = new Set(['ResourceStateUpdate', 'DataExport']);
const SHOWN_OPERATIONS = 3;

export const aip608 = workspaceRule({
  meta: {
    id: 'AIP608',
    name: 'plugin-no-auth',
    title: 'AI plugin calls a state-changing API without authentication or confirmation',
    explanation:
      "An AI plugin hands an API to a model: the model decides, from the conversation and whatever content it read, which operations to call and with what arguments. When the plugin runtime has no authentication (`auth.type` `none` in an OpenAI `ai-plugin.json`, `None` in a Microsoft 365 API plugin) the API cannot tell who asked, so its write operations (POST, PUT, PATCH, DELETE in the referenced OpenAPI description) are open to every user of the agent and to anyone who reaches the endpoint, and a prompt injection in a document or email can make the model create, change or delete data on nobody's behalf. Microsoft 365 Copilot asks the user before a state-changing call; a function whose manifest sets `confirmation.type` to `None`, or declares `ResourceStateUpdate`/`DataExport` yet marks itself `isNonConsequential`, removes that last human check.",
    remediation:
      'Protect the API and declare it: `OAuthPluginVault` (or `ApiKeyPluginVault`) with a `reference_id` registered in the Teams developer portal for Microsoft 365 plugins, `oauth` or `service_http` for OpenAI plugins, and validate the token in the API. Keep the default confirmation for functions that change state (remove `"type": "None"`, use `AdaptiveCard` with a title and body that say what will change, leave `isNonConsequential` false). If the API is deliberately public and read-only, remove the write operations from the description the plugin uses.',
    owasp: ['LLM06:2025'],
    cwe: ['CWE-306', 'CWE-862'],
    atlas: ['AML.T0053'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'medium',
    fixable: false,
    messages: {
      noAuthWrites:
        'The plugin {plugin} calls its API with auth type "{auth}" while {spec} has {count} write operation(s) the model can call for anyone: {operations}.',
      noConfirmation:
        'The function {function} of {plugin} changes state ({reason}) but its confirmation type is "None": the user is not asked before it runs.',
      nonConsequential:
        'The function {function} of {plugin} declares {reason} yet sets isNonConsequential: true, which lets users always allow it without confirming.',
    },
    references: [
      {
        title: 'API plugin manifest schema 2.4 for Microsoft 365 Copilot (runtime auth, confirmation, security_info)',
        url: 'https://learn.microsoft.com/en-us/microsoft-365-copilot/extensibility/api-plugin-manifest-2.4',
      },
      {
        title: 'Configure authentication for API plugins in agents',
        url: 'https://learn.microsoft.com/en-us/microsoft-365-copilot/extensibility/api-plugin-authentication',
      },
      {
        title: 'Confirmation prompts for API plugins for Microsoft 365 Copilot',
        url: 'https://learn.microsoft.com/en-us/microsoft-365-copilot/extensibility/api-plugin-confirmation-prompts',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'json',
      bad: '{\n  "schema_version": "v2.2",\n  "name_for_human": "Repairs",\n  "namespace": "repairs",\n  "runtimes": [\n    { "type": "OpenApi", "auth": { "type": "None" }, "spec": { "url": "apiSpecificationFile/repair.yml" } }\n  ]\n}\n// repair.yml has `post: { operationId: createRepair }` under /repairs',
      good: '{\n  "schema_version": "v2.2",\n  "name_for_human": "Repairs",\n  "namespace": "repairs",\n  "runtimes": [\n    {\n      "type": "OpenApi",\n      "auth": { "type": "OAuthPluginVault", "reference_id": "OAUTH2_REGISTRATION_ID" },\n      "spec": { "url": "apiSpecificationFile/repair.yml" }\n    }\n  ]\n}',
    },
    limits: [
      'The OpenAPI description must be a file of the scanned workspace (Microsoft 365: `spec.url` relative to the manifest, or an inline `api_description`; OpenAI: the path of `api.url` under the folder that holds `.well-known/`). A description only reachable over the network, or not found at that path, gives no finding.',
      "Functions count as state-changing when their name is the `operationId` of a write operation of their runtime's description, or when `security_info.data_handling` says `ResourceStateUpdate` or `DataExport`. A function without a `confirmation` object keeps Copilot's default confirmation and is not reported.",
      "Write operations are POST, PUT, PATCH and DELETE, except a POST whose `operationId` or last path segment names a search or query (Microsoft Graph `POST /search/query`) and an operation whose OpenAPI `security` requirement (its own or the document's) names a scheme: the API then refuses anonymous calls.",
      'Authentication enforced by the API itself (a gateway, a shared secret in the URL) is not visible in the manifest; suppress the finding with a note when that is the case.',
    ],
  },
  check(context: WorkspaceRuleContext) {
    for (const component of context.bom.components) {
      if (component.kind !== 'plugin') continue;
      for (const occurrence of component.occurrences) {
        const facts = pluginFactsAt(occurrence);
        if (facts?.runtimes) judgePlugin(context, component, occurrence, facts);
      }
    }
  },
});

function judgePlugin(context: WorkspaceRuleContext, plugin: AiComponent, occurrence: Occurrence, facts: PluginFacts): void {
  const report = (site: ValueSite, key: string, report: KindReport) =>
    context.report(
      plugin,
      { path: occurrence.path, line: site.line, evidence: 'config', symbol: site.value },
      { ...report, fingerprintText: key },
    );
  const runtimes = facts.runtimes ?? [];
  runtimes.forEach((runtime, index) => {
    const writes = writesServed(runtime);
    if (runtime.auth.value.toLowerCase() !== 'none' || writes.length === 0) return;
    const data = {
      plugin: plugin.name,
      auth: runtime.auth.value,
      spec: runtime.spec ?? 'its inline API description',
      count: String(writes.length),
      operations: listed(writes),
    };
    report(runtime.auth, `runtime:${index}`, { messageId: 'noAuthWrites', data });
  });
  for (const fn of facts.functions ?? []) {
    const reason = stateChange(fn, runtimes);
    if (!reason) continue;
    const data = { function: fn.name, plugin: plugin.name, reason: reason.text };
    if (fn.confirmation?.value.toLowerCase() === 'none')
      report(fn.confirmation, `function:${fn.name}`, { messageId: 'noConfirmation', data });
    else if (fn.nonConsequential && reason.declared)
      report(fn.nonConsequential, `function:${fn.name}`, { messageId: 'nonConsequential', data });
  }
}

/** The write operations of the runtime's description that the runtime serves (`run_for_functions`, wildcards allowed). */
function writesServed(runtime: PluginRuntime): ApiOperation[] {
  const writes = runtime.writeOperations ?? [];
  if (!runtime.runFor) return writes;
  const patterns = runtime.runFor.map(wildcard);
  return writes.filter((operation) => operation.operationId && patterns.some((pattern) => pattern.test(operation.operationId as string)));
}

function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}

/** Why a function changes state: its operation's method, or what its manifest declares (`declared`). */
function stateChange(fn: PluginFunction, runtimes: PluginRuntime[]): { text: string; declared: boolean } | undefined {
  const declared = fn.dataHandling.filter((value) => STATE_CHANGING.has(value));
  if (declared.length > 0) return { text: `data_handling ${declared.join(', ')}`, declared: true };
  const operation = runtimes.flatMap(writesServed).find((write) => write.operationId === fn.name);
  return operation ? { text: `${operation.method} ${operation.path}`, declared: false } : undefined;
}

function listed(operations: ApiOperation[]): string {
  const shown = operations.slice(0, SHOWN_OPERATIONS).map((operation) => `${operation.method} ${operation.path}`);
  return operations.length > SHOWN_OPERATIONS ? `${shown.join(', ')}, …` : shown.join(', ');
}
