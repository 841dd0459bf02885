import { type CodeFacts, type CodeLanguage, codeLanguageOf, withFacts } from '../facts';
import { notebookCells } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { pythonImports } from '../parse/pythonImports';
import { isRazorPath, razorCodeView } from '../parse/razor';
import { engineTriggers } from '../prefilter/engineTriggers';
import { withParseReason } from '../prefilter/parseLedger';
import type { FileTriggers } from '../prefilter/triggers';
import { type ProjectContext, workspaceFolderTest } from '../project';
import type { Invocation } from '../rules/trustRemoteCodeFlags';
import type { FileKind } from '../types';
import { fileKindOf } from '../workspace/fileKinds';
import { AGENT_EVALUATOR_HINT, collectAgentEvalSets, collectEvalSetFile, isEvalSetFile } from './agentEvalSets';
import { collectAgenticWorkflow, isAgenticWorkflowPath } from './agenticWorkflows';
import { agentPluginFileOf, collectAgentPlugins, isAgentPluginManifest } from './agentPlugins';
import { collectAiDataFiles, collectEvalConfigData, isEvalConfig } from './aiDataFiles';
import { collectApiDescription, mightBeApiDescription } from './apiDescriptions';
import { collectAzureDeployCommands } from './azureDeployCommands';
import { collectCodeActionGroups, mayDefineActionGroups } from './bedrockActionGroups';
import { collectBedrockArnModels } from './bedrockArns';
import { collectBedrockProfiles } from './bedrockProfiles';
import { collectMcpRegistryEntry, collectPushedImages } from './builtMcpServers';
import { endpointHints, pythonPackageForModule } from './catalog';
import { CDK_CONSTRUCT_LITERALS, collectCdkConstructModels } from './cdkFoundationModels';
import { collectCodeAndCdkPrompts, mayHoldCdkPrompts } from './cdkPrompts';
import { CDK_SERVICE_LITERALS, collectCdkServices } from './cdkServices';
import { ciPlatformOf, collectCiAgents, isWorkflowDocument } from './ciAgents';
import { CLOUDFLARE_CODE_LITERALS, collectWorkersAiCode, collectWranglerBindings, isWranglerConfig } from './cloudflare';
import { type CodeSite, collectCodeImports } from './codeImports';
import { LLM_CATEGORIES } from './codePrompts';
import { CODING_AGENT_LITERAL, collectCodingAgentAssignments } from './codingAgentAssignments';
import { collectCommentedModels } from './commentedModels';
import { COMPOSE_MODEL_LITERALS, collectComposeModels } from './composeModels';
import { collectCrewPrompts, mayWriteCrewPrompts } from './crewPrompts';
import { collectDatasetBuilders } from './datasetBuilders';
import { collectCodeDatasets, collectConfigDatasets } from './datasets';
import { collectPromptfooPrompts, isPromptfooConfig } from './declaredPrompts';
import { collectDocumentModels, DOCUMENT_MODEL_LITERALS } from './documentModels';
import { collectDotnetManifest, dotnetManifestKind } from './dotnetManifests';
import { collectDownloadedData, collectNotebookDownloads, isPrepareScript } from './downloadedData';
import { dspySignaturePrompts } from './dspySignatures';
import { collectEvalDataFiles, EVAL_DATA_HINT, isEvalScript, mayNameEvalDataConstant } from './evalDataFiles';
import { collectFormModelOptions, FORM_PARAM_LITERAL } from './formOptions';
import { collectFrameworkPrompts, frameworkYamlOf, mayHoldConfigPrompts, mayHoldJsonConfigPrompts } from './frameworkPrompts';
import { collectGoCargoManifest, goCargoManifestKind } from './goCargoManifests';
import { collectHookContext, HOOK_CONTEXT_LITERAL } from './hookContext';
import { collectHttpRequestPrompts, isHttpRequestFile } from './httpRequests';
import { collectCommentedDatasetSources, collectHubDatasetUris, HUB_DATASET_URI_LITERALS } from './hubDatasetUris';
import { collectHubTools, HUB_TOOL_HINT } from './hubTools';
import { collectIac, mightBeIac } from './iac';
import { collectInProcessModels } from './inProcessModels';
import { collectInstallCommands, collectNotebookInstalls, commandInvocationsOf } from './installCommands';
import { collectJumpStartModels, JUMPSTART_LITERALS } from './jumpStartModels';
import { collectJvmManifest, jvmManifestKind } from './jvmManifests';
import { collectKaggleModels, KAGGLE_MODEL_LITERALS } from './kaggleModels';
import { collectCodeKeyNames } from './keyConfirmation';
import { collectKeyNameServices } from './keyNames';
import { collectSplattedModels, MODEL_KWARGS_HINT } from './kwargTables';
import { collectLangsmithDatasets, mayNameLangsmithDataset } from './langsmithDatasets';
import { collectHeaderLaunches, collectLaunchArguments, collectNotebookLaunches } from './launchArguments';
import { collectLightevalTasks } from './lightevalTasks';
import { collectLiveTestModels } from './liveTestModels';
import { Lines } from './manifestText';
import { collectCodeMcpServers } from './mcpCode';
import { collectMcpConfig, mcpClientForText, mcpClientOf } from './mcpConfigs';
import { mayDeclareMcpServerParts } from './mcpInstructions';
import { collectCodeMcpServerDefinitions } from './mcpServerCode';
import { collectToolboxConfig, isToolboxConfigPath } from './mcpToolbox';
import { collectCodeModelCatalogs, collectCodeModelLists, SENTENCE_TRANSFORMERS_QUOTED } from './modelLists';
import {
  collectCodeSettingModels,
  collectConfigModels,
  collectEnvModels,
  collectWrittenConfigModels,
  WRITEFILE_LITERAL,
} from './modelSettings';
import { collectCodeModels } from './models';
import { collectLocalHelperModels, collectWrapperCallModels, modelWrapperDefinitions } from './modelWrappers';
import { collectWrittenDotenv } from './notebookFiles';
import { collectNotebookModels } from './notebookModels';
import { cellImportsAi, NotebookPrelude } from './notebookPrelude';
import { collectNpmManifest, npmManifestKind } from './npmManifests';
import { collectPluginManifest, mightBePluginManifest } from './pluginManifests';
import {
  cellMayUseAi,
  codeParseReason,
  GATES,
  IAC_MODEL_LITERALS,
  mayCallSdkSurface,
  mayDeclareMcpServers,
  mayDefinePrompts,
  mayDescribeMcpTools,
  mayImportDatasetBuilder,
  mayListModelCatalog,
  mayMentionAi,
  mayNameModelSetting,
  mayNameOllamaModel,
  mayProbeByName,
  maySendChatMessage,
  maySendSystemMessage,
  mayWriteRealtimeEvents,
  pythonCallsMayMatter,
} from './prefilter';
import { promptFileFact } from './promptFiles';
import { collectPromptflowBatchInputs } from './promptflowBatchInputs';
import { collectPrompt, isSemanticKernelYaml, pluginPromptKindOf, promptKindOf } from './prompts';
import { isPromptModule } from './promptTemplates';
import { collectProviderModule, isProviderModule } from './providerModules';
import { collectInlineScriptMetadata, collectPythonManifest, pythonManifestKind } from './pythonManifests';
import { collectRagDocuments, mayNameRagDocuments } from './ragDocuments';
import { collectRubyManifest, rubyManifestKind } from './rubyManifests';
import { collectRuleInstallerRefs, RULE_INSTALLER_LITERAL } from './ruleInstallers';
import { collectSamplingPrompts } from './samplingPrompts';
import { collectLegacyHubModels, collectScriptModels, LEGACY_HUB_QUOTED } from './scriptModels';
import { collectCodeServices, collectConfigEndpoints, collectEnvLocalEndpoints, collectImageServices } from './services';
import { collectServingCommands } from './servingCommands';
import { collectServingConfigModels } from './servingConfigs';
import {
  collectConfigTrackers,
  collectInferenceProviders,
  collectSettingServices,
  collectStreamlitSecrets,
  SETTING_SERVICE_HINT,
  STREAMLIT_SECRETS_LITERAL,
} from './settingServices';
import { isNestedSkillReferenceFile, nestedSkillReferences } from './skillReferences';
import { promptTemplateObjects } from './templateObjects';
import { collectTritonModelConfig, isTritonModelConfig } from './tritonModels';
import type { ModelWrapperFact, PartialComponent, PartialInventory, RequirementInclude } from './types';
import { collectVectorIndexFolders } from './vectorIndexes';

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
  const agentFile = kind === 'json' ? agentPluginFileOf(path) : undefined;
  if (agentFile && (agentFile.kind === 'manifest' || GATES.agentPlugins.some((word) => triggers.hasFolded(word)))) {
    await run('agent plugins', () => collectAgentPlugins(path, text, agentFile));
  }
  if (kind === 'yaml' && [...GATES.ciAgents, ...GATES.keyNames].some((word) => triggers.hasFolded(word))) {
    const ciPlatform = ciPlatformOf(path) ?? (isWorkflowDocument(text) ? 'github-actions' : undefined);
    if (ciPlatform) await run('ci agents', () => collectCiAgents(path, text, ciPlatform));
  }
  if (kind === 'json' && GATES.mcpRegistry.some((word) => triggers.hasFolded(word))) {
    await run('mcp registry entry', () => collectMcpRegistryEntry(path, text));
  }
  if (kind === 'yaml' && GATES.imagePush.some((word) => triggers.hasFolded(word)) && ciPlatformOf(path) === 'github-actions') {
    await run('pushed images', () => collectPushedImages(path, text));
  }
  if ((kind === 'shell' || kind === 'python' || kind === 'javascript' || kind === 'typescript') && triggers.hasFolded(HOOK_CONTEXT_LITERAL))
    await run('hook context', () => collectHookContext(path, text));
  if (kind === 'yaml' && isToolboxConfigPath(path)) await run('mcp toolbox', () => collectToolboxConfig(path, text));
  if (kind === 'markdown' && isAgenticWorkflowPath(path)) await run('agentic workflow', () => collectAgenticWorkflow(path, text));
  if (kind === 'json' && mightBePluginManifest(basename) && GATES.plugin.some((word) => triggers.hasFolded(word))) {
    if (/"(?:schema_version|instructions)"/.test(text)) await run('plugin manifest', () => collectPluginManifest(path, text));
  }
  if ((kind === 'json' || kind === 'yaml') && GATES.openapi.some((word) => triggers.hasFolded(word)) && mightBeApiDescription(text)) {
    await run('api description', () => collectApiDescription(path, text, kind));
  }
  const semanticKernel = kind === 'yaml' && GATES.semanticKernel.some((word) => triggers.hasFolded(word)) && isSemanticKernelYaml(text);
  const prompt =
    promptKindOf(path) ??
    (kind === 'markdown' || kind === 'toml' ? pluginPromptKindOf(path) : undefined) ??
    (semanticKernel ? { type: 'semantic-kernel' } : undefined);
  if (prompt) await run('prompt', () => collectPrompt(path, text, prompt));
  else if (kind === 'markdown') {
    const nested = nestedSkillReferences(path, text);
    if (nested) components.push(...nested);
  }
  if (isPromptfooConfig(path)) await run('eval config', () => collectPromptfooPrompts(path, text));
  const framework = kind === 'yaml' || kind === 'json' ? frameworkYamlOf(path) : undefined;
  const configPrompts =
    (kind === 'yaml' || (kind === 'json' && !framework)) &&
    !prompt &&
    !isPromptfooConfig(path) &&
    GATES.frameworkPrompts.some((word) => triggers.hasFolded(word)) &&
    mayHoldConfigPrompts(path) &&
    // An app's JSON configuration keeps its prompts in a `prompts` object (`frameworkPrompts.ts`).
    (kind === 'yaml' || mayHoldJsonConfigPrompts(text));
  if (framework || configPrompts) await run('framework prompts', () => collectFrameworkPrompts(path, text, framework));
  if (kind === 'json' && GATES.evalSet.some((word) => triggers.hasFolded(word)) && isEvalSetFile(path, text))
    await run('eval set', () => collectEvalSetFile(path));
  const wrappers: ModelWrapperFact[] = [];
  // A Razor file's code is its `@code` blocks, at the file's own positions.
  const code = isRazorPath(path) ? razorCodeView(text) : text;
  if (kind && codeLanguageOf(kind)) await run('code', () => collectCode(path, code, kind, triggers, project, wrappers));
  if (kind && codeLanguageOf(kind) && CLOUDFLARE_CODE_LITERALS.some((word) => triggers.hasFolded(word))) {
    await run('workers ai', () => collectWorkersAiCode(path, text));
  }
  if (
    (kind === 'typescript' || kind === 'javascript' || kind === 'python') &&
    CDK_SERVICE_LITERALS.some((word) => triggers.hasFolded(word))
  )
    await run('cdk services', () => collectCdkServices(path, text));
  if (
    (kind === 'typescript' || kind === 'javascript' || kind === 'python') &&
    CDK_CONSTRUCT_LITERALS.some((word) => triggers.hasFolded(word))
  )
    await run('cdk construct models', () => collectCdkConstructModels(path, text));
  if (kind && codeLanguageOf(kind) && JUMPSTART_LITERALS.some((word) => triggers.hasFolded(word)))
    await run('jumpstart models', () => collectJumpStartModels(path, text));
  if (kind && KAGGLE_MODEL_KINDS.has(kind) && KAGGLE_MODEL_LITERALS.some((word) => triggers.hasFolded(word)))
    await run('kaggle models', () => collectKaggleModels(path, text));
  if (kind && codeLanguageOf(kind) && DOCUMENT_MODEL_LITERALS.some((word) => triggers.hasFolded(word)))
    await run('document models', () => collectDocumentModels(path, text));
  if (isProviderModule(path)) await run('provider module', () => collectProviderModule(path, text));
  if (isWranglerConfig(path)) await run('wrangler', () => collectWranglerBindings(path, text));
  if (isTritonModelConfig(path)) await run('triton models', () => collectTritonModelConfig(path, text));
  if ((kind === 'shell' || (kind && codeLanguageOf(kind))) && triggers.hasFolded(RULE_INSTALLER_LITERAL))
    await run('rule installers', () => collectRuleInstallerRefs(path, text));
  if ((kind === 'shell' || kind === 'yaml' || (kind && codeLanguageOf(kind))) && triggers.hasFolded(CODING_AGENT_LITERAL))
    await run('coding agents', () => collectCodingAgentAssignments(path, text));
  const iac = kind !== undefined && mayDeclareIac(kind, triggers) && mightBeIac(kind, text);
  if (kind === 'text' && isHttpRequestFile(basename)) await run('http requests', async () => collectHttpRequestPrompts(path, text));
  if (!manifest && kind && isConfigKind(kind)) await run('config', () => collectConfig(path, text, kind, basename, triggers, project, iac));
  if (kind === 'shell' || kind === 'dockerfile' || kind === 'yaml') await collectCommands(path, text, kind, triggers, project, run);
  if ((kind === 'python' || kind === 'notebook') && HUB_DATASET_URI_LITERALS.some((literal) => triggers.hasFolded(literal))) {
    await run('hub dataset uris', () => collectHubDatasetUris(path, text, kind === 'notebook'));
  }
  if (
    (kind === 'python' || kind === 'notebook' || kind === 'yaml' || kind === 'json') &&
    GATES.vectorIndex.some((literal) => triggers.hasFolded(literal))
  ) {
    await run('vector indexes', () => collectVectorIndexFolders(path, text, kind));
  }
  if (kind && LIGHTEVAL_TASK_KINDS.has(kind) && GATES.lightevalTasks.some((literal) => triggers.hasFolded(literal))) {
    await run('lighteval tasks', () => collectLightevalTasks(path, text, kind === 'notebook'));
  }
  if ((kind === 'python' || kind === 'notebook' || kind === 'java') && mayNameRagDocuments((literal) => triggers.hasFolded(literal))) {
    await run('rag documents', () => collectRagDocuments(path, text, kind));
  }
  if (kind === 'python' && text.includes(STREAMLIT_SECRETS_LITERAL))
    await run('streamlit secrets', () => collectStreamlitSecrets(path, text));
  if (kind === 'python' && isPrepareScript(basename)) await run('downloaded data', () => collectDownloadedData(path, text));
  if (kind === 'python' && GATES.inlineScript.some((word) => triggers.hasFolded(word))) {
    await run('inline script metadata', () => collectInlineScriptMetadata(path, text));
  }
  if (kind === 'notebook' && GATES.download.some((word) => triggers.hasFolded(word)) && /"\s*!/.test(text))
    await run('downloaded data', () => collectNotebookDownloads(path, notebookCells(text)));
  if (kind === 'notebook' && GATES.install.some((word) => triggers.hasFolded(word))) {
    await run('install commands', () => collectNotebookInstalls(path, text));
  }
  if (kind === 'notebook' && GATES.launch.some((word) => triggers.hasFolded(word)) && /"\s*!/.test(text)) {
    const evidence = project ? { isWorkspaceFolder: workspaceFolderTest(project) } : {};
    await run('launch arguments', () => collectNotebookLaunches(path, text, evidence));
  }
  // A training script documents the command it is run with in its docstring (read without a parse).
  if (kind === 'python' && GATES.launch.some((word) => triggers.hasFolded(word))) {
    const evidence = project ? { isWorkspaceFolder: workspaceFolderTest(project) } : {};
    await run('header launches', () => collectHeaderLaunches(path, text, evidence));
  }
  if (kind && iac) {
    await run('iac', () => withParseReason('ai-bom: infrastructure as code', () => collectIac(path, text, kind)));
  }
  const partial: PartialInventory = { components };
  const promptFile = promptFileFact(path, text);
  if (promptFile) partial.promptFiles = [promptFile];
  if (wrappers.length > 0) partial.modelWrappers = wrappers;
  if (includes && includes.length > 0) partial.includes = includes;
  if (notices.length > 0) partial.notices = notices;
  return partial;
}

