import { type CodeFacts, type CodeLanguage, codeLanguageOf, withFacts } from '../facts';
import { notebookCells } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { pythonImports } from '../parse/pythonImports';
import { engineTriggers } from '../prefilter/engineTriggers';
import { withParseReason } from '../prefilter/parseLedger';
import type { FileTriggers } from '../prefilter/triggers';
import type { ProjectContext } from '../project';
import type { FileKind } from '../types';
import { fileKindOf } from '../workspace/fileKinds';
import { collectApiDescription, mightBeApiDescription } from './apiDescriptions';
import { endpointHints } from './catalog';
import { type CodeSite, collectCodeImports } from './codeImports';
import { collectCodeDatasets } from './datasets';
import { collectDotnetManifest, dotnetManifestKind } from './dotnetManifests';
import { collectGoCargoManifest, goCargoManifestKind } from './goCargoManifests';
import { collectIac, mightBeIac } from './iac';
import { collectInstallCommands, collectNotebookInstalls } from './installCommands';
import { collectJvmManifest, jvmManifestKind } from './jvmManifests';
import { Lines } from './manifestText';
import { collectMcpConfig, mcpClientForText, mcpClientOf } from './mcpConfigs';
import { collectCodeSettingModels, collectConfigModels, collectEnvModels } from './modelSettings';
import { collectCodeModels } from './models';
import { collectNpmManifest, npmManifestKind } from './npmManifests';
import { collectPluginManifest, mightBePluginManifest } from './pluginManifests';
import { cellMayUseAi, codeParseReason, GATES, mayMentionAi, pythonCallsMayMatter } from './prefilter';
import { collectPrompt, isSemanticKernelYaml, promptKindOf } from './prompts';
import { collectPythonManifest, pythonManifestKind } from './pythonManifests';
import { collectCodeServices, collectConfigEndpoints, collectImageServices } from './services';
import type { PartialComponent, PartialInventory, RequirementInclude } from './types';

/**
 * The per-file entry of the inventory: everything one file says about the workspace's AI, as a
 * partial inventory. It runs while the scan streams, so the text can be dropped right after.
 * Never throws: a collector failure becomes a notice and the other collectors still run.
 */
