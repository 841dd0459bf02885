import { type ConfigNode, frontMatterFor } from '../parse/configDocument';
import { serviceComponent } from './components';
import { mcpServerPlugin, transportOf } from './mcpConfigs';
import { collectPrompt } from './prompts';
import type { Occurrence, PartialComponent } from './types';

/**
 * GitHub Agentic Workflows (gh-aw): `.github/workflows/<name>.md` whose YAML front matter holds the
 * workflow's `on` triggers and the agent's settings (`engine`, `tools`, `mcp-servers`,
 * `safe-outputs`, …) and whose Markdown body is the agent's prompt. `gh aw compile` turns it into
 * `<name>.lock.yml`, whose `github/gh-aw-actions` steps the CI-agent collector lists (`ciAgents.ts`).
 * From the source this lists the service of the engine (`copilot`, the default, `claude`, `codex`,
 * `gemini`), the MCP servers the agent is given (`mcp-servers:`, the built-in `github` and
 * `playwright` tools, the `safeoutputs` server gh-aw adds for `safe-outputs:`), and the prompt.
 * A Markdown page in the workflows folder without such front matter is documentation.
 */

const WORKFLOW_MARKDOWN = /(?:^|\/)\.github\/workflows\/[^/]+\.md$/i;

/** Front matter keys only an agentic workflow has (beside `on`, which any workflow has). */
const AGENT_KEYS = ['engine', 'tools', 'mcp-servers', 'safe-outputs', 'safe-inputs', 'network', 'imports'];

/** The service each engine calls; `copilot` is gh-aw's default engine. */
const ENGINE_SERVICES: Record<string, string> = {
  copilot: 'github-copilot',
  claude: 'anthropic',
  codex: 'openai',
  gemini: 'google-gemini',
};
const DEFAULT_ENGINE = 'copilot';

/** Built-in tools gh-aw runs as MCP servers: the container it starts, or the hosted endpoint of `mode: remote`. */
const BUILT_IN_SERVERS: Record<string, { image: string; remote?: string }> = {
  github: { image: 'ghcr.io/github/github-mcp-server', remote: 'https://api.githubcopilot.com/mcp/' },
  playwright: { image: 'mcr.microsoft.com/playwright/mcp' },
};

const CLIENT = 'gh-aw';

export function isAgenticWorkflowPath(path: string): boolean {
  return WORKFLOW_MARKDOWN.test(path);
}

export function collectAgenticWorkflow(path: string, text: string): PartialComponent[] {
  const document = frontMatterFor(text);
  const root = document?.errors.length === 0 ? document.root : undefined;
  if (root?.kind !== 'object' || root.get('on') === undefined || !AGENT_KEYS.some((key) => root.get(key) !== undefined)) return [];
  const components: PartialComponent[] = [];
  const engine = engineService(path, root);
  if (engine) components.push(engine);
  components.push(...builtInServers(path, root.get('tools')));
  components.push(...declaredServers(path, root.get('mcp-servers')));
  const safeOutputs = root.get('safe-outputs');
  if (safeOutputs?.kind === 'object') {
    components.push(
      mcpServerPlugin({
        name: 'safeoutputs',
        client: CLIENT,
        transport: 'stdio',
        args: [],
        env: [],
        headers: [],
        occurrence: at(path, safeOutputs),
      }),
    );
  }
  components.push(...collectPrompt(path, text, { type: 'agentic-workflow', tool: CLIENT }));
  return components;
}

function at(path: string, node: ConfigNode): Occurrence {
  return { path, line: (node.keyRange ?? node.range).start.line + 1, evidence: 'config', symbol: String(node.key ?? '') };
}

/** `engine: claude` or `engine: { id: codex, model: … }`; without one, the default engine. */
function engineService(path: string, root: ConfigNode): PartialComponent | undefined {
  const engine = root.get('engine');
  const id = (engine?.kind === 'object' ? engine.get('id')?.string : engine?.string) ?? (engine ? undefined : DEFAULT_ENGINE);
  const service = id ? ENGINE_SERVICES[id.toLowerCase()] : undefined;
  return service ? serviceComponent(service, at(path, engine ?? (root.get('on') as ConfigNode))) : undefined;
}

/** `tools: { github: { toolsets: […] } }`, `tools: { playwright: }`: servers gh-aw starts for the built-in tools. */
function builtInServers(path: string, tools: ConfigNode | undefined): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const tool of tools?.kind === 'object' ? tools.children : []) {
    const server = BUILT_IN_SERVERS[String(tool.key)];
    if (!server || tool.value === false) continue;
    const remote = tool.kind === 'object' && tool.get('mode')?.string === 'remote' ? server.remote : undefined;
    const base = { name: String(tool.key), client: CLIENT, env: [], headers: [], occurrence: at(path, tool) };
    components.push(
      remote
        ? mcpServerPlugin({ ...base, transport: 'http', url: remote, args: [] })
        : mcpServerPlugin({ ...base, transport: 'stdio', command: 'docker', args: ['run', '-i', '--rm', server.image] }),
    );
  }
  return components;
}

/** `mcp-servers: { name: { url | container (+ version) | command + args, env, headers, allowed } }`. */
function declaredServers(path: string, servers: ConfigNode | undefined): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const entry of servers?.kind === 'object' ? servers.children : []) {
    if (entry.kind !== 'object') continue;
    const url = entry.get('url')?.string;
    const container = entry.get('container')?.string;
    const version = entry.get('version')?.value;
    const command = container ? 'docker' : entry.get('command')?.string;
    if (!url && !command) continue;
    const args = container
      ? ['run', '-i', '--rm', version !== undefined && !container.includes(':') ? `${container}:${version}` : container]
      : (entry.get('args')?.items() ?? []).flatMap((item) => (item.string !== undefined ? [item.string] : []));
    const allowed = entry.get('allowed')?.items() ?? [];
    const approved = allowed.some((item) => item.string === '*') ? '*' : undefined;
    components.push(
      mcpServerPlugin({
        name: String(entry.key),
        client: CLIENT,
        transport: transportOf(entry.get('type')?.string, url),
        ...(url ? { url } : { command }),
        args,
        env: keysOf(entry.get('env')),
        headers: keysOf(entry.get('headers')),
        ...(approved ? { autoApprove: approved } : {}),
        occurrence: at(path, entry),
      }),
    );
  }
  return components;
}

/** Names only: values are often secrets. */
function keysOf(node: ConfigNode | undefined): string[] {
  return node?.kind === 'object' ? node.children.map((child) => String(child.key)) : [];
}
