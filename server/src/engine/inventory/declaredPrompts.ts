import * as posix from 'node:path/posix';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { folderOf } from '../project';
import { hubPromptComponent, promptComponent } from './codePrompts';
import { property } from './components';
import type { Occurrence, PartialComponent } from './types';

/**
 * Prompts that configuration declares: a declarative agent's `instructions` (inline, or
 * `$[file('instructions.txt')]`) and the `prompts:` of a promptfoo eval config (inline text, or
 * `file://prompts/x.txt`). Inline text is a prompt named `path#key` with its hash; a named file is a
 * reference the merge resolves against the workspace's files, like a prompt file loaded by code.
 */

/** The M365 agents toolkit's file reference in a manifest string. */
const FILE_FUNCTION = /^\$\[file\(\s*['"]([^'"]+)['"]\s*\)\]$/;
/** promptfoo names files as `file://path` (a `:function` suffix names code, which is not a prompt file). */
const FILE_URL = /^file:\/\/([^:*?]+)$/;

/** promptfoo's Langfuse prompts: `langfuse://name@label` or `langfuse://name:version`. */
const LANGFUSE_URL = /^langfuse:\/\/([\w./-]+)(?:[@:]([\w.-]+))?$/;

/** A prompt text shorter than this is a label or a test value, not an asset worth listing. */
const MIN_PROMPT_LENGTH = 20;

/** The prompt a declarative agent's `instructions` value is, which the agent depends on. */
export function agentInstructions(path: string, instructions: ConfigNode | undefined): PartialComponent | undefined {
  const text = instructions?.string;
  if (!instructions || text === undefined) return undefined;
  const occurrence: Occurrence = { path, line: instructions.range.start.line + 1, evidence: 'config', symbol: 'instructions' };
  const file = FILE_FUNCTION.exec(text.trim())?.[1];
  if (file) return fileReference(path, file, occurrence);
  if (text.trim().length < MIN_PROMPT_LENGTH) return undefined;
  return promptComponent(path, 'instructions', text, [property('prompt:type', 'agent-instructions')], occurrence);
}

/** promptfoo's config files: `promptfooconfig.yaml` (and `.yml`, `.json`), as `promptfoo eval` finds them. */
export function isPromptfooConfig(path: string): boolean {
  return /(?:^|\/)promptfooconfig[\w.-]*\.(?:ya?ml|json)$/i.test(path);
}

/** The prompts a promptfoo config evaluates. */
export function collectPromptfooPrompts(path: string, text: string): PartialComponent[] {
  const format = path.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
  const root = configDocumentFor(text, format).root;
  const prompts = root?.get('prompts');
  const entries = prompts?.kind === 'array' ? prompts.items() : prompts ? [prompts] : [];
  const components: PartialComponent[] = [];
  entries.forEach((entry, index) => {
    // `{ id: 'file://…', label: … }` or `{ raw: '…' }` objects, or a plain string.
    const value = entry.kind === 'object' ? (entry.get('id') ?? entry.get('raw')) : entry;
    const text = value?.string;
    if (!value || text === undefined) return;
    const occurrence: Occurrence = { path, line: value.range.start.line + 1, evidence: 'config', symbol: 'prompts' };
    const file = FILE_URL.exec(text.trim())?.[1];
    const hubPrompt = LANGFUSE_URL.exec(text.trim());
    if (file) components.push(fileReference(path, file, occurrence));
    else if (hubPrompt?.[1]) components.push(hubPromptComponent('langfuse', hubPrompt[1], hubPrompt[2], occurrence));
    // Other schemes (`package://`, `https://`) name prompts kept elsewhere, not text.
    else if (text.trim().length >= MIN_PROMPT_LENGTH && !/^[\w+.-]+:\/\//.test(text.trim()))
      components.push(promptComponent(path, `prompts[${index}]`, text, [property('prompt:type', 'eval-prompt')], occurrence));
  });
  return components;
}

/** A prompt file named relative to the config's folder, resolved by the merge. */
function fileReference(path: string, file: string, occurrence: Occurrence): PartialComponent {
  const resolved = posix.normalize(posix.join(folderOf(path) || '.', file.replace(/^\.\//, '')));
  return {
    ref: `prompt-file:${path}:${occurrence.line}:${file}`,
    kind: 'prompt',
    name: file,
    occurrences: [occurrence],
    properties: [],
    dependsOn: [],
    promptFile: { candidates: resolved.startsWith('..') ? [] : [resolved] },
  };
}
