import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { sliceFragment, splitCommands } from '../parse/shellWords';
import { urlOrigin } from './catalog';
import { property } from './components';
import { lineOf } from './manifestText';
import type { Occurrence, PartialComponent, Property } from './types';

/**
 * Coding-agent plugins: Claude Code plugin manifests (`.claude-plugin/plugin.json`) and
 * marketplaces (`.claude-plugin/marketplace.json`, each plugin with its source), the same for
 * Codex (`.codex-plugin/plugin.json`, `.agents/plugins/marketplace.json`), and Claude Code hooks
 * (`hooks` in `.claude/settings*.json` or a plugin's `hooks/hooks.json`): one plugin per hook
 * command, with its event. A plugin and the marketplace entry that lists it share one ref.
 */

type AgentFile = { kind: 'manifest'; agent: Agent } | { kind: 'marketplace'; agent: Agent } | { kind: 'hooks'; agent: Agent };

type Agent = 'claude-code' | 'codex';

/** What a path is to a coding agent, by its location alone. */
export function agentPluginFileOf(path: string): AgentFile | undefined {
  const lower = path.toLowerCase();
  if (/(?:^|\/)\.claude-plugin\/plugin\.json$/.test(lower)) return { kind: 'manifest', agent: 'claude-code' };
  if (/(?:^|\/)\.claude-plugin\/marketplace\.json$/.test(lower)) return { kind: 'marketplace', agent: 'claude-code' };
  if (/(?:^|\/)\.codex-plugin\/plugin\.json$/.test(lower)) return { kind: 'manifest', agent: 'codex' };
  if (/(?:^|\/)\.agents\/plugins\/marketplace\.json$/.test(lower)) return { kind: 'marketplace', agent: 'codex' };
  if (/(?:^|\/)\.claude\/settings(?:\.local)?\.json$|(?:^|\/)hooks\/hooks\.json$/.test(lower))
    return { kind: 'hooks', agent: 'claude-code' };
  return undefined;
}

/**
 * Lower-case literals without which a marketplace or settings file has nothing to read. A plugin
 * manifest is read by its path alone (like `package.json`): every JSON file says `"name"`.
 */
export const AGENT_PLUGIN_LITERALS = ['"plugins"', '"hooks"'];

/** True for the files read because of their name alone: plugin manifests. */
export function isAgentPluginManifest(path: string): boolean {
  return agentPluginFileOf(path)?.kind === 'manifest';
}

export function collectAgentPlugins(path: string, text: string, file: AgentFile): PartialComponent[] {
  // The same cached document the MCP reader used for `.claude/settings.json`: one parse per file.
  const root = configDocumentFor(text, 'json').root;
  if (root?.kind !== 'object') return [];
  switch (file.kind) {
    case 'manifest':
      return pluginManifest(path, root, file.agent);
    case 'marketplace':
      return marketplacePlugins(path, root, file.agent);
    case 'hooks':
      return hookCommands(path, root, pluginRootOf(path));
  }
}

function pluginRef(agent: Agent, name: string): string {
  return `plugin:${agent}/${name}`;
}

function pluginManifest(path: string, root: ConfigNode, agent: Agent): PartialComponent[] {
  const name = root.get('name');
  if (!name?.string) return [];
  const version = root.get('version')?.string;
  const properties: Property[] = [property('plugin:type', `${agent}-plugin`)];
  // Bundled parts are listed by what they are, never by their content.
  for (const part of ['commands', 'agents', 'skills', 'hooks', 'mcpServers', 'lspServers', 'apps']) {
    if (root.get(part) !== undefined) properties.push(property('plugin:declares', part));
  }
  return [
    {
      ref: pluginRef(agent, name.string),
      kind: 'plugin',
      name: name.string,
      ...(version ? { version } : {}),
      occurrences: [{ path, line: lineOf(name), evidence: 'config', symbol: name.string }],
      properties,
      dependsOn: [],
    },
  ];
}

function marketplacePlugins(path: string, root: ConfigNode, agent: Agent): PartialComponent[] {
  const named = root.get('name');
  const marketplace = named?.string;
  const components: PartialComponent[] = [];
  // The marketplace itself is what users add (`/plugin marketplace add owner/repo`): it decides which plugins they may install.
  if (marketplace && root.get('plugins')?.kind === 'array')
    components.push({
      ref: `plugin:${agent}-marketplace/${marketplace}`,
      kind: 'plugin',
      name: marketplace,
      occurrences: [{ path, line: lineOf(named), evidence: 'config', symbol: marketplace }],
      properties: [property('plugin:type', `${agent}-marketplace`)],
      dependsOn: [],
    });
  for (const entry of root.get('plugins')?.items() ?? []) {
    const name = entry.get('name');
    if (!name?.string) continue;
    const version = entry.get('version')?.string;
    const properties: Property[] = [property('plugin:type', `${agent}-plugin`)];
    if (marketplace) properties.push(property('plugin:marketplace', marketplace));
    const source = pluginSource(entry.get('source'));
    if (source) properties.push(property('plugin:source', source));
    const occurrence: Occurrence = { path, line: lineOf(name), evidence: 'config', symbol: name.string };
    const end = entry.range.end.line + 1;
    if (occurrence.line && end > occurrence.line) occurrence.endLine = end;
    components.push({
      ref: pluginRef(agent, name.string),
      kind: 'plugin',
      name: name.string,
      ...(version ? { version } : {}),
      occurrences: [occurrence],
      properties,
      dependsOn: [],
    });
  }
  return components;
}

