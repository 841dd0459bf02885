import loadersData from '../data/loaders.json';
import type { CodeFacts } from '../facts';
import { descendantsOf } from '../parse/nodeIndex';
import type { CodeSite } from './codeImports';
import { property } from './components';
import type { PartialComponent } from './types';

/**
 * Named datasets of a training library, imported from its datasets module and used: a dataset config
 * (`from llama_cookbook.configs.datasets import samsum_dataset`), a builder of one dataset
 * (`from torchtune.datasets import alpaca_dataset`, `from llama_cookbook.datasets.toxicchat_dataset
 * import get_llamaguard_toxicchat_dataset`). Named as imported, without `get_`. Builders that make a
 * dataset of whatever data they are given (`instruct_dataset`) and the Hugging Face `datasets`
 * package itself are no dataset.
 */
export function collectDatasetBuilders(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !facts.text.includes('_dataset') || !facts.text.includes('datasets')) return [];
  const components: PartialComponent[] = [];
  for (const statement of descendantsOf(facts.tree.rootNode, 'import_from_statement', 'python')) {
    const module = statement?.childForFieldName('module_name')?.text ?? '';
    if (!statement || !DATASETS_MODULE.test(module)) continue;
    for (const imported of statement.childrenForFieldName('name')) {
      const written = (imported?.type === 'aliased_import' ? imported.childForFieldName('name') : imported)?.text ?? '';
      const local = (imported?.type === 'aliased_import' ? imported.childForFieldName('alias')?.text : written) ?? written;
      const name = written.replace(/^get_/, '');
      if (!NAMED_DATASET.test(name) || GENERIC.has(name) || !isUsed(facts.text, local)) continue;
      components.push({
        ref: `dataset:library/${name}`,
        kind: 'dataset',
        name,
        occurrences: [
          { path: site.path, line: site.line(statement.startPosition.row), evidence: 'import', symbol: `${module}.${written}` },
        ],
        properties: [property('dataset:source', 'library'), property('dataset:module', module)],
        dependsOn: [],
      });
    }
  }
  return components;
}

/** A datasets module of a library (`llama_cookbook.configs.datasets`, `torchtune.datasets._alpaca`), not the `datasets` package. */
const DATASETS_MODULE = /^\w[\w.]*\.datasets(?:\.\w+)*$/;
/** `samsum_dataset`, `llamaguard_toxicchat_dataset`: a lower-case name ending in `_dataset`. */
const NAMED_DATASET = /^[a-z][a-z0-9_]*_dataset$/;
const GENERIC = new Set(loadersData.genericDatasetBuilders);

/** The name is used after its import (a call, an attribute, an argument), not only imported. */
function isUsed(text: string, local: string): boolean {
  const uses = text.match(new RegExp(`\\b${local}\\b`, 'g'));
  return (uses?.length ?? 0) > 1;
}
