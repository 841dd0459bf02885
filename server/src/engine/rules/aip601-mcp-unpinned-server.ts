import { normalizePackageName } from '../inventory/catalog';
import { EXACT_SEMVER, type PlacedLaunch, placedLaunch } from '../inventory/mcpConfigs';
import type { Ecosystem } from '../inventory/types';
import type { ConfigNode } from '../parse/configDocument';
import type { ProjectRequirement } from '../project';
import type { Fix, Severity } from '../types';
import { launchLine, MCP_CONFIG_KINDS, MCP_CONFIG_TRIGGERS, mcpServersIn, stringPartRange } from './mcpServers';
import type { MessageData } from './messages';
import type { Rule, RuleContext } from './rule';

/**
 * MCP servers that a client starts from a registry at whatever version is published now:
 * `npx`/`bunx`/`pnpm dlx`/`yarn dlx`/`npm exec` without an exact version (or with a tag such as
 * `@latest`), `uvx`/`uv tool run`/`pipx run` without an exact version (`pkg@x.y.z`, `pkg==x.y.z`), `docker run` without a digest.
 * The package comes from the same parse the AI-BOM uses (`launchedPackage`), so flags such as
 * `-y` or `--package pkg` are read the same way. A local path, a URL or a variable is not a
 * registry package and is left alone.
 */

const NODE_RUNNERS = new Set(['npx', 'bunx', 'pnpm', 'yarn', 'npm']);
const PYTHON_RUNNERS = new Set(['uvx', 'uv', 'pipx']);
const CONTAINER_RUNNERS = new Set(['docker', 'podman']);
/** How a runner that takes a subcommand is written. */
const RUNNER_LABELS: Record<string, string> = { pnpm: 'pnpm dlx', yarn: 'yarn dlx', npm: 'npm exec', uv: 'uv tool run', pipx: 'pipx run' };

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
    // Unsafe: pinning to the version the workspace locks changes what runs (an older release than
    // the registry's newest). Without a locked version the fix writes a `<version>` / `<digest>`
    // placeholder that a person must fill in: display-only.
    fixApplicability: 'unsafe',
    fixNote:
      "When the lockfiles or pinned requirements that govern the config's folder (`package-lock.json`, `pnpm-lock.yaml`, `yarn.lock` for npm packages; `uv.lock`, `poetry.lock`, `requirements*.txt` pins for PyPI packages) give the launched package one exact version, the fix pins it there (`@scope/server@1.2.3`, `uvx server@1.2.3`, `--from server==1.2.3`): unsafe, because the server then runs that release instead of the newest one. Only packages the AI-BOM reads from lockfiles (its catalogue: `@modelcontextprotocol/server-*`, `mcp-server-*`, `mcp-remote`, …) are known; otherwise, and for images, the fix inserts a `<version>` or `<digest>` placeholder (display-only).",
    messages: {
      npmUnpinned:
        'MCP server "{server}" runs {runner} {package} without a version: every start installs whatever the registry serves. Pin an exact version ({package}@x.y.z).',
      npmMoving:
        'MCP server "{server}" runs {runner} {package}@{requested}, which moves with each release: every start may install a different version. Pin an exact version.',
      pythonUnpinned:
        'MCP server "{server}" runs {runner} {package} without an exact version: every start installs whatever PyPI serves. Pin an exact version.',
      npmLocked:
        'MCP server "{server}" runs {runner} {package} without an exact version, while {manifest} pins {version}: every start installs whatever the registry serves. Pin {pin}.',
      pythonLocked:
        'MCP server "{server}" runs {runner} {package} without an exact version, while {manifest} pins {version}: every start installs whatever PyPI serves. Pin {pin}.',
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
      const unpinned = unpinnedLaunch(line.program, line.args, launch, server.name);
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
  // The workspace's lockfiles are known only after the scan: a version they lock for the launched
  // package fills the fix's placeholder.
  refine(finding, project) {
    const ecosystem = LOCKABLE[finding.messageId ?? ''];
    const pkg = finding.data?.package;
    if (!ecosystem || typeof pkg !== 'string' || !finding.fix) return undefined;
    const locked = lockedVersion(project.requirements(`${ecosystem}:${normalizePackageName(ecosystem, pkg)}`), ecosystem);
    if (!locked) return undefined;
    const edits = finding.fix.edits.map((edit) => ({ ...edit, newText: edit.newText.replace(VERSION_PLACEHOLDER, locked.version) }));
    return {
      messageId: ecosystem === 'npm' ? 'npmLocked' : 'pythonLocked',
      data: { ...finding.data, version: locked.version, manifest: locked.manifest, pin: `${pkg}${edits[0]?.newText ?? ''}` },
      // Unsafe: the server then runs the locked release rather than the newest one.
      fix: { title: `Pin ${pkg} to ${locked.version} (as in ${locked.manifest})`, edits, applicability: 'unsafe' },
    };
  },
};

