import { property, sdkComponent } from './build';
import { argumentKey } from './catalog';
import type { CodeArg, CodeFacts } from './codeFacts';
import { type CallResolver, packageKey } from './codeImports';
import type { PartialComponent } from './types';

/**
 * Datasets loaded from hubs: `load_dataset("org/name")` (Hugging Face `datasets`),
 * `hf_hub_download`/`snapshot_download` with `repo_type="dataset"`, and `tfds.load("name")`.
 */

interface DatasetLoader {
  package: string;
  method: string;
  position: number;
  argument: string;
  hub: string;
  /** Only with `repo_type="dataset"`. */
  needsDatasetRepoType?: boolean;
}

const LOADERS: DatasetLoader[] = [
  { package: 'pypi:datasets', method: 'load_dataset', position: 0, argument: 'path', hub: 'huggingface' },
  {
    package: 'pypi:huggingface-hub',
    method: 'hf_hub_download',
    position: 0,
    argument: 'repo_id',
    hub: 'huggingface',
    needsDatasetRepoType: true,
  },
  {
    package: 'pypi:huggingface-hub',
    method: 'snapshot_download',
    position: 0,
    argument: 'repo_id',
    hub: 'huggingface',
    needsDatasetRepoType: true,
  },
  { package: 'pypi:tensorflow-datasets', method: 'load', position: 0, argument: 'name', hub: 'tfds' },
];

/** `load_dataset("csv", data_files=…)` and friends read local files through a builder, not a hub. */
const BUILTIN_BUILDERS = new Set([
  'csv',
  'json',
  'parquet',
  'text',
  'arrow',
  'pandas',
  'sql',
  'imagefolder',
  'audiofolder',
  'videofolder',
  'webdataset',
  'xml',
]);

export function datasetRef(hub: string, name: string): string {
  return `dataset:${hub}/${name}`;
}

export function collectCodeDatasets(path: string, facts: CodeFacts, resolver: CallResolver): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const pkg = resolver.packageOf(call);
    const loader = pkg ? LOADERS.find((entry) => entry.package === packageKey(pkg) && entry.method === call.method) : undefined;
    if (!loader || !pkg) continue;
    if (loader.needsDatasetRepoType && named(call.args, 'repo_type') !== 'dataset') continue;
    const name = named(call.args, loader.argument) ?? call.args.filter((arg) => arg.name === undefined)[loader.position]?.value;
    if (!name || !isDatasetName(name, loader.hub)) continue;
    const occurrence = { path, line: call.line, evidence: 'call' as const, symbol: call.callee };
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

function named(args: CodeArg[], name: string): string | undefined {
  return args.find((arg) => arg.name !== undefined && argumentKey(arg.name) === argumentKey(name))?.value;
}

function isDatasetName(name: string, hub: string): boolean {
  if (name.startsWith('.') || name.startsWith('/') || name.includes('\\') || name.includes('//')) return false;
  if (hub === 'huggingface' && BUILTIN_BUILDERS.has(name)) return false;
  return /^[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)?(?::[\w.-]+)?$/.test(name);
}
