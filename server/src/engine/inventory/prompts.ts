import { createHash } from 'node:crypto';
import { type ConfigDocument, type ConfigNode, configDocumentFor, frontMatterFor } from '../parse/configDocument';
import { findEndpoints } from './catalog';
import { property, serviceComponent } from './components';
import { configModel } from './models';
import { skillReferences } from './skillReferences';
import type { PartialComponent, Property } from './types';

/**
 * Prompt assets and agent instruction files: `.prompty`, Semantic Kernel `skprompt.txt` and YAML
 * prompts, and the instruction/rules/prompt/agent/skill files of AI coding assistants. Each file is
 * one prompt component with a content hash, so a BOM diff shows when instructions change. Models and
 * endpoints named in a prompt's configuration become components it depends on; keys never do.
 */

interface PromptKind {
  type: string;
  tool?: string;
  /** Counts only with front matter that names or describes it (a single-file skill, not a folder's README). */
  needsFrontMatter?: boolean;
  /**
   * Counts only when its front matter is that of a Claude Code plugin's subagent or command (an
   * `agents/` or `commands/` folder outside `.claude/` may be documentation).
   */
  pluginPart?: 'agent' | 'command';
  /** Counts only when the file sets a `prompt` (a TOML command). */
  promptKey?: boolean;
  /** Counts only with the front matter of an agent rule (`alwaysApply`, `globs`, `applyTo`, `trigger`). */
  ruleFrontMatter?: boolean;
}

/** The kind of prompt asset a path is, from its name and folder, or undefined. */
export function promptKindOf(path: string): PromptKind | undefined {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  const inDir = (dir: string) => lower.startsWith(`${dir}/`) || lower.includes(`/${dir}/`);
  if (base.endsWith('.prompty')) return { type: 'prompty' };
  if (base === 'skprompt.txt') return { type: 'semantic-kernel' };
  if (lower.endsWith('.github/copilot-instructions.md') || base.endsWith('.instructions.md'))
    return { type: 'instructions', tool: 'copilot' };
  if (base.endsWith('.prompt.md')) return { type: 'prompt-file', tool: 'copilot' };
  // GitHub Models prompt files (`summarize.prompt.yml`: `messages`, `model`, `testData`), run by `gh models` and AI actions.
  if (/\.prompt\.ya?ml$/.test(base)) return { type: 'prompt-file', tool: 'github-models' };
  if (base.endsWith('.chatmode.md')) return { type: 'agent', tool: 'copilot' };
  if (base.endsWith('.agent.md') || (inDir('.github/agents') && base.endsWith('.md'))) return { type: 'agent', tool: 'copilot' };
  if (base === 'agents.md') return { type: 'instructions', tool: 'agents-md' };
  if (base === 'claude.md' || base === 'claude.local.md') return { type: 'instructions', tool: 'claude-code' };
  if (inDir('.claude/rules')) return { type: 'rules', tool: 'claude-code' };
  if (inDir('.claude/agents') && base.endsWith('.md')) return { type: 'agent', tool: 'claude-code' };
  if (inDir('.claude/commands') && base.endsWith('.md')) return { type: 'prompt-file', tool: 'claude-code' };
  // Output styles replace or extend Claude Code's system prompt (`.claude/output-styles/executive.md`).
  if (inDir('.claude/output-styles') && base.endsWith('.md')) return { type: 'output-style', tool: 'claude-code' };
  if (base === 'skill.md') return { type: 'skill', tool: inDir('.github') ? 'copilot' : 'claude-code' };
  // A skill written as one file beside the skill folders (`.claude/skills/release.md` with `name: release`).
  if (/(?:^|\/)\.claude\/skills\/[^/]+\.md$/.test(lower)) return { type: 'skill', tool: 'claude-code', needsFrontMatter: true };
  if (base === 'gemini.md') return { type: 'instructions', tool: 'gemini-cli' };
  // Gemini CLI custom commands (`.gemini/commands/git/commit.toml` with its `prompt`).
  if (inDir('.gemini/commands') && base.endsWith('.toml')) return { type: 'prompt-file', tool: 'gemini-cli' };
  // OpenCode agents and commands, Cursor commands: Markdown instructions by folder.
  if (/(?:^|\/)\.opencode\/agents?\/[^/]+\.md$/.test(lower)) return { type: 'agent', tool: 'opencode' };
  if (/(?:^|\/)\.opencode\/commands?\/[^/]+\.md$/.test(lower)) return { type: 'prompt-file', tool: 'opencode' };
  if (inDir('.cursor/commands') && base.endsWith('.md')) return { type: 'prompt-file', tool: 'cursor' };
  if (base === '.cursorrules' || (inDir('.cursor/rules') && /\.mdc?$/.test(base))) return { type: 'rules', tool: 'cursor' };
  // Cursor Bugbot's review instructions (`.cursor/BUGBOT.md`, at the root or in a folder it scopes to).
  if (base === 'bugbot.md' && (lower === '.cursor/bugbot.md' || lower.endsWith('/.cursor/bugbot.md')))
    return { type: 'instructions', tool: 'cursor-bugbot' };
  if (base === '.windsurfrules' || (inDir('.windsurf/rules') && base.endsWith('.md'))) return { type: 'rules', tool: 'windsurf' };
  if (base === '.clinerules' || (inDir('.clinerules') && base.endsWith('.md'))) return { type: 'rules', tool: 'cline' };
  if (/(?:^|\/)\.roo\/rules(?:-[\w-]+)?\/[^/]+\.md$/.test(lower)) return { type: 'rules', tool: 'roo-code' };
  if (inDir('.continue/rules') && base.endsWith('.md')) return { type: 'rules', tool: 'continue' };
  return (
    dotFolderAgentKindOf(lower, base) ??
    agentEcosystemKindOf(lower, base) ??
    (isPromptTemplateFile(lower, base) ? { type: 'template' } : undefined)
  );
}

