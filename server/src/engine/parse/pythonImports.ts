/**
 * The import statements of a Python module without a parse: read from its code view (comments and
 * docstrings blanked, see `pythonCodeView`), where an import statement is one logical line
 * (`import a.b as c, d`, `from x import (y,\n z)`, `from x import *`). Gives exactly what the
 * syntax-tree reader gives (`import a.b` → `a.b`; `from x import y` → `x.y`; relative imports left
 * out), so the AI-BOM lists the SDKs of a file that only imports them without parsing it.
 */

export interface PythonImport {
  module: string;
  /** 0-based row of the statement, as the syntax-tree reader gives it. */
  row: number;
}

const STATEMENT = /(?:^|;)[ \t]*(?:import[ \t]+([^\n;]+)|from[ \t]+([\w.]+)[ \t]+import[ \t]*(\([^)]*\)|[^\n;]*))/gm;
const DOTTED = /^[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*$/;

export function pythonImports(code: string): PythonImport[] {
  const imports: PythonImport[] = [];
  const lineStarts = lineStartsOf(code);
  STATEMENT.lastIndex = 0;
  for (let match = STATEMENT.exec(code); match; match = STATEMENT.exec(code)) {
    const keyword = match.index + match[0].search(/import|from/);
    const row = lineOf(lineStarts, keyword);
    if (match[1] !== undefined) {
      for (const module of names(match[1])) imports.push({ module, row });
      continue;
    }
    const from = match[2];
    // Relative imports name no package; `__future__` is a compiler directive, not a module.
    if (from.startsWith('.') || from === '__future__') continue;
    const imported = names(match[3].replace(/^\(|\)$/g, ''));
    if (imported.length === 0) imports.push({ module: from, row });
    for (const name of imported) imports.push({ module: `${from}.${name}`, row });
  }
  return imports;
}

/**
 * Modules a file probes by a literal name instead of importing them: optional backends are checked
 * with `importlib.util.find_spec("aqlm")`, loaded with `importlib.import_module("hqq")` or
 * `__import__("eetq")`, or asked for through the availability helpers libraries share
 * (`_is_package_available("torchao")` in transformers, accelerate and their dependents). Such a
 * package is one the code uses when installed, like an import inside `try`/`except ImportError`.
 */
export function pythonProbedModules(code: string): PythonImport[] {
  const probes: PythonImport[] = [];
  let lineStarts: number[] | undefined;
  PROBE.lastIndex = 0;
  for (let match = PROBE.exec(code); match; match = PROBE.exec(code)) {
    lineStarts ??= lineStartsOf(code);
    probes.push({ module: match[1], row: lineOf(lineStarts, match.index) });
  }
  return probes;
}

/** Literals every probe holds (the engine's one pass looks for them): most files have none. */
export const PROBE_LITERALS = ['find_spec', 'import_module', '__import__', 'is_package_available'];
const PROBE =
  /(?<![\w.])(?:(?:importlib\.)?(?:util\.)?find_spec|(?:importlib\.)?import_module|__import__|_?is_package_available)\(\s*["']([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)["']\s*[,)]/g;

/** `a.b as c, d` → `a.b`, `d`; `*` gives nothing (the module itself is the import). */
function names(list: string): string[] {
  return list
    .replace(/\\\r?\n/g, ' ')
    .split(',')
    .map((part) =>
      part
        .trim()
        .split(/[ \t\r\n]+as[ \t\r\n]+/)[0]
        .trim(),
    )
    .filter((name) => DOTTED.test(name))
    .map((name) => name.replace(/[ \t]+/g, ''));
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
