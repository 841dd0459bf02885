import type { Advisory } from '../advisories/advisories';
import { PROPERTY_PREFIX } from '../inventory/components';
import type { AiComponent } from '../inventory/types';
import { declaringOccurrences, judgePackage, verdictReport } from './packageAdvisories';
import type { WorkspaceRuleContext } from './rule';
import { workspaceRule } from './rule';

/**
 * Known-vulnerable MCP tooling (`mcp-remote` 0.0.5–0.1.15, `@modelcontextprotocol/inspector` < 0.14.1,
 * the Python `mcp` SDK and `fastmcp` advisories), wherever the workspace uses it: an MCP server an
 * MCP client config launches at a pinned version (`npx mcp-remote@0.1.10`, the servers the shared
 * MCP reader gives the AI-BOM), or a manifest or lockfile that declares it. It takes the MCP tooling
 * advisories from AIP901, so a package is reported once.
 */

const isMcpTooling = (advisory: Advisory) => advisory.mcpTooling === true;

/** Package runners by ecosystem: what an MCP server's `command` launches packages from. */
const RUNNER_ECOSYSTEMS: Readonly<Record<string, string>> = {
  npx: 'npm',
  bunx: 'npm',
  pnpm: 'npm',
  yarn: 'npm',
  uvx: 'pypi',
  uv: 'pypi',
  pipx: 'pypi',
};

export const aip609 = workspaceRule({
  meta: {
    id: 'AIP609',
    name: 'mcp-known-vulnerable-tool',
    title: 'MCP tooling at a version with a known vulnerability',
    explanation:
      'MCP proxies, inspectors and SDKs run next to the developer with access to their machine and tokens. `mcp-remote` 0.0.5–0.1.15 runs an OS command from a crafted `authorization_endpoint` of an untrusted server (CVE-2025-6514); `@modelcontextprotocol/inspector` before 0.14.1 lets a web page reach its proxy and launch commands (CVE-2025-49596); the Python `mcp` SDK and `fastmcp` have denial-of-service, DNS-rebinding and session advisories. A pinned old version in an MCP client config or a manifest keeps that exposure on every start.',
    remediation:
      'Pin the fixed version the message names (the quick fix edits the config or manifest), regenerate lockfiles, and restart the MCP client so it launches the new version.',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-1395'],
    atlas: ['AML.T0010.001'],
    defaultSeverity: 'error',
    securitySeverity: 8.0,
    confidence: 'high',
    fixable: true,
    fixApplicability: 'unsafe',
    messages: {
      vulnerable: '{package} {version} ({origin}) is affected by {count}: {advisories} ({summary}). Upgrade to {fixed}.{lockfileNote}',
      serverVulnerable:
        'The MCP server {server} launches {package} {version}, which is affected by {count}: {advisories} ({summary}). Pin {fixed} or later.',
    },
    references: [
      { title: 'CVE-2025-6514 (mcp-remote)', url: 'https://www.cve.org/CVERecord?id=CVE-2025-6514' },
      { title: 'CVE-2025-49596 (MCP Inspector)', url: 'https://www.cve.org/CVERecord?id=CVE-2025-49596' },
    ],
    since: '0.1.0',
    example: {
      language: 'json',
      bad: '{ "servers": { "remote": { "command": "npx", "args": ["-y", "mcp-remote@0.1.10", "https://example.com/mcp"] } } }',
      good: '{ "servers": { "remote": { "command": "npx", "args": ["-y", "mcp-remote@0.1.16", "https://example.com/mcp"] } } }',
    },
  },
  check(context: WorkspaceRuleContext) {
    for (const component of context.bom.components) {
      if (component.kind === 'sdk') reportPackage(context, component);
      else if (component.kind === 'plugin') reportServer(context, component);
    }
  },
});

function reportPackage(context: WorkspaceRuleContext, component: AiComponent): void {
  for (const occurrence of declaringOccurrences(component)) {
    const verdict = judgePackage(component, component.ecosystem, component.name, isMcpTooling, occurrence);
    // Every MCP tooling advisory lists its fix (a data test checks it), so a verdict always has one.
    if (verdict?.fixVersion) context.report(component, occurrence, verdictReport(verdict, component, occurrence));
  }
}

/** An MCP server launched from a package at a pinned version (an unpinned one starts the newest release). */
function reportServer(context: WorkspaceRuleContext, server: AiComponent): void {
  const launched = property(server, 'mcp:package');
  const command = property(server, 'mcp:command');
  const at = launched ? launched.lastIndexOf('@') : -1;
  if (!launched || at <= 0 || !command) return;
  const name = launched.slice(0, at);
  const version = launched.slice(at + 1);
  const ecosystem = RUNNER_ECOSYSTEMS[command];
  const pinned = { ...server, version, properties: [] };
  const verdict = judgePackage(pinned, ecosystem, name, isMcpTooling);
  if (!verdict?.fixVersion) return;
  const report = verdictReport(verdict, pinned, server.occurrences[0]);
  for (const occurrence of server.occurrences) {
    context.report(server, occurrence, {
      ...report,
      messageId: 'serverVulnerable',
      data: { ...report.data, server: server.name },
      // The server entry spans a few lines; its launch argument is at most a few lines below the name.
      fix: {
        title: `Pin ${name} ${verdict.fixVersion}`,
        replacements: [
          { find: `${name}@${version}`, replace: `${name}@${verdict.fixVersion}` },
          { find: `${name}==${version}`, replace: `${name}==${verdict.fixVersion}` },
        ],
        lookAhead: 12,
        // A new version of a tool can behave differently: a person applies it.
        applicability: 'unsafe',
      },
    });
  }
}

function property(component: AiComponent, name: string): string | undefined {
  return component.properties.find((entry) => entry.name === `${PROPERTY_PREFIX}${name}`)?.value;
}