const NAMED_INSTRUCTIONS: Record<string, string> = { 'qwen.md': 'qwen-code', 'crush.md': 'crush', 'warp.md': 'warp' };

/**
 * Instruction files other coding agents read from their own dot folder or file: JetBrains Junie
 * guidelines, Qwen Code, Crush and Warp project files, Amazon Q, Augment, Kilo Code and Trae rules, OpenHands microagents, Goose hints, Windsurf workflows,
 * Gemini Code Assist's style guide, Codex prompts, Zed's `.rules`.
 */
function dotFolderAgentKindOf(lower: string, base: string): PromptKind | undefined {
  const folder = lower.slice(0, lower.length - base.length);
  const under = (dir: string) => folder === `${dir}/` || folder.endsWith(`/${dir}/`);
  const within = (dir: string) => folder.startsWith(`${dir}/`) || folder.includes(`/${dir}/`);
  if (!base.endsWith('.md')) {
    if (base === '.goosehints') return { type: 'instructions', tool: 'goose' };
    if (base === '.augment-guidelines') return { type: 'instructions', tool: 'augment' };
    return base === '.rules' && folder === '' ? { type: 'rules', tool: 'zed' } : undefined;
  }
  if (under('.junie') && base === 'guidelines.md') return { type: 'instructions', tool: 'junie' };
  // Project instructions named for their agent, like `CLAUDE.md` and `GEMINI.md`.
  const named = NAMED_INSTRUCTIONS[base];
  if (named) return { type: 'instructions', tool: named };
  if (within('.kilocode/rules')) return { type: 'rules', tool: 'kilo-code' };
  if (within('.amazonq/rules')) return { type: 'rules', tool: 'amazon-q' };
  if (within('.augment/rules')) return { type: 'rules', tool: 'augment' };
  if (within('.trae/rules')) return { type: 'rules', tool: 'trae' };
  if (within('.openhands/microagents')) return { type: 'agent', tool: 'openhands' };
  if (under('.windsurf/workflows')) return { type: 'prompt-file', tool: 'windsurf' };
  if (under('.gemini') && base === 'styleguide.md') return { type: 'instructions', tool: 'gemini-code-assist' };
  if (under('.codex/prompts')) return { type: 'prompt-file', tool: 'codex' };
  return undefined;
}

