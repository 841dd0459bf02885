/**
 * The AI-BOM of several scanned folders as one inventory (used by the CLI for several PATHs and by
 * the language server for multi-root workspaces): each target's BOM is rebased under the
 * common root (as its findings are) and the results are folded with the engine's `mergeInventory`.
 */
import { keepDeclaration, mergeInventory } from './merge';
import type { AiBom, AiComponent, Occurrence } from './types';

const DEPENDENCY = 'ai-posture:dependency';

/**
 * Prefixes every workspace path of a BOM with `prefix/`: occurrences, and the names and refs of
 * components that are identified by their file (prompts, model files, plugin manifests), so
 * `a/AGENTS.md` and `b/AGENTS.md` stay two prompts. Links are renamed with them.
 */
export function rebaseBom(bom: AiBom, prefix: string): AiBom {
  if (prefix === '.') return bom;
  const rebase = (relative: string) => `${prefix}/${relative}`;
  const renamed = new Map<string, string>();
  const components = bom.components.map((component) => {
    const own = fileIdentity(component);
    const rebased: AiComponent = {
      ...component,
      occurrences: component.occurrences.map(
        (occurrence): Occurrence => keepDeclaration(occurrence, { ...occurrence, path: rebase(occurrence.path) }),
      ),
    };
    if (own !== undefined) {
      rebased.ref = `${component.ref.slice(0, -own.length)}${rebase(own)}`;
      if (component.name === own) rebased.name = rebase(own);
      renamed.set(component.ref, rebased.ref);
    }
    return rebased;
  });
  for (const component of components) component.dependsOn = component.dependsOn.map((ref) => renamed.get(ref) ?? ref);
  return { components };
}

/** The file a component's ref ends with (`prompt:<path>`, `modelFile:<path>`, `plugin:agent/<path>`), if any. */
function fileIdentity(component: AiComponent): string | undefined {
  return component.occurrences
    .map((occurrence) => occurrence.path)
    .find((file) => component.ref.endsWith(file) && /[:/]$/.test(component.ref.slice(0, -file.length)));
}

/**
 * One BOM for several targets. `mergeInventory` joins components by ref and sorts everything; the
 * SDK verdict `ai-posture:dependency` is then recomputed from the targets' own verdicts, because
 * the merge re-derives it from the first occurrence, which for a finished component need not be
 * the manifest that declared it.
 */
export function mergeTargetBoms(boms: AiBom[]): AiBom {
  if (boms.length === 1) return boms[0];
  const verdicts = new Map<string, Set<string>>();
  for (const component of boms.flatMap((bom) => bom.components)) {
    for (const entry of component.properties) {
      if (entry.name !== DEPENDENCY) continue;
      const seen = verdicts.get(component.ref) ?? new Set<string>();
      seen.add(entry.value);
      verdicts.set(component.ref, seen);
    }
  }
  const merged = mergeInventory(boms);
  for (const component of merged.components) {
    const seen = verdicts.get(component.ref);
    if (!seen) continue;
    // Declared anywhere wins, as it does inside one workspace.
    const verdict = ['direct', 'transitive', 'undeclared'].find((value) => seen.has(value)) ?? [...seen][0];
    const others = component.properties.filter((entry) => entry.name !== DEPENDENCY);
    component.properties = [...others, { name: DEPENDENCY, value: verdict }].sort(
      (a, b) => compare(a.name, b.name) || compare(a.value, b.value),
    );
  }
  return merged;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
