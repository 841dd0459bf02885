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
  for (const component of bom.components) {
    if (!isUndeclaredPythonSdk(component)) {
      components.push(component);
      continue;
    }
    const occurrences = component.occurrences.filter((occurrence) => !importsLocalModule(occurrence, exists));
    if (occurrences.length === component.occurrences.length) components.push(component);
    else if (occurrences.length > 0) components.push({ ...component, occurrences });
  }
  if (components.length === bom.components.length) return bom;
  // A dropped SDK's models and services stay: other evidence found them.
  const refs = new Set(components.map((component) => component.ref));
  return { components: components.map((component) => ({ ...component, dependsOn: component.dependsOn.filter((ref) => refs.has(ref)) })) };
}

function isUndeclaredPythonSdk(component: AiComponent): boolean {
  return (
    component.kind === 'sdk' &&
    component.ecosystem === 'pypi' &&
    component.occurrences.every((occurrence) => occurrence.evidence === 'import' && /\.(?:py|ipynb)$/.test(occurrence.path))
  );
}

function importsLocalModule(occurrence: Occurrence, exists: (relativePath: string) => boolean): boolean {
  const [top, second] = occurrence.symbol?.split('.') ?? [];
  if (!top || !/^[A-Za-z_]\w*$/.test(top)) return false;
  const folder = occurrence.path.includes('/') ? occurrence.path.slice(0, occurrence.path.lastIndexOf('/') + 1) : '';
  // `top` as a module or a package; for a folder without `__init__.py` (a namespace package), the submodule imported from it.
  const modules = [`${top}.py`, `${top}/__init__.py`, ...(second ? [`${top}/${second}.py`, `${top}/${second}/__init__.py`] : [])];
  return [...new Set([folder, ''])].some((place) => modules.some((module) => exists(`${place}${module}`)));
}