/** A documentation site's page (`docs/skills/release.md`) describes agent files; it is none. */
const DOCS_FOLDER = /(?:^|\/)(?:docs?|documentation|website|site)\//;

/**
 * Instruction files of agents whose conventions live outside a dot folder: Kiro powers (`POWER.md`) and
 * steering files, Cursor rules shipped in a plugin (`plugins/cursor/x/rules/use-x.mdc`: `.mdc` is Cursor's
 * own format), rules folders whose files carry Cursor's front matter, skills kept as single files in a
 * `skills/` folder and Kiro files in a `kiro/` folder. All but the dot-folder and `.mdc` ones count only
 * with front matter, so a folder's notes are not listed.
 */
function agentEcosystemKindOf(lower: string, base: string): PromptKind | undefined {
  const folders = lower.split('/').slice(0, -1);
  const parent = folders[folders.length - 1];
  if (base === 'power.md') return { type: 'instructions', tool: 'kiro', needsFrontMatter: true };
  if (base.endsWith('.md') && folders.join('/').endsWith('.kiro/steering')) return { type: 'rules', tool: 'kiro' };
  if (DOCS_FOLDER.test(lower) || /^(?:readme|changelog|index|contributing)\.mdc?$/.test(base)) return undefined;
  if (base.endsWith('.mdc') && parent === 'rules') return { type: 'rules', tool: 'cursor' };
  if (base.endsWith('.md') && parent === 'rules') return { type: 'rules', ruleFrontMatter: true };
  if (base.endsWith('.md') && parent === 'skills' && base !== 'skill.md') return { type: 'skill', needsFrontMatter: true };
  if (base.endsWith('.md') && folders.includes('kiro')) return { type: 'instructions', tool: 'kiro', needsFrontMatter: true };
  return undefined;
}

/**
 * A Markdown file directly in an `agents/` or `commands/` folder: where a Claude Code plugin keeps its
 * subagents and slash commands (`plugins/feature-dev/agents/code-architect.md`, `commands/commit.md`
 * beside `.claude-plugin/plugin.json`). Whether it is one is decided by its front matter, so only the
 * AI-BOM reads these (rules judge prompt files by path alone, through `promptKindOf`).
 */
export function pluginPromptKindOf(path: string): PromptKind | undefined {
  const lower = path.toLowerCase();
  // A Gemini CLI extension's commands (`commands/git/commit.toml` with a `prompt`), decided by that key.
  if (lower.endsWith('.toml'))
    return /(?:^|\/)commands\//.test(lower) ? { type: 'prompt-file', tool: 'gemini-cli', promptKey: true } : undefined;
  if (!lower.endsWith('.md') || /(?:^|\/)(?:readme|changelog|index)\.md$/.test(lower)) return undefined;
  const folder = /(?:^|\/)(agents|commands)\/[^/]+$/.exec(lower)?.[1];
  if (folder === 'agents') return { type: 'agent', tool: 'claude-code', pluginPart: 'agent' };
  if (folder === 'commands') return { type: 'prompt-file', tool: 'claude-code', pluginPart: 'command' };
  return undefined;
}

/** Keys only Claude Code reads in a subagent's front matter (with `name` and `description`). */
const AGENT_KEYS = new Set(['model', 'tools', 'color', 'disallowedtools', 'permissionmode', 'skills']);
/** Keys only Claude Code reads in a command's front matter. */
const COMMAND_KEYS = new Set(['allowed-tools', 'argument-hint', 'model', 'disable-model-invocation']);
/** Keys of agent rules' front matter (Cursor, Continue, Copilot `applyTo`, Windsurf `trigger`). */
const RULE_KEYS = new Set(['alwaysapply', 'globs', 'applyto', 'trigger']);
/** Keys of documentation sites' front matter: such a page documents commands, it is none. */
const DOCS_KEYS = new Set(['title', 'sidebar_position', 'sidebar_label', 'slug', 'layout', 'nav_order', 'weight', 'permalink']);

