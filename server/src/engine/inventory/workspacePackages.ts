import type { ConfigNode } from '../parse/configDocument';
import { lookupPackage } from './catalog';
import { LLM_CATEGORIES } from './codePrompts';
import { property, sdkRef } from './components';
import { lineOf } from './manifestText';
import type { PartialComponent } from './types';

/**
 * The repository's own AI library in a monorepo (`packages/core` of an agent CLI, published as
 * `@google/gemini-cli-core`): a package that is published (not `private`), depends on AI SDKs
 * itself, and that other packages of the workspace depend on by a local reference (`file:../core`,
 * `workspace:*`). Neither manifest says it alone (an app depends on AI SDKs too; a local package
 * may be any helper), so each gives a candidate and the merge confirms the pair
 * (`confirmWorkspacePackages`). An app that nothing else depends on is never listed.
 */

const OWN = 'workspace-package';
const CONSUMED = 'workspace-dependency';
const LOCAL_SPEC = /^(?:file|workspace|link|portal):/;
/** The category of the library: what its most specific AI dependency is. */
const CATEGORY_ORDER = ['agent-framework', 'orchestration', 'llm-sdk', 'llm-gateway', 'mcp', 'eval-observability', 'guardrails'];

/** Candidate parts of one `package.json`: the package itself when it may be an AI library, and its local dependencies. */
export function workspacePackageParts(path: string, root: ConfigNode, sections: readonly string[]): PartialComponent[] {
  const parts: PartialComponent[] = [];
  const categories = new Set<string>();
  for (const section of sections) {
    for (const [key, node] of root.get(section)?.entries() ?? []) {
      const spec = node.string ?? '';
      const info = lookupPackage('npm', key);
      if (info && !info.conditional && LLM_CATEGORIES.has(info.category)) categories.add(info.category);
      if (!info && LOCAL_SPEC.test(spec)) parts.push(candidate(key, path, lineOf(node), CONSUMED));
    }
  }
  const name = root.get('name');
  const category = CATEGORY_ORDER.find((entry) => categories.has(entry));
  if (name?.string && category && root.get('private')?.value !== true && !lookupPackage('npm', name.string)) {
    const own = candidate(name.string, path, lineOf(name), OWN);
    own.category = category;
    own.properties.push(property('category', category));
    parts.push(own);
  }
  return parts;
}

function candidate(name: string, path: string, line: number | undefined, source: string): PartialComponent {
  return {
    ref: sdkRef('npm', name),
    kind: 'sdk',
    name,
    ecosystem: 'npm',
    occurrences: [{ path, ...(line !== undefined ? { line } : {}), evidence: 'manifest', symbol: source === OWN ? 'name' : name }],
    properties: [property('sdk:source', source)],
    dependsOn: [],
    candidate: true,
  };
}

/** A workspace AI library another workspace package depends on is listed; its parts are copied, never changed. */
export function confirmWorkspacePackages(groups: Map<string, PartialComponent[]>): void {
  const has = (part: PartialComponent, source: string) =>
    part.properties.some((entry) => entry.value === source && entry.name === 'ai-posture:sdk:source');
  for (const [ref, parts] of groups) {
    if (!ref.startsWith('sdk:npm/') || !parts.some((part) => has(part, OWN)) || !parts.some((part) => has(part, CONSUMED))) continue;
    groups.set(
      ref,
      parts.map((part) => (has(part, OWN) ? { ...part, candidate: false } : part)),
    );
  }
}