export async function collectFromFile(
  path: string,
  text: string,
  kind: FileKind | undefined = fileKindOf(path),
  triggers: FileTriggers = engineTriggers().scan(text),
  project?: ProjectContext,
): Promise<PartialInventory> {
  // A CycloneDX BOM (a committed `--baseline`, another tool's SBOM) lists components: it is not
  // evidence that the workspace uses them, and its endpoints would otherwise count as config.
  if (kind === 'json' && triggers.hasFolded('bomformat') && /"bomFormat"\s*:\s*"CycloneDX"/.test(text)) return { components: [] };
  const basename = path.slice(path.lastIndexOf('/') + 1);
  const components: PartialComponent[] = [];
  const notices: string[] = [];
  let includes: RequirementInclude[] | undefined;
  const run = async (name: string, collector: () => PartialComponent[] | Promise<PartialComponent[]>) => {
    try {
      components.push(...(await collector()));
    } catch (error) {
      notices.push(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const manifest = manifestCollector(path, basename, text);
  if (manifest) {
    await run('manifest', async () => {
      const partial = await manifest();
      includes = partial.includes;
      return partial.components;
    });
  }
  const client = mcpClient(path, text, kind, triggers);
  if (client) await run('mcp', () => collectMcpConfig(path, text, client));
  if (kind === 'json' && mightBePluginManifest(basename) && GATES.plugin.some((word) => triggers.hasFolded(word))) {
    if (/"(?:schema_version|instructions)"/.test(text)) await run('plugin manifest', () => collectPluginManifest(path, text));
  }
  if ((kind === 'json' || kind === 'yaml') && GATES.openapi.some((word) => triggers.hasFolded(word)) && mightBeApiDescription(text)) {
    await run('api description', () => collectApiDescription(path, text, kind));
  }
  const semanticKernel = kind === 'yaml' && GATES.semanticKernel.some((word) => triggers.hasFolded(word)) && isSemanticKernelYaml(text);
  const prompt = promptKindOf(path) ?? (semanticKernel ? { type: 'semantic-kernel' } : undefined);
  if (prompt) await run('prompt', () => collectPrompt(path, text, prompt));
  if (kind && codeLanguageOf(kind)) await run('code', () => collectCode(path, text, kind, triggers, project));
  const iac = kind !== undefined && GATES.iac.some((word) => triggers.hasFolded(word)) && mightBeIac(kind, text);
  if (!manifest && kind && isConfigKind(kind)) await run('config', () => collectConfig(path, text, kind, basename, triggers, iac));
  if (kind === 'shell' || kind === 'dockerfile' || kind === 'yaml') {
    if (GATES.install.some((word) => triggers.hasFolded(word)))
      await run('install commands', () => collectInstallCommands(path, text, kind));
  }
  if (kind === 'notebook' && GATES.install.some((word) => triggers.hasFolded(word))) {
    await run('install commands', () => collectNotebookInstalls(path, text));
  }
  if (kind && iac) {
    await run('iac', () => withParseReason('ai-bom: infrastructure as code', () => collectIac(path, text, kind)));
  }
  const partial: PartialInventory = { components };
  if (includes && includes.length > 0) partial.includes = includes;
  if (notices.length > 0) partial.notices = notices;
  return partial;
}

/**
 * The MCP client whose configuration a file is: known config paths (VS Code settings only when they
 * have an `mcp` section), or `unknown` for other configuration files with an MCP servers key.
 */
function mcpClient(path: string, text: string, kind: FileKind | undefined, triggers: FileTriggers): string | undefined {
  if (mcpClientOf(path)) return mcpClientForText(path, text);
  const hinted = GATES.mcp.some((word) => triggers.hasFolded(word));
  return hinted && isConfigKind(kind) ? mcpClientForText(path, text) : undefined;
}

/** Collects a requirements file named by `-r`/`-c` elsewhere, whatever its own name. */
export async function collectRequirementInclude(include: RequirementInclude, text: string): Promise<PartialInventory> {
  return collectPythonManifest(include.path, text, include.mode);
}

/**
 * True when a collector reads a file because of its name alone (manifests, MCP client configs,
 * prompt and instruction files, `.env` files, Dockerfiles), whatever its text holds.
 */
export function collectsWithoutTriggers(path: string, kind: FileKind): boolean {
  return (
    isManifestPath(path) ||
    mcpClientOf(path) !== undefined ||
    promptKindOf(path) !== undefined ||
    kind === 'dotenv' ||
    kind === 'dockerfile'
  );
}

/** True for manifests and lockfiles, which the BOM reads even above the rules' size limit. */
export function isManifestPath(path: string): boolean {
  return manifestCollector(path, path.slice(path.lastIndexOf('/') + 1), '') !== undefined;
}

type ManifestRun = () => Promise<PartialInventory>;

/** The manifest or lockfile collector for a file name, bound to the file's text. */
function manifestCollector(path: string, basename: string, text: string): ManifestRun | undefined {
  const npm = npmManifestKind(basename);
  if (npm) return async () => ({ components: collectNpmManifest(path, text, basename) });
  const python = pythonManifestKind(path, basename);
  if (python) return () => collectPythonManifest(path, text, python);
  const dotnet = dotnetManifestKind(basename);
  if (dotnet) return async () => ({ components: collectDotnetManifest(path, text, dotnet) });
  const jvm = jvmManifestKind(basename);
  if (jvm) return async () => ({ components: collectJvmManifest(path, text, jvm) });
  const goCargo = goCargoManifestKind(basename);
  if (goCargo) return async () => ({ components: collectGoCargoManifest(path, text, goCargo) });
  return undefined;
}

function isConfigKind(kind: FileKind | undefined): boolean {
  return (
    kind === 'json' ||
    kind === 'yaml' ||
    kind === 'toml' ||
    kind === 'dotenv' ||
    kind === 'text' ||
    kind === 'dockerfile' ||
    kind === 'terraform' ||
    kind === 'bicep'
  );
}

// ---------------------------------------------------------------------------------------------

const CONFIG_TEXT_EXTENSIONS = /\.(?:properties|ini|cfg|conf)$/i;

/** Endpoint literals, models named by settings (`.env` variables, app config keys) and model-serving images in configuration files. */
function collectConfig(
  path: string,
  text: string,
  kind: FileKind,
  basename: string,
  triggers: FileTriggers,
  iac: boolean,
): PartialComponent[] {
  if (kind === 'text' && !CONFIG_TEXT_EXTENSIONS.test(basename)) return [];
  const lines = new Lines(text);
  const at = (offset: number) => lines.at(offset);
  const components: PartialComponent[] = [];
  if (kind === 'dotenv') components.push(...collectEnvModels(path, text));
  // Templates name their models through the IaC model (resources, parameters), not as app settings.
  else if (!iac && GATES.modelSettings.some((word) => triggers.hasFolded(word)))
    components.push(...collectConfigModels(path, text, kind, basename));
  if (endpointHints().some((hint) => triggers.hasFolded(hint.toLowerCase()))) components.push(...collectConfigEndpoints(path, text, at));
  const mayNameImage = kind === 'yaml' && triggers.hasFolded('image') && /\bimage\s*:/.test(text);
  if (kind === 'dockerfile' || mayNameImage) components.push(...collectImageServices(path, text, at));
  return components;
}

async function collectCode(
  path: string,
  text: string,
  kind: FileKind,
  triggers: FileTriggers,
  project: ProjectContext | undefined,
): Promise<PartialComponent[]> {
  const language = codeLanguageOf(kind) as CodeLanguage;
  if (kind === 'notebook') {
    if (!mayMentionAi('python', triggers)) return [];
    const components: PartialComponent[] = [];
    for (const cell of notebookCells(text)) {
      if (!cellMayUseAi(cell.text)) continue;
      const site = { path, line: (row: number) => cell.toFile({ line: row, character: 0 }).line + 1, project };
      const found = await withParseReason('ai-bom: code', () => withFacts('python', cell.text, (facts) => codeComponents(site, facts)));
      components.push(...(found ?? []));
    }
    return components;
  }
  const reason = codeParseReason(language, text, triggers);
  if (!reason) return [];
  const site = { path, line: (row: number) => row + 1, project };
  if (kind === 'python' && reason === 'import') {
    // Most files of a model library only import AI packages: their imports are the whole story.
    const view = pythonCodeView(text);
    const imports = pythonImports(view);
    const modules = imports.map((entry) => entry.module);
    if (!pythonCallsMayMatter(view, modules)) return collectCodeImports(site, { language, imports });
  }
  return (await withParseReason(`ai-bom: ${reason}`, () => withFacts(kind, text, (facts) => codeComponents(site, facts)))) ?? [];
}

/** Runs inside the parse lease: the facts (shared with the rules) hold syntax nodes. */
function codeComponents(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  return [
    ...collectCodeImports(site, facts),
    ...collectCodeServices(site, facts),
    ...collectCodeModels(site, facts),
    ...collectCodeSettingModels(site, facts),
    ...collectCodeDatasets(site, facts),
  ];
}
