import type { CodeImport } from '../facts';
import { FRAMEWORK_LLM_METHODS, LLM_CALLEE_SUFFIXES, LLM_FUNCTIONS, LLM_METHODS } from './specs';

/** What both languages know about a call when deciding whether it returns model output. */
export interface LlmCallShape {
  /** The callee as written (`client.chat.completions.create`, `Runner.run`, `generateText`). */
  calleeText: string;
  /** Python: the import-resolved name (`agents.Runner.run`); JavaScript: `module:export` (`ai:generateText`). */
  qualified?: string;
  /** The callee without its last segment (`client.chat.completions`), undefined for a plain function. */
  receiver?: string;
  imports: readonly CodeImport[];
}

/**
 * Whether a call returns model output: an SDK surface by its callee (`….chat.completions.create`,
 * `….messages.create`, `generate_content`), a known function (`litellm.completion`, the AI SDK's
 * `generateText`), or a framework method in a file that imports the framework (`chain.invoke`).
 */
export function isLlmCall(call: LlmCallShape): boolean {
  const text = call.calleeText.replace(/\s+/g, '').replace(/\?\./g, '.');
  if (LLM_CALLEE_SUFFIXES.some((suffix) => text === suffix || text.endsWith(`.${suffix}`))) return true;
  const method = text.slice(text.lastIndexOf('.') + 1);
  if (call.receiver !== undefined && LLM_METHODS.has(method)) return true;
  if (call.qualified && LLM_FUNCTIONS.has(call.qualified)) return true;
  if (call.receiver === undefined) return false;
  const receiverName = call.receiver.slice(call.receiver.lastIndexOf('.') + 1);
  return FRAMEWORK_LLM_METHODS.some(
    (framework) =>
      framework.methods.has(method) &&
      (!framework.receiver || framework.receiver.test(receiverName)) &&
      call.imports.some((entry) => framework.packages.test(entry.module)),
  );
}
