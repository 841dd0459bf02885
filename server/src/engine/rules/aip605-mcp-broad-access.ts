import { type McpServer, placedLaunch } from '../inventory/mcpConfigs';
import type { ConfigNode } from '../parse/configDocument';
import { launchLine, MCP_CONFIG_KINDS, MCP_CONFIG_TRIGGERS, mcpServersIn } from './mcpServers';
import type { Report, Rule, RuleContext } from './rule';

/**
 * MCP servers given far more of the machine than their task needs:
 * - a filesystem-style server (its package, image or name says `filesystem`) allowed the root
 *   folder, a drive root or the whole home folder (`/`, `~`, `$HOME`, `${userHome}`, `C:\`);
 * - a container server run `--privileged`, on the host network, with the host's root folder or home
 *   mounted, or with the Docker socket (which is root on the host).
 * Only `docker run` options before the image count: what follows the image is the server's own command.
 */

const FILESYSTEM_SERVER = /file-?system|\bfs[-_]?mcp\b|\bmcp[-_]?fs\b|server-fs\b/i;
/** Paths that mean "everything" or "the whole home folder", as written in configs of any client. */
const BROAD_PATH =
  /^(?:\/|\/home\/?|\/Users\/?|~\/?|\$HOME\/?|\$\{HOME\}\/?|\$\{userHome\}\/?|\$\{env:HOME\}\/?|\$\{env:USERPROFILE\}\\?|%USERPROFILE%\\?|[A-Za-z]:[\\/]?|[A-Za-z]:\\\\)$/;
const CONTAINER_RUNNERS = new Set(['docker', 'podman']);

export const aip605: Rule = {
  meta: {
    id: 'AIP605',
    name: 'mcp-broad-access',
    title: 'MCP server given access to the whole machine or home folder',
    explanation:
      'An agent reaches everything its MCP servers can reach. A filesystem server allowed `/`, a drive root or the home folder lets any prompt injection the agent reads (a web page, an issue, a tool result) list and read SSH keys, cloud credentials, browser profiles and other projects, or overwrite shell start-up files. A containerised server run `--privileged`, on the host network, with `/` or the Docker socket mounted has no container boundary left.',
    remediation:
      'Give each server only what its task needs: the workspace folder (the `workspaceFolder` variable) or a dedicated folder for a filesystem server; no `--privileged`, no `--network host` (publish the one port instead), no mount of `/`, the home folder or `/var/run/docker.sock` for a container server. VS Code users can also turn on the MCP sandbox (`sandboxEnabled`) to restrict file and network access.',
    owasp: ['LLM06:2025'],
    cwe: ['CWE-250', 'CWE-732'],
    atlas: ['AML.T0053'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'high',
    fileKinds: MCP_CONFIG_KINDS,
    fixable: false,
    messages: {
      broadPath:
        'Filesystem MCP server "{server}" is allowed {path}: the agent can read and write {what}. Allow only the workspace or the folder the task needs.',
      privileged: 'MCP server "{server}" runs in a container with --privileged: it has full access to the host. Remove the flag.',
      hostNetwork:
        'MCP server "{server}" runs a container on the host network ({flag}): it reaches every local service. Publish only the port it needs.',
      hostMount: 'MCP server "{server}" mounts {source} of the host into its container: {what}. Mount only the folder it needs.',
    },
    references: [
      {
        title: 'MCP reference servers: filesystem (allowed directories)',
        url: 'https://github.com/modelcontextprotocol/servers/tree/main/src/filesystem',
      },
      {
        title: 'Docker: runtime privilege and Linux capabilities',
        url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities',
      },
      { title: 'VS Code: MCP server sandboxing', url: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration' },
    ],
    since: '0.2.0',
    example: {
      language: 'json',
      bad: '{ "servers": { "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"] } } }',
      good: '{ "servers": { "files": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "./docs"] } } }',
    },
  },
  triggers: MCP_CONFIG_TRIGGERS,
  check(context: RuleContext) {
    for (const server of mcpServersIn(context)) {
      const line = launchLine(server);
      if (!line) continue;
      const reports = CONTAINER_RUNNERS.has(line.program)
        ? containerReports(server, line.program, line.args)
        : filesystemReports(server, line.args);
      for (const report of reports) context.report(report);
    }
  },
};

function filesystemReports(server: McpServer, args: string[]): Report[] {
  const identity = [server.name, server.command?.string ?? '', ...args.slice(0, 3)].join(' ');
  if (!FILESYSTEM_SERVER.test(identity)) return [];
  return server.args.flatMap((node, i) => {
    const path = pathValue(args[i]);
    if (!path || !BROAD_PATH.test(path)) return [];
    return [{ at: node.range, messageId: 'broadPath', data: { server: server.name, path, what: reach(path) } }];
  });
}

/** The path an argument gives: the argument, or the value of `--option=path`. */
function pathValue(arg: string): string | undefined {
  if (!arg.startsWith('-')) return arg;
  const inline = /^--?[\w-]+=(.+)$/.exec(arg);
  return inline?.[1];
}

function reach(path: string): string {
  if (/^(?:\/|[A-Za-z]:[\\/]*)$/.test(path)) return 'every file on the machine';
  if (/^\/(?:home|Users)/.test(path)) return "every user's home folder";
  return 'the whole home folder (SSH keys, cloud credentials, other projects)';
}

/** Options of `docker run` before the image. */
function containerReports(server: McpServer, program: string, args: string[]): Report[] {
  const launch = placedLaunch(program, args);
  const end = launch ? launch.argIndex : args.length;
  const reports: Report[] = [];
  for (let i = 0; i < end; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const valueIndex = inline === undefined ? i + 1 : i;
    const value = inline ?? args[i + 1] ?? '';
    const node = server.args[valueIndex] ?? server.args[i];
    const report = containerOption(server.name, flag, value, inline === undefined ? server.args[i] : node, node);
    if (report) reports.push(report);
  }
  return reports;
}

function containerOption(server: string, flag: string, value: string, flagNode: ConfigNode, valueNode: ConfigNode): Report | undefined {
  if (flag === '--privileged') return { at: flagNode.range, messageId: 'privileged', data: { server } };
  if ((flag === '--network' || flag === '--net') && value === 'host') {
    return { at: valueNode.range, messageId: 'hostNetwork', data: { server, flag: `${flag} host` } };
  }
  const source = flag === '-v' || flag === '--volume' ? value.split(':')[0] : flag === '--mount' ? mountSource(value) : undefined;
  if (source === undefined) return undefined;
  const what = hostMountReach(source);
  return what ? { at: valueNode.range, messageId: 'hostMount', data: { server, source, what } } : undefined;
}

/** `type=bind,source=/,target=/host` → `/`. */
function mountSource(value: string): string | undefined {
  return /(?:^|,)(?:source|src)=([^,]+)/.exec(value)?.[1];
}

function hostMountReach(source: string): string | undefined {
  if (/docker\.sock$/.test(source)) return 'the Docker socket gives root on the host';
  return BROAD_PATH.test(source) ? `the container can read and write ${reach(source)}` : undefined;
}