/** Files that download Kaggle Models: code, notebooks, scripts, Dockerfiles and job manifests. */
const KAGGLE_MODEL_KINDS = new Set<FileKind>(['python', 'notebook', 'shell', 'dockerfile', 'yaml', 'json']);

/** Files that run or configure lighteval: code, notebooks, shell scripts and configs. */
const LIGHTEVAL_TASK_KINDS = new Set<FileKind>(['python', 'notebook', 'shell', 'yaml', 'json', 'toml']);

/** The one-pass literals of IaC resources, of templates with parameters, or (Terraform, Bicep) of a model setting. */
function mayDeclareIac(kind: FileKind, triggers: FileTriggers): boolean {
  const words =
    kind === 'terraform' || kind === 'bicep'
      ? [...GATES.iac, ...GATES.iacDeclarations, ...IAC_MODEL_LITERALS]
      : [...GATES.iac, ...GATES.iacDeclarations];
  return words.some((word) => triggers.hasFolded(word));
}

type CollectorRun = (name: string, collector: () => PartialComponent[] | Promise<PartialComponent[]>) => Promise<void>;

function isMakefile(path: string): boolean {
  return /(?:^|\/)(?:gnu)?makefile$|\.mk$/i.test(path);
}

/** A Makefile's recipes as shell: the prefixes that silence a line or ignore its errors (`@pip install …`) blanked, offsets kept. */
function makefileRecipes(text: string): string {
  return text.replace(/^(\t)([@+-]+)/gm, (_, tab: string, prefix: string) => tab + ' '.repeat(prefix.length));
}

