import { type PlacedLaunch, placedLaunch } from '../inventory/mcpConfigs';
import type { ConfigNode } from '../parse/configDocument';
import type { Fix, Severity } from '../types';
import { launchLine, MCP_CONFIG_KINDS, MCP_CONFIG_TRIGGERS, mcpServersIn, stringPartRange } from './mcpServers';
import type { MessageData } from './messages';
import type { Rule, RuleContext } from './rule';

/**
 * MCP servers that a client starts from a registry at whatever version is published now:
 * `npx`/`bunx`/`pnpm dlx`/`yarn dlx`/`npm exec` without an exact version (or with a tag such as
 * `@latest`), `uvx`/`uv tool run`/`pipx run` without `==x.y.z`, `docker run` without a digest.
 * The package comes from the same parse the AI-BOM uses (`launchedPackage`), so flags such as
 * `-y` or `--package pkg` are read the same way. A local path, a URL or a variable is not a
 * registry package and is left alone.
 */

const NODE_RUNNERS = new Set(['npx', 'bunx', 'pnpm', 'yarn', 'npm']);
const PYTHON_RUNNERS = new Set(['uvx', 'uv', 'pipx']);
const CONTAINER_RUNNERS = new Set(['docker', 'podman']);
/** How a runner that takes a subcommand is written. */
const RUNNER_LABELS: Record<string, string> = { pnpm: 'pnpm dlx', yarn: 'yarn dlx', npm: 'npm exec', uv: 'uv tool run', pipx: 'pipx run' };
const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

interface Unpinned {
  messageId: string;
  data: MessageData;
  /** Characters of the spec the fix replaces (a tag or range), or where it inserts. */
  replaceFrom: number;
  newText: string;
  severity?: Severity;
}

