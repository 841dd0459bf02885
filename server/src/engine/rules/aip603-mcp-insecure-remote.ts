import { isLoopbackHost } from '../text/loopbackHost';
import { MCP_CONFIG_KINDS, MCP_CONFIG_TRIGGERS, mcpServersIn, stringPartRange } from './mcpServers';
import type { Rule, RuleContext } from './rule';

/**
 * Remote MCP servers reached over plain `http://` on another machine: tool descriptions, tool
 * results and the bearer token in `headers` cross the network unencrypted. Loopback hosts
 * (`localhost`, 127.0.0.0/8, `[::1]`) never leave the machine and are fine; a URL the client fills
 * in from a variable cannot be judged.
 */
export const aip603: Rule = {
  meta: {
    id: 'AIP603',
    name: 'mcp-insecure-remote',
    title: 'Remote MCP server over plain HTTP',
    explanation:
      "An MCP client sends every tool call, its arguments (often file contents and code) and the server's credentials (`Authorization` headers, OAuth tokens) to the server URL, and trusts the tool descriptions and results it gets back. Over `http://` to another host, anyone on the network path can read the tokens and rewrite tool descriptions or results, which the model then follows: a man-in-the-middle becomes a prompt injection with the agent's tools.",
    remediation:
      'Use `https://` for every remote MCP server (the fix rewrites the scheme). Keep plain HTTP only for a server on the same machine (`localhost`, `127.0.0.1`), and put credentials in `input:` or `env:` variables the client fills in, never in the file.',
    owasp: ['LLM03:2025', 'LLM02:2025'],
    cwe: ['CWE-319'],
    atlas: ['AML.T0051'],
    defaultSeverity: 'error',
    securitySeverity: 7.4,
    confidence: 'high',
    fileKinds: MCP_CONFIG_KINDS,
    fixable: true,
    // Unsafe: the server must also serve TLS; a host that only speaks HTTP stops answering.
    fixApplicability: 'unsafe',
    messages: {
      plainHttp:
        'MCP server "{server}" is reached over plain HTTP at {host}: tool calls, results and credentials cross the network unencrypted. Use https://.',
    },
    references: [
      { title: 'VS Code: MCP configuration reference', url: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration' },
      {
        title: 'MCP specification: security best practices',
        url: 'https://modelcontextprotocol.io/specification/draft/basic/security_best_practices',
      },
    ],
    since: '0.2.0',
    example: {
      language: 'json',
      bad: '{ "servers": { "docs": { "type": "http", "url": "http://mcp.example.com/mcp" } } }',
      good: '{ "servers": { "docs": { "type": "http", "url": "https://mcp.example.com/mcp" } } }',
    },
  },
  triggers: MCP_CONFIG_TRIGGERS,
  check(context: RuleContext) {
    for (const server of mcpServersIn(context)) {
      const urlNode = server.url;
      const url = urlNode?.string;
      if (!urlNode || !url || !/^http:\/\//i.test(url)) continue;
      const host = hostOf(url);
      if (!host || isLoopbackHost(host)) continue;
      const scheme = stringPartRange(urlNode, context.lines, 0, 'http'.length);
      context.report({
        at: urlNode.range,
        messageId: 'plainHttp',
        data: { server: server.name, host },
        ...(scheme
          ? { fix: { title: 'Use https://', edits: [{ range: scheme, newText: 'https' }], applicability: 'unsafe' as const } }
          : {}),
      });
    }
  },
};

/** The host of a URL as written; undefined for a host the client fills in (`${input:host}`) or a URL that does not parse. */
function hostOf(url: string): string | undefined {
  if (/^http:\/\/[^/]*[$%{]/i.test(url)) return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}