/**
 * A plugin's subagent has `name`, `description` and a key only Claude Code reads (`model`, `tools`,
 * `color`); a command has `allowed-tools`, `argument-hint` or `model`, or only a `description` when
 * it sits in a plugin of a marketplace (`plugins/<name>/commands/`). Docs pages are not.
 */
function isPluginPart(path: string, text: string, part: 'agent' | 'command'): boolean {
  const keys = frontMatterKeys(text);
  if (keys.size === 0 || [...keys].some((key) => DOCS_KEYS.has(key))) return false;
  // A plugin of a marketplace (`plugins/<name>/…`, or `plugins/<agent>/<name>/…` for a repository that ships
  // one plugin per coding agent) needs no other key: Copilot CLI and Cursor agents have only these two.
  const inPlugin = /(?:^|\/)plugins\/(?:[^/]+\/){1,2}(?:agents|commands)\/[^/]+$/i.test(path) || /(?:^|\/)\.claude\//.test(path);
  if (part === 'agent') return keys.has('name') && keys.has('description') && (inPlugin || [...keys].some((key) => AGENT_KEYS.has(key)));
  if ([...keys].some((key) => COMMAND_KEYS.has(key))) return true;
  return keys.has('description') && inPlugin;
}

/** The lines between a Markdown file's opening `---` lines (none without front matter). */
function frontMatterLines(text: string): string[] {
  const match = /^(?:\uFEFF)?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text.slice(0, 20_000));
  return match?.[1]?.split('\n').map((line) => line.replace(/\r$/, '')) ?? [];
}

/**
 * The top-level keys of a Markdown file's front matter, read as lines (lower case): assistants accept
 * front matter that is not valid YAML (examples with `user:` lines inside a description).
 */
function frontMatterKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const line of frontMatterLines(text)) {
    const key = /^([A-Za-z][\w-]*)[ \t]*:/.exec(line)?.[1];
    if (key) keys.add(key.toLowerCase());
  }
  return keys;
}

/**
 * The `model:` line of Claude Code front matter that is no valid YAML (a description with examples
 * holds `: `): read as a line, the model the subagent or command runs on.
 */
