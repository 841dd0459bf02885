import lists from '../data/pickle-globals.json';

/**
 * Judges an imported callable of a pickle against the lists in `data/pickle-globals.json`:
 * `dangerous` (deny list, any non-safe builtin, a name reaching a dunder attribute, or an import
 * whose module or name could not be resolved), `safe` (torch/numpy rebuild helpers, ordinary
 * containers and estimator classes), else `unknown`.
 */
export type ImportVerdict = 'dangerous' | 'unknown' | 'safe';

const ALIASES: ReadonlyArray<[string, string]> = Object.entries(lists.aliases);
const DENY_MODULES = new Set(lists.denyModules);
const DENY_CALLABLES = new Set(lists.denyCallables);
const SAFE_BUILTINS = new Set(lists.safeBuiltins);
const SAFE_CALLABLES = new Set(lists.safeCallables);
const SAFE_CLASS_PREFIXES = lists.safeClassPrefixes;

/** Python 2 names the unpickler maps to Python 3 ones (`fix_imports`), and NumPy's renamed core. */
export function canonicalModule(module: string): string {
  for (const [from, to] of ALIASES) {
    if (module === from || module.startsWith(`${from}.`)) return to + module.slice(from.length);
  }
  return module;
}

/** The module and its parents: `asyncio.unix_events` → `asyncio.unix_events`, `asyncio` (CVE-2025-10157). */
function moduleAndParents(module: string): string[] {
  const parts = module.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}

export function classifyImport(rawModule: string, name: string): ImportVerdict {
  if (rawModule === 'unknown' || name === 'unknown' || rawModule.length === 0 || name.length === 0) return 'dangerous';
  const module = canonicalModule(rawModule);
  const qualified = `${module}.${name}`;
  if (moduleAndParents(module).some((prefix) => DENY_MODULES.has(prefix))) return 'dangerous';
  if (moduleAndParents(qualified).some((prefix) => DENY_CALLABLES.has(prefix))) return 'dangerous';
  if (module === 'builtins') return SAFE_BUILTINS.has(name) ? 'safe' : 'dangerous';
  if (SAFE_CALLABLES.has(qualified)) return 'safe';
  // A dotted name walks attributes (protocol 4): `_rebuild_tensor_v2.__globals__` reaches a module's namespace.
  if (name.split('.').some((part) => part.startsWith('__') && part.endsWith('__') && part.length > 4)) return 'dangerous';
  const last = name.split('.').pop() ?? name;
  const isClass = /^[A-Z]/.test(last) && !name.includes('.');
  if (isClass && SAFE_CLASS_PREFIXES.some((prefix) => `${module}.`.startsWith(prefix))) return 'safe';
  return 'unknown';
}
