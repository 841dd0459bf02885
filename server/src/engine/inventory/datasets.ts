import type { CodeFacts } from '../facts';
import { type HubIdEvidence, hubIdEvidence, hubIdKind } from '../facts/hubIds';
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
  const evidence = hubIdEvidence(facts, site.project);
  for (const load of facts.hubLoads) {
    const { call, loader } = load;
    const name = load.idArg?.value;
    const pkg = facts.packageOf(call);
    if (load.loads !== 'dataset' || !pkg || !name || !isDatasetName(name, loader.hub, evidence)) continue;
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

function isDatasetName(name: string, hub: string, evidence: HubIdEvidence): boolean {
  // The decision AIP105 makes too: placeholders, local folders and packaged builders are not Hub datasets.
  if (hub === 'huggingface') return !isPackagedBuilder(name) && hubIdKind(name, evidence) === 'hub';
  // TensorFlow Datasets names carry a config and a version: `glue/mrpc:2.0.0`.
  if (name.startsWith('.') || name.startsWith('/') || name.includes('\\') || name.includes('//')) return false;
  return /^[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?(?::[\w.-]+)?$/.test(name);
}