/** Install, model-serving and launch command lines; the file's commands are read once for all. */
async function collectCommands(
  path: string,
  text: string,
  kind: FileKind,
  triggers: FileTriggers,
  project: ProjectContext | undefined,
  run: CollectorRun,
): Promise<void> {
  const installs =
    GATES.install.some((word) => triggers.hasFolded(word)) ||
    (kind === 'shell' && GATES.runModule.some((word) => triggers.hasFolded(word)));
  const serving = GATES.serving.some((word) => triggers.hasFolded(word));
  const launch = GATES.launch.some((word) => triggers.hasFolded(word));
  const deployments = GATES.azureDeployments.some((word) => triggers.hasFolded(word));
  if (!installs && !serving && !launch && !deployments) return;
  let invocations: Invocation[] = [];
  await run('commands', () => {
    invocations = commandInvocationsOf(isMakefile(path) ? makefileRecipes(text) : text, kind);
    return [];
  });
  if (installs) await run('install commands', () => collectInstallCommands(path, text, invocations, kind));
  const evidence = project ? { isWorkspaceFolder: workspaceFolderTest(project) } : {};
  if (serving) await run('serving commands', () => collectServingCommands(path, text, invocations, evidence));
  if (launch) await run('launch arguments', () => collectLaunchArguments(path, text, invocations, evidence));
  if (deployments) await run('azure deployments', () => collectAzureDeployCommands(path, text, invocations));
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
 * coding-agent plugin manifests, agentic workflows, prompt and instruction files, prompt modules, `.env` files, Dockerfiles), whatever its text holds.
 */
