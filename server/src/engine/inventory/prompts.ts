import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { property, serviceComponent } from './build';
import { findEndpoints } from './catalog';
import { Lines } from './manifestText';
import { configModel } from './models';
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
  if (base.endsWith('.chatmode.md')) return { type: 'agent', tool: 'copilot' };
  if (base.endsWith('.agent.md') || (inDir('.github/agents') && base.endsWith('.md'))) return { type: 'agent', tool: 'copilot' };
  if (base === 'agents.md') return { type: 'instructions', tool: 'agents-md' };
  if (base === 'claude.md' || base === 'claude.local.md') return { type: 'instructions', tool: 'claude-code' };
  if (inDir('.claude/rules')) return { type: 'rules', tool: 'claude-code' };
  if (inDir('.claude/agents') && base.endsWith('.md')) return { type: 'agent', tool: 'claude-code' };
  if (inDir('.claude/commands') && base.endsWith('.md')) return { type: 'prompt-file', tool: 'claude-code' };
  if (base === 'skill.md') return { type: 'skill', tool: inDir('.github') ? 'copilot' : 'claude-code' };
  if (base === 'gemini.md') return { type: 'instructions', tool: 'gemini-cli' };
  if (base === '.cursorrules' || (inDir('.cursor/rules') && /\.mdc?$/.test(base))) return { type: 'rules', tool: 'cursor' };
  if (base === '.windsurfrules' || (inDir('.windsurf/rules') && base.endsWith('.md'))) return { type: 'rules', tool: 'windsurf' };
  if (base === '.clinerules' || (inDir('.clinerules') && base.endsWith('.md'))) return { type: 'rules', tool: 'cline' };
  if (/(?:^|\/)\.roo\/rules(?:-[\w-]+)?\/[^/]+\.md$/.test(lower)) return { type: 'rules', tool: 'roo-code' };
  if (inDir('.continue/rules') && base.endsWith('.md')) return { type: 'rules', tool: 'continue' };
  return undefined;
}

/** Semantic Kernel YAML prompt templates (`name`, `template`, `template_format` or `input_variables`). */
export function isSemanticKernelYaml(text: string): boolean {
  return /^template\s*:/m.test(text) && /^(?:template_format|input_variables)\s*:/m.test(text) && /^name\s*:/m.test(text);
}

export function collectPrompt(path: string, text: string, kind: PromptKind): PartialComponent[] {
  const front = frontMatter(path, text, kind);
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
  const linked = linkedComponents(path, text, front, kind);
  prompt.dependsOn.push(...linked.map((component) => component.ref));
  return [prompt, ...linked];
}

/** YAML front matter (between `---` lines) or, for SK YAML prompts, the whole document. */
function frontMatter(path: string, text: string, kind: PromptKind): Record<string, unknown> {
  let source: string | undefined;
  if (kind.type === 'semantic-kernel' && /\.ya?ml$/i.test(path)) source = text;
  else {
    const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
    source = match?.[1];
  }
  if (!source) return {};
  try {
    const value = parseYaml(source, { maxAliasCount: 100 }) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
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

function linkedComponents(path: string, text: string, front: Record<string, unknown>, kind: PromptKind): PartialComponent[] {
  const components: PartialComponent[] = [];
  const lines = new Lines(text);
  const line = (needle: string) => {
    const index = text.indexOf(needle);
    return index < 0 ? undefined : lines.at(index);
  };
  const model = front.model;
  if (model && typeof model === 'object') {
    const configuration = ((model as Record<string, unknown>).configuration ?? {}) as Record<string, unknown>;
    const type = typeof configuration.type === 'string' ? configuration.type : undefined;
    for (const key of ['azure_deployment', 'model', 'name', 'deployment_name']) {
      const id = configuration[key];
      if (typeof id !== 'string') continue;
      const extra = key.includes('deployment') ? [property('model:deployment', 'true')] : [];
      const found = configModel(
        id,
        type ? PROMPTY_PROVIDERS[type] : undefined,
        { path, line: line(id), evidence: 'config', symbol: key },
        extra,
      );
      if (found) components.push(found);
      break;
    }
    for (const key of ['azure_endpoint', 'endpoint', 'base_url']) {
      const endpoint = configuration[key];
      const hit = typeof endpoint === 'string' ? findEndpoints(endpoint)[0] : undefined;
      const service = hit
        ? serviceComponent(hit.service, { path, line: line(endpoint as string), evidence: 'config', symbol: key }, hit.endpoint)
        : undefined;
      if (service) components.push(service);
    }
  } else if (typeof model === 'string' && !MODEL_PLACEHOLDERS.has(model)) {
    const hint = kind.tool === 'claude-code' ? 'anthropic' : undefined;
    const found = configModel(model, hint, { path, line: line(model), evidence: 'config', symbol: 'model' });
    if (found) components.push(found);
  }
  return components;
}