/**
 * Where a marketplace gets a plugin: a folder of the marketplace (`./plugins/x`), a GitHub
 * repository (`github:owner/repo`, with its ref), a git URL or an npm package. URLs keep their origin only.
 */
function pluginSource(source: ConfigNode | undefined): string | undefined {
  if (source?.string) return source.string.startsWith('./') || !/^[a-z]+:/i.test(source.string) ? source.string : urlOrigin(source.string);
  if (source?.kind !== 'object') return undefined;
  const type = source.get('source')?.string ?? source.get('type')?.string;
  const ref = source.get('sha')?.string ?? source.get('ref')?.string;
  const at = ref ? `@${ref}` : '';
  const repo = source.get('repo')?.string;
  if (repo) return `github:${repo}${at}`;
  const pkg = source.get('package')?.string;
  if (pkg) return `npm:${pkg}`;
  const url = source.get('url')?.string;
  const origin = url ? urlOrigin(url) : undefined;
  if (origin) return `${type ?? 'url'}:${origin}${at}`;
  return source.get('path')?.string;
}

// ---------------------------------------------------------------------------------------------
// Hooks

/**
 * `hooks: { <Event>: [{ matcher, hooks: [{ type: 'command', command }] }] }`. A hook runs a
 * program on every matching event, so each command is a plugin, named by its event and the script
 * it runs. The command line itself is not copied: it may hold a token.
 */
function hookCommands(path: string, root: ConfigNode, pluginRoot: string): PartialComponent[] {
  const hooks = root.get('hooks');
  if (hooks?.kind !== 'object') return [];
  const components: PartialComponent[] = [];
  for (const [event, groups] of hooks.entries()) {
    for (const group of groups.items()) {
      const matcher = group.get('matcher')?.string;
      for (const hook of group.get('hooks')?.items() ?? []) {
        const component = hookComponent(path, event, matcher, hook, pluginRoot);
        if (component) components.push(component);
      }
    }
  }
  return components;
}

/** The folder `${CLAUDE_PLUGIN_ROOT}` stands for in a plugin's `hooks/hooks.json` (`''` elsewhere). */
function pluginRootOf(path: string): string {
  return /(?:^|\/)hooks\/hooks\.json$/i.test(path) ? path.slice(0, path.length - 'hooks/hooks.json'.length) : '';
}

function hookComponent(
  path: string,
  event: string,
  matcher: string | undefined,
  hook: ConfigNode,
  pluginRoot: string,
): PartialComponent | undefined {
  const type = hook.get('type')?.string ?? 'command';
  const command = hook.get('command');
  const target = type === 'command' ? (command?.string ? hookProgram(command.string, pluginRoot) : undefined) : type;
  if (!target) return undefined;
  const properties: Property[] = [property('plugin:type', 'claude-code-hook'), property('hook:event', event), property('hook:type', type)];
  if (matcher) properties.push(property('hook:matcher', matcher));
  const name = `${event}: ${target}`;
  return {
    ref: `plugin:claude-code-hook/${event}/${target}`,
    kind: 'plugin',
    name,
    occurrences: [{ path, line: lineOf(command ?? hook), evidence: 'config', symbol: event }],
    properties,
    dependsOn: [],
  };
}

/** Package runners: the hook runs the package named after them. */
const RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'uvx']);
/** Words that start a command but run nothing of the hook's own (`if [ -f x ]; then exit 0; fi`). */
const SHELL_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '[',
  '[[',
  'test',
  'exit',
  'true',
  'false',
  'echo',
  'cd',
  'export',
]);
const SCRIPT = /\.(?:py|sh|js|mjs|cjs|ts|rb|ps1|bash)$/i;

/**
 * What a hook command runs, read with the shell tokenizer: the package after a runner
 * (`npx protect-mcp@0.7.4`), else the first script it runs (`uv run .claude/hooks/x.py`,
 * `"${CLAUDE_PLUGIN_ROOT}/scripts/check.sh"`), else the first program that is not shell plumbing.
 * Scripts are named from the workspace root, so two plugins' `hooks/check.sh` stay apart.
 */
function hookProgram(command: string, pluginRoot: string): string | undefined {
  const commands = splitCommands(sliceFragment(command, 0)).map((words) =>
    words.map((word) => word.value).filter((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)),
  );
  const located = (word: string) => word.replace(/^\$\{?CLAUDE_PLUGIN_ROOT\}?\//, pluginRoot).replace(/^\$\{?[A-Z_]+\}?\/?/, '');
  for (const [program, ...args] of commands) {
    if (!program) continue;
    if (RUNNERS.has(baseName(program))) return args.find((word) => !word.startsWith('-'));
    // A URL (`curl https://…`) is not a script, and its query may hold a token. A script handed to
    // another one runs under it (`bash sg-python.sh hook.py`: the first finds an interpreter): the last one is the hook.
    const script = [program, ...args].filter((word) => SCRIPT.test(word) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(word)).pop();
    if (script) return located(script);
    if (program.includes('/') && !/[{}]/.test(located(program))) return located(program);
  }
  const first = commands.find(([program]) => program && !SHELL_WORDS.has(program));
  return first ? baseName(first[0]) : undefined;
}

function baseName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}