export function collectsWithoutTriggers(path: string, kind: FileKind): boolean {
  return (
    isManifestPath(path) ||
    mcpClientOf(path) !== undefined ||
    isAgentPluginManifest(path) ||
    isAgenticWorkflowPath(path) ||
    promptKindOf(path) !== undefined ||
    ((kind === 'markdown' || kind === 'toml') && pluginPromptKindOf(path) !== undefined) ||
    // A skill's reference file may point on to further files of the skill (`nestedSkillReferences`).
    (kind === 'markdown' && isNestedSkillReferenceFile(path)) ||
    isPromptfooConfig(path) ||
    // Agent frameworks' prompt, role, example and plugin YAML, by name and folder (`frameworkPrompts.ts`).
    ((kind === 'yaml' || kind === 'json') && frameworkYamlOf(path) !== undefined) ||
    isWranglerConfig(path) ||
    isTritonModelConfig(path) ||
    // A library's backend module (`vector_stores/qdrant.py`) may name its backend only by its file name.
    isProviderModule(path) ||
    // MCP Toolbox for Databases is configured by a `tools.yaml` whose words are all ordinary.
    (kind === 'yaml' && isToolboxConfigPath(path)) ||
    // A module of prompts (`prompt.py`, `prompts/…`) may hold nothing but its constants: no literal says so.
    isPromptModule(path) ||
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
  const ruby = rubyManifestKind(basename);
  if (ruby) return async () => ({ components: collectRubyManifest(path, text, ruby) });
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
  project: ProjectContext | undefined,
  iac: boolean,
): PartialComponent[] {
  if (kind === 'text' && !CONFIG_TEXT_EXTENSIONS.test(basename)) return [];
  const lines = new Lines(text);
  const at = (offset: number) => lines.at(offset);
  const components: PartialComponent[] = [];
  if (kind === 'dotenv') components.push(...collectEnvModels(path, text), ...collectEnvLocalEndpoints(path, text));
  // Templates name their models through the IaC model (resources, parameters), not as app settings.
  else if (!iac && GATES.modelSettings.some((word) => triggers.hasFolded(word)))
    components.push(...collectConfigModels(path, text, kind, basename));
  if ((kind === 'yaml' || kind === 'json') && GATES.servingConfig.some((word) => triggers.hasFolded(word)))
    components.push(...collectServingConfigModels(path, text, kind));
  if ((kind === 'yaml' || kind === 'json') && GATES.dataset.some((word) => triggers.hasFolded(word)))
    components.push(...collectConfigDatasets(path, text, kind, project));
  if (kind === 'yaml' && GATES.dataset.some((word) => triggers.hasFolded(word)))
    components.push(...collectCommentedDatasetSources(path, text));
  if (kind === 'yaml' && GATES.promptflowBatch.some((word) => triggers.hasFolded(word)))
    components.push(...collectPromptflowBatchInputs(path, text));
  if ((kind === 'yaml' || kind === 'json') && GATES.trackers.some((word) => triggers.hasFolded(word)))
    components.push(...collectConfigTrackers(path, text, at));
  if ((kind === 'yaml' || kind === 'json') && isEvalConfig(path)) components.push(...collectEvalConfigData(path, text, kind));
  if (GATES.keyNames.some((word) => triggers.hasFolded(word))) components.push(...collectKeyNameServices(path, text, kind));
  if (endpointHints().some((hint) => triggers.hasFolded(hint.toLowerCase()))) components.push(...collectConfigEndpoints(path, text, at));
  const mayNameImage = kind === 'yaml' && triggers.hasFolded('image') && /\bimage\s*:/.test(text);
  if (kind === 'dockerfile' || mayNameImage) components.push(...collectImageServices(path, text, at));
  if (kind === 'yaml' && COMPOSE_MODEL_LITERALS.some((word) => triggers.hasFolded(word))) return withComposeModels(components, path, text);
  return components;
}

/** A Compose model is Docker Model Runner's: the generic reading of its `model:` key (a Hub id, an Ollama tag) gives way. */
function withComposeModels(components: PartialComponent[], path: string, text: string): PartialComponent[] {
  const compose = collectComposeModels(path, text);
  const lines = new Set(compose.flatMap((component) => component.occurrences.map((occurrence) => occurrence.line)));
  const others = components.filter(
    (component) => component.kind !== 'model' || !component.occurrences.some((entry) => lines.has(entry.line)),
  );
  return [...others, ...compose];
}

async function collectCode(
  path: string,
  text: string,
  kind: FileKind,
  triggers: FileTriggers,
  project: ProjectContext | undefined,
  wrappers: ModelWrapperFact[],
): Promise<PartialComponent[]> {
  const language = codeLanguageOf(kind) as CodeLanguage;
  const mcp = mayDeclareMcpServers(triggers);
  if (kind === 'notebook') {
    // A config a cell writes (`%%writefile config.yaml`) names its models whatever the notebook imports.
    const written = text.includes(WRITEFILE_LITERAL)
      ? notebookCells(text).flatMap((cell) =>
          collectWrittenConfigModels(path, cell.text, (row) => cell.toFile({ line: row, character: 0 }).line + 1),
        )
      : [];
    if (!mayMentionAi('python', triggers)) return written;
    const components: PartialComponent[] = [...written];
    // What earlier cells imported is in scope in later ones (`notebookPrelude.ts`).
    const prelude = new NotebookPrelude();
    const cells = notebookCells(text);
    let aiCells = 0;
    // Cells without an AI import of their own that write prompt-like code (`client.messages.create(system=…)` with the
    // client of another cell, a prompt function another cell sends): the notebook read as one decides them.
    let promptCells = false;
    // Colab form fields (`MODEL_ID = "…" # @param [options]`) are read only in notebooks that have any.
    const forms = text.includes(FORM_PARAM_LITERAL);
    for (const cell of cells) {
      const dotenv = cell.text.includes('%%writefile') ? collectWrittenDotenv(path, cell) : undefined;
      if (dotenv) {
        components.push(...dotenv);
        continue;
      }
      if (forms) components.push(...collectFormModelOptions(path, cell.text, (row) => cell.toFile({ line: row, character: 0 }).line + 1));
      const own = cellMayUseAi(cell.text);
      const head = prelude.usedBy(cell.text) ? prelude.rows : 0;
      promptCells ||= CELL_PROMPT_WORDS.test(cell.text) && !cellImportsAi(cell.text);
      if (own || head > 0) {
        const line = (row: number) => (row < head ? prelude.lineOf(row) : cell.toFile({ line: row - head, character: 0 }).line + 1);
        const code = head > 0 ? prelude.text() + cell.text : cell.text;
        const site = { path, line, project };
        const found = await withParseReason('ai-bom: code', () => withFacts('python', code, (facts) => codeComponents(site, facts, mcp)));
        components.push(...(found ?? []));
      } else if (cellMayDefinePrompts(cell.text)) {
        // A cell that only writes a prompt (`JUDGE_PROMPT = """…"""`, a chat of role messages) for a later cell.
        const site = { path, line: (row: number) => cell.toFile({ line: row, character: 0 }).line + 1, project };
        components.push(...(await collectPromptConstants(site, cell.text, 'python')));
      } else if (cellMayNameKeys(cell.text)) {
        // A setup cell that asks for provider keys (`_set_env("GROQ_API_KEY")`): candidates a dedicated SDK confirms.
        const site = { path, line: (row: number) => cell.toFile({ line: row, character: 0 }).line + 1, project };
        const found = await withParseReason('ai-bom: key names', () =>
          withFacts('python', cell.text, (facts) => collectCodeKeyNames(site, facts)),
        );
        components.push(...(found ?? []));
      }
      if (own) {
        aiCells++;
        prelude.add(cell);
      }
    }
    // Calls that use another cell's import or binding are decided on the notebook read as one module.
    if (aiCells > 0 && cells.length > 1)
      components.push(...(await collectNotebookModels(path, cells, project, mcp, promptCells, wrappers)));
    return components;
  }
  // A file that only declares MCP servers (its SDK import may be in another file) is parsed for them.
  // An evaluation script of the workspace's own package may import no AI package yet name its input data.
  const reason =
    codeParseReason(language, text, triggers) ??
    (mcp ? 'mcp servers' : undefined) ??
    (kind === 'python' && mayNameEvalDataConstant(path, text) ? 'eval data' : undefined);
  if (!reason)
    return mayDefinePrompts(triggers) ||
      isPromptModule(path) ||
      mayShapeSystemMessage(triggers, text) ||
      mayHoldCdkPrompts(triggers, text) ||
      mayDefineActionGroups(triggers) ||
      mayWriteRealtimeEvents(triggers) ||
      mayCallSdkSurface(triggers) ||
      mayDescribeMcpTools(path, text) ||
      (kind === 'csharp' && maySendChatMessage(triggers)) ||
      mayDeclareMcpServerParts(triggers, text)
      ? await collectPromptConstants({ path, line: (row) => row + 1 }, text, kind)
      : [];
  const site = { path, line: (row: number) => row + 1, project };
  if (kind === 'python' && reason === 'import' && !mcp) {
    // Most files of a model library only import AI packages: their imports are the whole story.
    const view = pythonCodeView(text);
    const imports = pythonImports(view);
    const modules = imports.map((entry) => entry.module);
    // Without an LLM SDK (a model library importing torch) only prompt constants and prompt files count.
    const llmCode = modules.some((module) => LLM_CATEGORIES.has(pythonPackageForModule(module)?.category ?? ''));
    const mayHavePrompts =
      isPromptModule(path) ||
      (llmCode
        ? mayDefinePrompts(triggers) || PROMPT_HINT.test(view) || mayWriteCrewPrompts(view)
        : mayHoldNonLlmPrompt(view) || mayShapeSystemMessage(triggers, text) || mayCallSdkSurface(triggers)) ||
      mayHoldCdkPrompts(triggers, view) ||
      mayDefineActionGroups(triggers) ||
      mayWriteRealtimeEvents(triggers) ||
      mayDescribeMcpTools(path, view) ||
      mayDeclareMcpServerParts(triggers, view);
    // An evaluation script, or code calling a model, may read its data files.
    const readsData =
      ((isEvalScript(path) || llmCode) && EVAL_DATA_HINT.test(view)) ||
      mayNameLangsmithDataset(view) ||
      view.includes(AGENT_EVALUATOR_HINT);
    const namesServices = SETTING_SERVICE_HINT.test(view) || HUB_TOOL_HINT.test(view) || readsData;
    const mayMatter =
      mayHavePrompts ||
      namesServices ||
      mayNameModelSetting(triggers) ||
      mayNameOllamaModel(triggers) ||
      mayListModelCatalog(triggers, view) ||
      // A Bedrock model named by its ARN (`bedrockArns.ts`).
      view.includes(':foundation-model/') ||
      view.includes(':inference-profile/') ||
      MODEL_PARAMETER_HINT.test(view) ||
      CONFIG_READ_HINT.test(view) ||
      SENTENCE_TRANSFORMERS_QUOTED.test(view) ||
      LEGACY_HUB_QUOTED.test(view) ||
      MODEL_KWARGS_HINT.test(view) ||
      fetchesSklearnDataset(view, modules) ||
      mayImportDatasetBuilder(view) ||
      pythonCallsMayMatter(view, modules, triggers);
    if (!mayMatter) return collectCodeImports(site, { language, imports, text }, mayProbeByName(triggers));
  }
  const parsed = (facts: CodeFacts) => {
    wrappers.push(...modelWrapperDefinitions(path, facts));
    return codeComponents(site, facts, mcp, mayProbeByName(triggers));
  };
  return (await withParseReason(`ai-bom: ${reason}`, () => withFacts(kind, text, parsed))) ?? [];
}

/** A configuration read of a model setting with a default (`self._get_str("model", …)`, `config.get("embedding_model", …)`). */
const CONFIG_READ_HINT = /\._?get\w{0,8}\(\s*["'](?:\w+_)?model(?:_name|_id)?["']\s*,/i;

/**
 * A function or constructor of an AI module taking a model-named parameter (`def __init__(self, model_repo: str)`):
 * a wrapper whose callers elsewhere give the model (`modelWrappers.ts`).
 */
const MODEL_PARAMETER_HINT = /\bdef\s+\w+\s*\([^)]*?\b(?:\w+_)?model(?:_?(?:name|id|repo(?:_?id)?))?\s*[:=,)]/;

/** A dataset scikit-learn downloads (`fetch_california_housing()`): `datasets.ts`. */
function fetchesSklearnDataset(view: string, modules: readonly string[]): boolean {
  return modules.some((module) => module.startsWith('sklearn')) && /\bfetch_\w+\s*\(/.test(view);
}

/**
 * Words without which a file passes no system message or instructions, loads no prompt, builds no agent
 * from a spec and declares no DSPy signature (`class X(dspy.Signature):`) (checked on the code view).
 */
const PROMPT_HINT =
  /\bsystem|SamplingMessage|instructions|\.prompt\b|prompt\(|pull|get_prompt|\bopen\(|read_text|get_template|from_file|load_prompt|prompty|from_yaml|agents_config|prompt_function|inputText|PromptTemplate|\bSignature\s*[),]/i;

/** Prompt constants (`SYSTEM_PROMPT =`) and prompt files a file without an LLM SDK may still hold. */
export const NON_LLM_PROMPT_HINT =
  /\b(?:[A-Z][A-Z0-9_]*)?(?:PROMPT|SYSTEM(?:_[A-Z0-9]+)*_(?:MESSAGE|MSG|INSTRUCTIONS?))[A-Z0-9_]*\s*(?::[^=\n]*)?=(?!=)|prompts?[/\\]|\.prompty\b|\.jinja2?\b|\.j2\b|chat_template_path\b/;

/** Literals every match of `NON_LLM_PROMPT_HINT` holds: searching them first skips the regex on most code. */
const NON_LLM_PROMPT_LITERALS = ['PROMPT', 'SYSTEM_', 'prompt', '.jinja', '.j2', 'chat_template_path'];

function mayHoldNonLlmPrompt(view: string): boolean {
  return NON_LLM_PROMPT_LITERALS.some((literal) => view.includes(literal)) && NON_LLM_PROMPT_HINT.test(view);
}

/** A system message by its shape: a role message, a `("system", …)` tuple, `SystemMessage(…)`, `system_message=`. */
const SHAPED_SYSTEM_HINT = /["']?role["']?\s*[:=]\s*["']system["']|\(\s*["']system["']\s*,|SystemMessage\(|system_(?:message|prompt)\s*=/i;

function mayShapeSystemMessage(triggers: FileTriggers, text: string): boolean {
  return maySendSystemMessage(triggers) && SHAPED_SYSTEM_HINT.test(text);
}

/** Words of a cell that may write or send a prompt. */
const CELL_PROMPT_WORDS = /system|prompt|instruction|["']role["']|\bcontent\s*=/i;

/** A role message written in a notebook cell (`{"role": "system", …}`). */
const ROLE_MESSAGE_HINT = /["']role["']\s*:\s*["']system["']/;

function cellMayNameKeys(cell: string): boolean {
  const lower = cell.toLowerCase();
  return GATES.keyNames.some((word) => lower.includes(word));
}

/**
 * A notebook's prompt cell names its prompt in lower case as often as not (`system_prompt = "You are a
 * math teacher…"`, `prompt = """…"""` filled in a later cell): the notebook already mentions AI.
 */
const CELL_PROMPT_HINT = /\b\w*(?:prompt|system_(?:message|msg|instructions?))\s*(?::[^=\n]*)?=(?!=)/i;

function cellMayDefinePrompts(cell: string): boolean {
  const view = pythonCodeView(cell);
  return mayHoldNonLlmPrompt(view) || CELL_PROMPT_HINT.test(view) || ROLE_MESSAGE_HINT.test(cell);
}

/**
 * A module that imports no AI package: its long prompt constants count, and what a CDK stack deploys
 * (its prompts, the Bedrock action groups it defines).
 */
async function collectPromptConstants(site: CodeSite, text: string, kind: FileKind): Promise<PartialComponent[]> {
  const collect = (facts: CodeFacts) => [...collectCodeAndCdkPrompts(site, facts), ...collectCodeActionGroups(site, facts)];
  return (await withParseReason('ai-bom: prompt constants', () => withFacts(kind, text, collect))) ?? [];
}

/** Runs inside the parse lease: the facts (shared with the rules) hold syntax nodes. */
function codeComponents(site: CodeSite, facts: CodeFacts, mcp: boolean, mayProbe?: boolean): PartialComponent[] {
  return [
    ...collectCodeImports(site, facts, mayProbe),
    ...collectCodeServices(site, facts),
    ...collectSettingServices(site, facts),
    ...collectInferenceProviders(site, facts),
    ...collectCodeKeyNames(site, facts),
    ...collectCodeModels(site, facts),
    ...collectInProcessModels(site, facts),
    ...collectWrapperCallModels(site, facts),
    ...collectLocalHelperModels(site, facts),
    ...collectCodeSettingModels(site, facts),
    ...collectCodeModelLists(site, facts),
    ...collectCommentedModels(site, facts),
    ...collectLiveTestModels(site, facts),
    ...collectBedrockProfiles(site, facts),
    ...collectBedrockArnModels(site, facts),
    ...collectCodeModelCatalogs(site, facts),
    ...collectScriptModels(site, facts),
    ...collectLegacyHubModels(site, facts),
    ...collectSplattedModels(site, facts),
    ...collectCodeDatasets(site, facts),
    ...collectDatasetBuilders(site, facts),
    ...collectEvalDataFiles(site, facts),
    ...collectAiDataFiles(site, facts),
    ...collectLangsmithDatasets(site, facts),
    ...collectAgentEvalSets(site, facts),
    ...collectHubTools(site, facts),
    ...collectCodeAndCdkPrompts(site, facts),
    ...collectCodeActionGroups(site, facts),
    ...collectCrewPrompts(site, facts),
    ...collectSamplingPrompts(site, facts),
    ...dspySignaturePrompts(site, facts),
    ...promptTemplateObjects(site, facts),
    ...(mcp ? collectCodeMcpServers(site, facts) : []),
    ...collectCodeMcpServerDefinitions(site, facts),
  ];
}
