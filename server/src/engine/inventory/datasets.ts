import type { CodeFacts } from '../facts';
import { isPackagedBuilder } from '../facts/loaders';
import type { CodeSite } from './codeImports';
import { property, sdkComponent } from './components';
import type { PartialComponent } from './types';

/**
 * Datasets loaded from hubs: the hub loads of the code facts that fetch a dataset
 * (`load_dataset("org/name")`, `hf_hub_download`/`snapshot_download` with `repo_type="dataset"`,
 * `tfds.load("name")`; the list is `data/loaders.json`).
 */

export function datasetRef(hub: string, name: string): string {
  return `dataset:${hub}/${name}`;
}

export function collectCodeDatasets(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const load of facts.hubLoads) {
    const { call, loader } = load;
    const name = load.idArg?.value;
    const pkg = facts.packageOf(call);
    if (load.loads !== 'dataset' || !pkg || !name || !isDatasetName(name, loader.hub)) continue;
    const occurrence = { path: site.path, line: site.line(call.row), evidence: 'call' as const, symbol: call.callee };
    const dataset: PartialComponent = {
      ref: datasetRef(loader.hub, name),
      kind: 'dataset',
      name,
      provider: loader.hub === 'huggingface' ? 'huggingface' : 'google',
      occurrences: [occurrence],
      properties: [property('dataset:hub', loader.hub)],
      dependsOn: [],
    };
    components.push(dataset);
    const sdk = sdkComponent(pkg, occurrence);
    sdk.dependsOn.push(dataset.ref);
    components.push(sdk);
  }
  return components;
}

function isDatasetName(name: string, hub: string): boolean {
  if (name.startsWith('.') || name.startsWith('/') || name.includes('\\') || name.includes('//')) return false;
  if (hub === 'huggingface' && isPackagedBuilder(name)) return false;
  return /^[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?(?::[\w.-]+)?$/.test(name);
}