export const aip601: Rule = {
  meta: {
    id: 'AIP601',
    name: 'mcp-unpinned-server',
    title: 'MCP server started from a registry without a pinned version',
    explanation:
      'A client starts a local MCP server with a package runner (`npx -y`, `uvx`, `pipx run`, `docker run`) each time a session opens. Without an exact version or digest the runner fetches whatever the registry serves at that moment: a compromised maintainer account, a typosquat fixed later, or a new release with a changed tool description (a "rug pull") runs with the developer\'s rights and sees everything the agent sends to its tools, with no review and no diff.',
    remediation:
      'Pin every server: `npx -y @scope/server@1.4.2`, `uvx package==0.6.1` (or `uvx --from package==0.6.1 command`), `docker run image@sha256:<digest>`. Prefer the version the workspace lockfile already uses, update it deliberately (Dependabot/Renovate can bump pinned versions), and review the tool descriptions of a new version before you upgrade.',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-494', 'CWE-1357'],
    atlas: ['AML.T0010'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'high',
    fileKinds: MCP_CONFIG_KINDS,
    fixable: true,
    // Display-only: the fix writes a `<version>` / `<digest>` placeholder that a person must fill in.
    fixApplicability: 'display-only',
    messages: {
      npmUnpinned:
        'MCP server "{server}" runs {runner} {package} without a version: every start installs whatever the registry serves. Pin an exact version ({package}@x.y.z).',
      npmMoving:
        'MCP server "{server}" runs {runner} {package}@{requested}, which moves with each release: every start may install a different version. Pin an exact version.',
      pythonUnpinned:
        'MCP server "{server}" runs {runner} {package} without ==x.y.z: every start installs whatever PyPI serves. Pin an exact version.',
      imageLatest: 'MCP server "{server}" runs image {image} {what}: every start may pull a different image. Pin a digest (@sha256:…).',
      imageTag: 'MCP server "{server}" runs image {image}:{tag} by tag only; a tag can be moved. Pin a digest (@sha256:…).',
    },
    references: [
      {
        title: 'VS Code: MCP configuration reference',
        url: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
      },
      { title: 'npm: npx', url: 'https://docs.npmjs.com/cli/commands/npx' },
      { title: 'uv: tools (uvx)', url: 'https://docs.astral.sh/uv/guides/tools/' },
      {
        title: 'Invariant Labs: MCP rug pulls and tool poisoning',
        url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks',
      },
    ],
    since: '0.2.0',
    example: {
      language: 'json',
      bad: '{ "servers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } } }',
      good: '{ "servers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"] } } }',
    },
  },
  triggers: MCP_CONFIG_TRIGGERS,
  check(context: RuleContext) {
    for (const server of mcpServersIn(context)) {
      const line = launchLine(server);
      if (!line) continue;
      const launch = placedLaunch(line.program, line.args);
      if (!launch || !isRegistryPackage(launch.spec) || runsWorkspaceScript(line.program, line.args, launch)) continue;
      const unpinned = unpinnedLaunch(line.program, launch, server.name);
      if (!unpinned) continue;
      const arg = server.args[launch.argIndex];
      const specRange = stringPartRange(arg, context.lines, launch.specStart, launch.specStart + launch.spec.length);
      context.report({
        at: specRange ?? arg.range,
        messageId: unpinned.messageId,
        data: unpinned.data,
        ...(unpinned.severity ? { severity: unpinned.severity } : {}),
        ...pinFix(context, arg, launch, unpinned),
      });
    }
  },
};

/** A package name or image, not a path, a URL, a git source or a variable the client fills in. */
function isRegistryPackage(spec: string): boolean {
  return !/^(?:[./~\\]|[A-Za-z]:[\\/])/.test(spec) && !spec.includes('://') && !spec.includes('${') && !/^git\+/.test(spec);
}

/**
 * `npx ts-node ${workspaceFolder}/src/index.ts`, `npx tsx ./server.ts`: a script runner given a file
 * of the workspace is the project's own dev dependency, which npx takes from `node_modules`.
 */
function runsWorkspaceScript(program: string, args: string[], launch: PlacedLaunch): boolean {
  if (!NODE_RUNNERS.has(program)) return false;
  return args.slice(launch.argIndex + 1).some((arg) => /^(?:\$\{workspaceFolder\}|\.{1,2}\/)|\.(?:[cm]?[jt]s|tsx)$/.test(arg));
}

function unpinnedLaunch(program: string, launch: PlacedLaunch, server: string): Unpinned | undefined {
  const runner = RUNNER_LABELS[program] ?? program;
  if (NODE_RUNNERS.has(program)) return npmUnpinned(launch, server, runner);
  if (PYTHON_RUNNERS.has(program)) {
    if (launch.version) return undefined;
    return {
      messageId: 'pythonUnpinned',
      data: { server, runner, package: launch.name },
      replaceFrom: specNameEnd(launch.spec, launch.name),
      newText: '==<version>',
    };
  }
  if (CONTAINER_RUNNERS.has(program)) return imageUnpinned(launch, server);
  return undefined;
}

function npmUnpinned(launch: PlacedLaunch, server: string, runner: string): Unpinned | undefined {
  const at = launch.spec.lastIndexOf('@');
  const requested = at > 0 ? launch.spec.slice(at + 1) : undefined;
  if (requested !== undefined && EXACT_SEMVER.test(requested)) return undefined;
  const data = { server, runner, package: launch.name };
  return requested === undefined
    ? { messageId: 'npmUnpinned', data, replaceFrom: launch.spec.length, newText: '@<version>' }
    : { messageId: 'npmMoving', data: { ...data, requested }, replaceFrom: at, newText: '@<version>' };
}

function imageUnpinned(launch: PlacedLaunch, server: string): Unpinned | undefined {
  if (launch.version?.startsWith('sha256:')) return undefined;
  const image = launch.name;
  // A bare name (`kali-mcp-server`, a compose-built `project-service`) is an image built in the
  // workspace: `docker run` uses the local build and pulls nothing.
  if (!image.includes('/')) return undefined;
  const data = { server, image };
  const end = launch.spec.length;
  if (launch.version) {
    return {
      messageId: 'imageTag',
      data: { ...data, tag: launch.version },
      replaceFrom: end,
      newText: '@sha256:<digest>',
      severity: 'information',
    };
  }
  const what = launch.spec.endsWith(':latest') ? 'at :latest' : 'without a tag or digest';
  return { messageId: 'imageLatest', data: { ...data, what }, replaceFrom: end, newText: '@sha256:<digest>' };
}

/** Where a Python requirement's name (with extras) ends: `pkg[cli]>=1` → after `]`. */
function specNameEnd(spec: string, name: string): number {
  const extras = /^\[[^\]]*\]/.exec(spec.slice(name.length));
  return name.length + (extras ? extras[0].length : 0);
}

/** Replaces the moving part of the spec (or appends) with a placeholder a person fills in. */
function pinFix(context: RuleContext, arg: ConfigNode, launch: PlacedLaunch, unpinned: Unpinned): { fix?: Fix } {
  const from = launch.specStart + unpinned.replaceFrom;
  const range = stringPartRange(arg, context.lines, from, launch.specStart + launch.spec.length);
  if (!range) return {};
  const title = unpinned.newText.startsWith('@sha256') ? 'Pin the image to a digest' : 'Pin an exact version';
  return { fix: { title, edits: [{ range, newText: unpinned.newText }], applicability: 'display-only' } };
}