const VERSION_PLACEHOLDER = '<version>';
/** The messages whose fix pins a registry package, and the ecosystem its lockfiles are read for. */
const LOCKABLE: Record<string, Ecosystem | undefined> = { npmUnpinned: 'npm', npmMoving: 'npm', pythonUnpinned: 'pypi' };

/**
 * The one exact version the governing lockfiles (or pinned requirements) give the package; none
 * when they disagree or only state a range, since a guess would pin an arbitrary release.
 */
function lockedVersion(requirements: ProjectRequirement[], ecosystem: Ecosystem): { version: string; manifest: string } | undefined {
  const pinned = requirements.filter((requirement) => requirement.version !== undefined);
  const versions = new Set(pinned.map((requirement) => requirement.version));
  const first = pinned[0];
  if (!first?.version || versions.size !== 1) return undefined;
  if (ecosystem === 'npm' && !EXACT_SEMVER.test(first.version)) return undefined;
  return { version: first.version, manifest: first.manifest };
}

/** A package name or image, not a path, a URL, a git source or a variable the client fills in. */
function isRegistryPackage(spec: string): boolean {
  return !/^(?:[./~\\]|[A-Za-z]:[\\/])/.test(spec) && !spec.includes('://') && !spec.includes('${') && !/^git\+/.test(spec);
}

/**
 * `npx ts-node ${workspaceFolder}/src/index.ts`, `npx tsx ./server.ts`: a script runner given a file
 * of the workspace is the project's own dev dependency, which npx takes from `node_modules`. A
 * published server given a folder (`server-filesystem ${workspaceFolder}`, `./docs`) is not.
 */
function runsWorkspaceScript(program: string, args: string[], launch: PlacedLaunch): boolean {
  if (!NODE_RUNNERS.has(program)) return false;
  const following = args.slice(launch.argIndex + 1);
  if (SCRIPT_RUNNERS.has(launch.name)) return following.some((arg) => /^(?:\$\{workspaceFolder\}|\.{1,2}\/)/.test(arg));
  return following.some((arg) => /\.(?:[cm]?[jt]s|tsx)$/.test(arg));
}

/** Packages that run a script file of the workspace (`tsx ./server`, `ts-node src/index`). */
const SCRIPT_RUNNERS = new Set(['tsx', 'ts-node', 'node', 'esno', 'esrun', 'vite-node', 'jiti', 'bun', 'deno', 'tsm']);

function unpinnedLaunch(program: string, args: string[], launch: PlacedLaunch, server: string): Unpinned | undefined {
  const runner = RUNNER_LABELS[program] ?? program;
  if (NODE_RUNNERS.has(program)) return npmUnpinned(launch, server, runner);
  if (PYTHON_RUNNERS.has(program)) {
    if (launch.version) return undefined;
    return {
      messageId: 'pythonUnpinned',
      data: { server, runner, package: launch.name },
      replaceFrom: specNameEnd(launch.spec, launch.name),
      newText: `${pythonPinOperator(program, args, launch)}<version>`,
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

/**
 * How a Python spec takes an exact version: uv reads the tool positional of `uvx`/`uv tool run` as
 * `command@version` (its documented form), while `--from` and `pipx` take a requirement (`pkg==1.2.3`).
 * A positional already written as a requirement (`pkg>=1`) keeps the author's notation.
 */
const SPEC_OPTIONS = new Set(['--from', '--package', '-p']);

function pythonPinOperator(program: string, args: string[], launch: PlacedLaunch): '@' | '==' {
  const optionValue = launch.specStart > 0 || SPEC_OPTIONS.has(args[launch.argIndex - 1] ?? '');
  const requirementSyntax = /^[<>=~!]/.test(launch.spec.slice(specNameEnd(launch.spec, launch.name)).trim());
  return program !== 'pipx' && !optionValue && !requirementSyntax ? '@' : '==';
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
