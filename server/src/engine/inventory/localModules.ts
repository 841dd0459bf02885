import { IMPLIED_BY } from './impliedServices';
import type { AiBom, AiComponent, Occurrence } from './types';

/**
 * A Python import names the workspace's own module when one by that name sits next to the
 * importing file or at the workspace root (`from agents import MarketingAgents` beside an
 * `agents.py`): the script's folder comes first on Python's path, so the package of the same
 * name (here `openai-agents`) is not what runs. Such imports are not evidence of the SDK.
 *
 * Only SDKs that no manifest or lockfile declares are judged: a declared package is listed
 * whatever its imports resolve to.
 */
export function withoutLocalModuleImports(bom: AiBom, exists: (relativePath: string) => boolean): AiBom {
  const components: AiComponent[] = [];
  const dropped = new Set<string>();
  for (const component of bom.components) {
    if (!isUndeclaredPythonSdk(component)) {
      components.push(component);
      continue;
    }
    // A call in a file whose imports of the SDK all name a local module resolved through that module.
    const imports = component.occurrences.filter((occurrence) => occurrence.evidence === 'import');
    const local = new Set(imports.filter((occurrence) => importsLocalModule(occurrence, exists)));
    const localOnly = new Set(imports.filter((occurrence) => local.has(occurrence)).map((occurrence) => occurrence.path));
    for (const occurrence of imports) if (!local.has(occurrence)) localOnly.delete(occurrence.path);
    const occurrences = component.occurrences.filter(
      (occurrence) => !local.has(occurrence) && !(occurrence.evidence === 'call' && localOnly.has(occurrence.path)),
    );
    for (const occurrence of component.occurrences) if (!occurrences.includes(occurrence)) dropped.add(occurrenceKey(occurrence));
    if (occurrences.length === component.occurrences.length) components.push(component);
    else if (occurrences.length > 0) components.push({ ...component, occurrences });
  }
  if (dropped.size === 0) return bom;
  withoutDroppedImplications(components, dropped);
  // A dropped SDK's models and services stay: other evidence found them.
  const refs = new Set(components.map((component) => component.ref));
  return { components: components.map((component) => ({ ...component, dependsOn: component.dependsOn.filter((ref) => refs.has(ref)) })) };
}

function occurrenceKey(occurrence: Occurrence): string {
  return `${occurrence.path}:${occurrence.line ?? ''}:${occurrence.evidence}`;
}

/** A service an SDK implied (`impliedServices.ts`) keeps only the occurrences that still show the SDK. */
function withoutDroppedImplications(components: AiComponent[], dropped: ReadonlySet<string>): void {
  for (let index = components.length - 1; index >= 0; index--) {
    const component = components[index];
    if (component.kind !== 'service' || !component.properties.some((entry) => entry.name === IMPLIED_BY)) continue;
    const occurrences = component.occurrences.filter((occurrence) => !dropped.has(occurrenceKey(occurrence)));
    if (occurrences.length === component.occurrences.length) continue;
    if (occurrences.length === 0) components.splice(index, 1);
    else components[index] = { ...component, occurrences };
  }
}

/** Python code, and the scripts that run its modules (`python -m agents.run` beside an `agents/` package). */
const RUNS_PYTHON_MODULES = /\.(?:py|ipynb|sh|bash|zsh|slurm|sbatch|mk)$|(?:^|\/)(?:gnu)?makefile$/i;

function isUndeclaredPythonSdk(component: AiComponent): boolean {
  return (
    component.kind === 'sdk' &&
    component.ecosystem === 'pypi' &&
    component.occurrences.every(
      (occurrence) => (occurrence.evidence === 'import' || occurrence.evidence === 'call') && RUNS_PYTHON_MODULES.test(occurrence.path),
    ) &&
    component.occurrences.some((occurrence) => occurrence.evidence === 'import')
  );
}

function importsLocalModule(occurrence: Occurrence, exists: (relativePath: string) => boolean): boolean {
  const segments = occurrence.symbol?.split('.') ?? [];
  const top = segments[0];
  if (!top || !/^[A-Za-z_]\w*$/.test(top)) return false;
  const folder = occurrence.path.includes('/') ? occurrence.path.slice(0, occurrence.path.lastIndexOf('/') + 1) : '';
  // `top` as a module or a package; for folders without `__init__.py` (namespace packages), the submodule imported from them.
  const modules = segments
    .slice(0, 4)
    .map((_, index) => segments.slice(0, index + 1).join('/'))
    .flatMap((module) => [`${module}.py`, `${module}/__init__.py`]);
  // A module does not import itself: `from anthropic import Anthropic` in a wrapper named
  // `anthropic.py` (an optional backend, imported lazily) is the SDK, not the file.
  return [...new Set([folder, ''])].some((place) =>
    modules.some((module) => `${place}${module}` !== occurrence.path && exists(`${place}${module}`)),
  );
}
