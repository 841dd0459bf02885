import { type CodeFacts, packageForModule } from '../facts';
import { pythonCodeView } from '../parse/pythonCodeView';
import { PROBE_LITERALS, pythonProbedModules } from '../parse/pythonImports';
import type { ProjectContext } from '../project';
import { namespacedPackage } from './catalog';
import { sdkComponent } from './components';
import type { PartialComponent } from './types';

/**
 * SDKs imported by code. An import is evidence of use even when no manifest declares the package
 * ("shadow AI"), and every import and attributed call becomes an occurrence, so each SDK knows where
 * it is used. Which AI package a call belongs to is a code fact (`CodeFacts.packageOf`).
 */

/** Where one code text lands in the BOM: its file, and its rows as 1-based file lines (notebook cells shift them). */
export interface CodeSite {
  path: string;
  line(row: number): number;
  /** What the scan knows about the project (root folders tell local checkpoints from Hub ids). */
  project?: ProjectContext;
}

export function collectCodeImports(
  site: CodeSite,
  facts: Pick<CodeFacts, 'language' | 'imports' | 'text'>,
  mayProbe = PROBE_LITERALS.some((literal) => facts.text.includes(literal)),
): PartialComponent[] {
  const components: PartialComponent[] = [];
  // An optional backend probed by name (`find_spec("hqq")`) is used like one imported under `try`.
  const probes = facts.language === 'python' && mayProbe ? pythonProbedModules(pythonCodeView(facts.text)) : [];
  for (const entry of [...facts.imports, ...probes]) {
    // `from llama_index.vector_stores.faiss import …` installs `llama-index-vector-stores-faiss`.
    const info =
      (facts.language === 'python' ? namespacedPackage(entry.module) : undefined) ?? packageForModule(facts.language, entry.module);
    if (info)
      components.push(sdkComponent(info, { path: site.path, line: site.line(entry.row), evidence: 'import', symbol: entry.module }));
  }
  return components;
}