function frontMatterModel(path: string, text: string): PartialComponent[] {
  const lines = frontMatterLines(text);
  const row = lines.findIndex((line) => /^model[ \t]*:/.test(line));
  const id =
    row < 0
      ? undefined
      : lines[row]
          ?.replace(/^model[ \t]*:\s*/, '')
          .replace(/^(["'])(.*)\1$/, '$2')
          .trim();
  if (!id || MODEL_PLACEHOLDERS.has(id)) return [];
  const found = configModel(id, 'anthropic', { path, line: row + 2, evidence: 'config', symbol: 'model' });
  return found ? [found] : [];
}

/** Plain-text and Jinja templates are how many apps keep prompts (`app/prompts/answer.txt`). */
const PROMPT_TEMPLATE_FILE = /\.(?:txt|jinja2?|j2)$/;

/** A plain-text or Jinja prompt template, by its folder or its name (pip requirement files excepted). */
function isPromptTemplateFile(lowerPath: string, base: string): boolean {
  // Markdown prompts (`prompts/coding_prompt.md`, `skills/x/prompts/example_s3.md`) count by their folder
  // only: a Markdown file named for prompts is as often a guide about them.
  if (/\.(?:md|markdown)$/.test(base)) return isInPromptFolder(lowerPath) && !DOCS_FOLDER.test(lowerPath) && !NOT_PROMPT_PAGES.test(base);
  if (!PROMPT_TEMPLATE_FILE.test(base) || base.startsWith('requirements')) return false;
  return isInPromptFolder(lowerPath) || PROMPT_NAMED.test(base);
}

/** A folder's own pages, never a prompt it holds. */
const NOT_PROMPT_PAGES = /^(?:readme|changelog|index|contributing|license)\.(?:md|markdown)$/;

/**
 * `prompt.txt`, `system_prompt.j2`, `generate-prompt.txt`: the word as a whole part of the name, or
 * joined to the kind of prompt (`systemPrompt.txt`, `voiceAgentMetaprompt.txt`).
 */
const PROMPT_NAMED = /(?:^|[_.-]|system|meta|user|agent)prompts?(?:[_.-]|$)/;

/** The file sits directly in a folder named for prompts (`prompts/`, `prompt_templates/`, `system_prompts/`). */
function isInPromptFolder(lowerPath: string): boolean {
  const parts = lowerPath.split('/');
  const folder = parts.length > 1 ? parts[parts.length - 2] : '';
  return /^(?:prompts?|prompt[_-]templates|system[_-]prompts)$/.test(folder);
}

/**
 * Semantic Kernel YAML prompt and agent templates: `name`, `template_format` or `input_variables`, and
 * the text (`template`, an agent's `instructions`) or the settings it runs with (`execution_settings`).
 * Resource files often start with a byte-order mark.
 */
export function isSemanticKernelYaml(text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return (
    /^(?:template|instructions|execution_settings)\s*:/m.test(body) &&
    /^(?:template_format|input_variables)\s*:/m.test(body) &&
    /^name\s*:/m.test(body)
  );
}

export function collectPrompt(path: string, text: string, kind: PromptKind): PartialComponent[] {
  const settings = promptSettings(path, text, kind);
  const front = (settings?.value ?? {}) as Record<string, unknown>;
  // A `.prompt.yml` that writes no messages is some other YAML.
  if (kind.tool === 'github-models' && !/^messages\s*:/m.test(text)) return [];
  if (kind.needsFrontMatter && typeof front.name !== 'string' && typeof front.description !== 'string' && !hasNamedFrontMatter(text))
    return [];
  // A site's page (`layout:`, `permalink:`) in a `skills/` or `kiro/` folder describes something; it instructs no agent.
  if (kind.needsFrontMatter && [...frontMatterKeys(text)].some((key) => DOCS_KEYS.has(key))) return [];
  if (kind.pluginPart && !isPluginPart(path, text, kind.pluginPart)) return [];
  if (kind.promptKey && !/^prompt[ \t]*=/m.test(text)) return [];
  if (kind.ruleFrontMatter && ![...frontMatterKeys(text)].some((key) => RULE_KEYS.has(key))) return [];
  const properties: Property[] = [property('prompt:type', kind.type)];
  if (kind.tool) properties.push(property('prompt:tool', kind.tool));
  const title = typeof front.name === 'string' ? front.name : undefined;
  if (title) properties.push(property('prompt:title', title.slice(0, 200)));
  if (typeof front.applyTo === 'string') properties.push(property('prompt:apply-to', front.applyTo));
  for (const tool of toolNames(front.tools)) properties.push(property('agent:tool', tool));
  if (kind.type === 'semantic-kernel' && path.toLowerCase().endsWith('skprompt.txt')) {
    // `<plugin>/<function>/skprompt.txt`.
    const parts = path.split('/');
    if (parts.length >= 3)
      properties.push(property('sk:plugin', parts[parts.length - 3]), property('sk:function', parts[parts.length - 2]));
  }
  if (typeof front.template_format === 'string') properties.push(property('prompt:template-format', front.template_format));
  const prompt: PartialComponent = {
    ref: `prompt:${path}`,
    kind: 'prompt',
    name: path,
    sha256: createHash('sha256').update(text).digest('hex'),
    occurrences: [{ path, evidence: 'file' }],
    properties,
    dependsOn: [],
  };
  const linked = settings ? linkedComponents(path, settings, kind) : kind.tool === 'claude-code' ? frontMatterModel(path, text) : [];
  prompt.dependsOn.push(...linked.map((component) => component.ref));
  // The files a skill tells the agent to read are its prompts too.
  const references = kind.type === 'skill' ? skillReferences(path, text) : [];
  return [prompt, ...linked, ...references];
}

/**
 * Front matter with a `name:` or `description:` line, read as lines: assistants accept front matter
 * that is not valid YAML (`description: Open a \`chore: mark v0.0.<next>\` PR` has a second `: `).
 */
function hasNamedFrontMatter(text: string): boolean {
  const keys = frontMatterKeys(text);
  return keys.has('name') || keys.has('description');
}

/**
 * A prompt's settings: its YAML front matter (between `---` lines) or, for Semantic Kernel YAML
 * prompts, the whole document; undefined unless they read cleanly as a mapping. Ranges are positions
 * in the prompt file, so agent-settings rules can point into the front matter.
 */
export function promptSettings(path: string, text: string, kind: PromptKind): ConfigNode | undefined {
  const document: ConfigDocument | undefined =
    (kind.type === 'semantic-kernel' || kind.tool === 'github-models') && /\.ya?ml$/i.test(path)
      ? configDocumentFor(text, 'yaml')
      : frontMatterFor(text);
  const root = document?.errors.length === 0 ? document.root : undefined;
  return root?.kind === 'object' && root.value !== undefined ? root : undefined;
}

function toolNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string').slice(0, 50);
  if (typeof value === 'string')
    return value
      .split(/\s*,\s*/)
      .filter(Boolean)
      .slice(0, 50);
  return [];
}

/** Provider implied by a Prompty `model.configuration.type`. */
const PROMPTY_PROVIDERS: Record<string, string> = {
  azure_openai: 'azure-openai',
  azure: 'azure-openai',
  openai: 'openai',
  serverless: 'azure-ai',
  azure_serverless: 'azure-ai',
};

/** Claude Code subagents name a model family alias; `inherit` names none. */
const MODEL_PLACEHOLDERS = new Set(['inherit', 'default', 'auto']);

function linkedComponents(path: string, settings: ConfigNode, kind: PromptKind): PartialComponent[] {
  const components: PartialComponent[] = [];
  const model = settings.get('model');
  const valueLine = (node: ConfigNode) => node.range.start.line + 1;
  if (model?.kind === 'object') {
    const configuration = model.get('configuration');
    const type = configuration?.get('type')?.string;
    for (const key of ['azure_deployment', 'model', 'name', 'deployment_name']) {
      const id = configuration?.get(key);
      if (id?.string === undefined) continue;
      const extra = key.includes('deployment') ? [property('model:deployment', 'true')] : [];
      const found = configModel(
        id.string,
        type ? PROMPTY_PROVIDERS[type] : undefined,
        { path, line: valueLine(id), evidence: 'config', symbol: key },
        extra,
      );
      if (found) components.push(found);
      break;
    }
    for (const key of ['azure_endpoint', 'endpoint', 'base_url']) {
      const endpoint = configuration?.get(key);
      const hit = endpoint?.string !== undefined ? findEndpoints(endpoint.string)[0] : undefined;
      const service =
        hit && endpoint
          ? serviceComponent(hit.service, { path, line: valueLine(endpoint), evidence: 'config', symbol: key }, hit.endpoint)
          : undefined;
      if (service) components.push(service);
    }
  } else if (model?.string !== undefined && kind.tool === 'github-models') {
    // `model: openai/gpt-4o-mini` runs on GitHub Models; the model itself is read with the other YAML model settings.
    const service = serviceComponent('github-models', { path, line: valueLine(model), evidence: 'config', symbol: 'model' });
    if (service) components.push(service);
  } else if (model?.string !== undefined && !MODEL_PLACEHOLDERS.has(model.string)) {
    const hint = kind.tool === 'claude-code' ? 'anthropic' : undefined;
    const found = configModel(model.string, hint, { path, line: valueLine(model), evidence: 'config', symbol: 'model' });
    if (found) components.push(found);
  }
  return components;
}
