import { boundNames, qualifiedCallee } from '../facts/python';
import type { PyCall, PythonModule } from '../parse/python';

/**
 * Calls of a named class or function of an agent framework, resolved through imports and aliases
 * (`from langchain_experimental.tools import PythonREPLTool as R; R()`), including class methods
 * such as `LLMMathChain.from_llm(...)`. A name that does not come from the framework's packages
 * (a class of the same name defined in the file) is not matched: those are near misses. A name
 * that is neither imported nor bound in the text is taken as the framework's: a notebook cell
 * uses names imported in an earlier cell, and a star import (`from langchain.tools import *`)
 * binds names no import list shows.
 */

export interface FrameworkCall {
  call: PyCall;
  /** The framework name the call reaches (`PythonREPLTool`, `LLMMathChain`). */
  name: string;
}

/** Calls in `module` whose resolved callee starts with one of `roots` and names one of `names`. */
export function frameworkCalls(module: PythonModule, roots: readonly string[], names: ReadonlySet<string>): FrameworkCall[] {
  const found: FrameworkCall[] = [];
  let bound: Set<string> | undefined;
  for (const call of module.calls()) {
    let name = frameworkName(call, roots, names);
    if (!name && !call.imported) {
      bound ??= boundNames(module.root);
      name = unboundName(call, names, bound);
    }
    if (name) found.push({ call, name });
  }
  return found;
}

/** `PythonREPLTool()` / `LLMMathChain.from_llm()` with the name from another cell or a star import. */
function unboundName(call: PyCall, names: ReadonlySet<string>, bound: ReadonlySet<string>): string | undefined {
  const segments = call.callee.split('.');
  const head = segments[0];
  if (segments.length > 2 || !names.has(head) || bound.has(head) || !/^[A-Za-z_][\w.]*$/.test(call.callee)) return undefined;
  return head;
}

/** The matched name, or undefined; only the class or function itself and one method on it count. */
function frameworkName(call: PyCall, roots: readonly string[], names: ReadonlySet<string>): string | undefined {
  if (!call.imported) return undefined;
  const segments = qualifiedCallee(call).split('.');
  if (!roots.includes(segments[0])) return undefined;
  const last = segments[segments.length - 1];
  if (names.has(last)) return last;
  const owner = segments[segments.length - 2];
  return owner !== undefined && names.has(owner) ? owner : undefined;
}

/** True when the module imports any package under `roots`. */
export function importsAny(module: PythonModule, roots: readonly string[]): boolean {
  return roots.some((root) => module.importsModule(root));
}
