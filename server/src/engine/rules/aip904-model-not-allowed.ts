import type { Policy } from '../config/config';
import { PROPERTY_PREFIX } from '../inventory/components';
import type { AiComponent } from '../inventory/types';
import type { KindReport, WorkspaceRuleContext } from './rule';
import { workspaceRule } from './rule';

/**
 * Policy as code: the workspace's `.ai-posture.json` `policy` names the models, providers and MCP
 * servers a team may use (glob patterns such as `gpt-4o*`). Every AI-BOM occurrence of anything
 * else is an error on its line. A list that is absent or empty restricts nothing.
 */
export const aip904 = workspaceRule({
  meta: {
    id: 'AIP904',
    name: 'model-not-allowed',
    title: 'Model, provider or MCP server not allowed by the workspace policy',
    explanation:
      'Organisations approve AI models, providers and MCP servers for data protection, cost, licensing and security reasons. A model id, a provider or an MCP server that the workspace policy (`policy` in `.ai-posture.json`) does not allow, or explicitly denies, sends data or trust somewhere nobody reviewed. The policy is checked against the AI-BOM, so every place the code, configuration or infrastructure names the component is reported.',
    remediation:
      'Use an approved model, provider or MCP server instead, or, if this one has been approved, add it to `policy.allowedModels`, `policy.allowedProviders` or `policy.allowedMcpServers` (glob patterns such as `gpt-4o*` are allowed) and remove it from `policy.deniedModels`.',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-1357'],
    atlas: ['AML.T0010'],
    defaultSeverity: 'error',
    securitySeverity: 5.0,
    confidence: 'high',
    fixable: false,
    messages: {
      modelDenied: 'The model {model} is denied by the workspace policy (deniedModels: {pattern}).',
      modelNotAllowed: 'The model {model} is not on the workspace policy allow-list (allowedModels).',
      providerNotAllowed: '{name} uses the provider {provider}, which is not on the workspace policy allow-list (allowedProviders).',
      mcpServerNotAllowed: 'The MCP server {server} is not on the workspace policy allow-list (allowedMcpServers).',
    },
    // The policy is documented with the configuration (docs/configuration.md); OWASP and CWE links are added.
    references: [],
    since: '0.1.0',
    example: {
      language: 'python',
      bad: '# .ai-posture.json: "policy": { "allowedModels": ["gpt-4o*"] }\nclient.chat.completions.create(model="gpt-3.5-turbo", messages=messages)',
      good: 'client.chat.completions.create(model="gpt-4o-mini", messages=messages)',
    },
  },
  check(context: WorkspaceRuleContext) {
    const policy = context.config.policy;
    // A model call names its provider's service on the same line: one provider finding per line.
    const providerLines = new Set<string>();
    for (const component of context.bom.components) {
      const violation = policyViolation(component, policy);
      if (!violation) continue;
      for (const occurrence of component.occurrences) {
        // A commented-out alternative (`// const MODEL = '…'`) is not in use until someone uncomments it.
        if (occurrence.commented) continue;
        if (violation.messageId === 'providerNotAllowed') {
          const where = `${occurrence.path}:${occurrence.line ?? 0}:${component.provider}`;
          if (providerLines.has(where)) continue;
          providerLines.add(where);
        }
        context.report(component, occurrence, violation);
      }
    }
  },
});

/** The first rule of the policy the component breaks (a denied model before an unlisted one before its provider). */
function policyViolation(component: AiComponent, policy: Policy): KindReport | undefined {
  if (component.kind === 'model') {
    const names = modelNames(component);
    const denied = policy.deniedModels?.find((pattern) => names.some((name) => globMatches(pattern, name)));
    if (denied) return { messageId: 'modelDenied', data: { model: component.name, pattern: denied } };
    if (!allowedBy(policy.allowedModels, names)) return { messageId: 'modelNotAllowed', data: { model: component.name } };
  }
  if ((component.kind === 'model' || component.kind === 'service') && component.provider) {
    if (!allowedBy(policy.allowedProviders, [component.provider])) {
      return { messageId: 'providerNotAllowed', data: { name: component.name, provider: component.provider } };
    }
  }
  if (isMcpServer(component) && !allowedBy(policy.allowedMcpServers, mcpServerNames(component))) {
    return { messageId: 'mcpServerNotAllowed', data: { server: component.name } };
  }
  return undefined;
}

/** True when the list is absent or empty (no restriction), or some name matches one of its patterns. */
function allowedBy(patterns: readonly string[] | undefined, names: readonly string[]): boolean {
  if (!patterns || patterns.length === 0) return true;
  return patterns.some((pattern) => names.some((name) => globMatches(pattern, name)));
}

/** A model as a policy may name it: its id, and `provider/id`. */
function modelNames(component: AiComponent): string[] {
  return component.provider ? [component.name, `${component.provider}/${component.name}`] : [component.name];
}

function isMcpServer(component: AiComponent): boolean {
  return component.kind === 'plugin' && propertyValues(component, 'plugin:type').includes('mcp-server');
}

/**
 * An MCP server as a policy names it: the package it launches (without version) or its endpoint;
 * its configured name only when it has neither, since anyone can name a server after an allowed package.
 */
function mcpServerNames(component: AiComponent): string[] {
  const identities = [...propertyValues(component, 'mcp:package').map(withoutVersion), ...(component.endpoints ?? [])];
  return identities.length > 0 ? identities : [component.name];
}

/** `@scope/name@1.2.3` → `@scope/name` (the BOM writes every launched package as `name@version`). */
function withoutVersion(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
}

function propertyValues(component: AiComponent, name: string): string[] {
  return component.properties.filter((entry) => entry.name === `${PROPERTY_PREFIX}${name}`).map((entry) => entry.value);
}

const globCache = new Map<string, RegExp>();

/** Case-insensitive glob: `*` any run of characters, `?` one character, everything else literal. */
export function globMatches(pattern: string, name: string): boolean {
  let compiled = globCache.get(pattern);
  if (!compiled) {
    const source = [...pattern]
      .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    compiled = new RegExp(`^${source}$`, 'i');
    globCache.set(pattern, compiled);
  }
  return compiled.test(name);
}
