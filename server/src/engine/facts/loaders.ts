import loadersData from '../data/loaders.json';
import { argumentKey } from '../inventory/catalog';
import type { CodeArg, CodeCall } from './types';

/**
 * The one catalogue of hub loaders (`data/loaders.json`): which calls fetch a model or dataset
 * from a hub by repository id, where that id is passed and which keyword pins its revision.
 * AIP105 and the AI-BOM's model and dataset collectors read this list and nothing else.
 */

export type LoadKind = 'model' | 'dataset' | 'repository';

export interface HubLoader {
  method: string;
  /** The name before the method must match (`PeftModel.from_pretrained`). */
  owner?: RegExp;
  /** Catalog package keys the call must resolve to; absent means any hub package. */
  packages?: string[];
  position: number;
  keywords: string[];
  /** The keyword that pins a revision; absent when the loader has none. */
  revision?: string;
  loads: LoadKind;
  hub: 'huggingface' | 'tfds' | 'kaggle';
  taskPosition?: number;
  /**
   * The call fetches from the hub whatever its argument (a Hub client's download function,
   * fastembed's model classes): the hub is reached even when the id is read at run time.
   */
  alwaysDownloads?: boolean;
}

interface LoaderEntry extends Omit<HubLoader, 'owner' | 'loads' | 'hub'> {
  owner?: string;
  loads: string;
  hub: string;
}

const LOADERS: HubLoader[] = (loadersData.loaders as LoaderEntry[]).map((entry) => ({
  ...entry,
  owner: entry.owner ? new RegExp(entry.owner) : undefined,
  loads: entry.loads as LoadKind,
  hub: entry.hub as HubLoader['hub'],
}));
const HUB_PACKAGES = new Set(loadersData.hubPackages);
const PACKAGED_BUILDERS = new Set(loadersData.packagedBuilders);
const LEGACY_DATASET_IDS: Readonly<Record<string, string>> = loadersData.legacyDatasetIds;

/** The current Hub id of a dataset the Hub moved to an organization (`ai2_arc` → `allenai/ai2_arc`), else the id as written. */
export function currentDatasetId(id: string): string {
  return Object.hasOwn(LEGACY_DATASET_IDS, id) ? LEGACY_DATASET_IDS[id] : id;
}
/** Classes that download a Hub model and run it in process (`HuggingFaceEmbeddings(model_name="BAAI/bge-m3")`). */
export const HUB_MODEL_CLASSES: ReadonlySet<string> = new Set(loadersData.hubModelClasses);
const HUB_CLASS_NAMES = new RegExp(loadersData.hubClassNames);

/** A class name shaped like the Hugging Face API (`AutoModel…`, `…ForCausalLM`, `…Pipeline`, `PeftModel`). */
export function isHubClassName(name: string): boolean {
  return HUB_CLASS_NAMES.test(name);
}

/** True for a package whose loaders fetch from the Hugging Face Hub (the default for catalogue entries). */
export function isHubPackage(packageKey: string): boolean {
  return HUB_PACKAGES.has(packageKey);
}

/** True for a package some loader of the catalogue belongs to (hub packages, `datasets`, …). */
export function hasHubLoaders(packageKey: string): boolean {
  return HUB_PACKAGES.has(packageKey) || LOADERS.some((loader) => loader.packages?.includes(packageKey));
}

/** `load_dataset("csv", …)` and friends read files through a packaged builder, not a hub repository. */
export function isPackagedBuilder(name: string): boolean {
  return PACKAGED_BUILDERS.has(name.toLowerCase());
}

/** The loader a call of `packageKey` to `owner.method` is (first matching entry). */
export function hubLoaderFor(packageKey: string, method: string, owner?: string): HubLoader | undefined {
  return LOADERS.find(
    (loader) =>
      loader.method === method &&
      (loader.packages ? loader.packages.includes(packageKey) : HUB_PACKAGES.has(packageKey)) &&
      (!loader.owner || loader.owner.test(owner ?? '')),
  );
}

/**
 * A loader that takes a revision, by name alone: for code whose imports are not in view (a
 * notebook cell, a star import).
 */
export function pinnableLoaderNamed(method: string, owner?: string): HubLoader | undefined {
  return LOADERS.find((loader) => loader.revision && loader.method === method && (!loader.owner || loader.owner.test(owner ?? '')));
}

/** Method names of the loaders that take a revision (cheap literal triggers). */
export function pinnableLoaderMethods(): string[] {
  return [...new Set(LOADERS.filter((loader) => loader.revision).map((loader) => loader.method))];
}

/** Where a loader method can take its repository id: every position and keyword any entry names. */
export interface LoaderIdPlaces {
  method: string;
  positions: number[];
  keywords: string[];
}

/**
 * The id places of every loader method (of those that take a revision with `pinnable`), for the
 * quick checks that decide, before a parse, whether a file can load anything by id.
 */
export function loaderIdPlaces(pinnable = false): LoaderIdPlaces[] {
  const byMethod = new Map<string, LoaderIdPlaces>();
  for (const loader of LOADERS) {
    if (pinnable && !loader.revision) continue;
    const places = byMethod.get(loader.method) ?? { method: loader.method, positions: [], keywords: [] };
    if (!places.positions.includes(loader.position)) places.positions.push(loader.position);
    for (const keyword of loader.keywords) if (!places.keywords.includes(keyword)) places.keywords.push(keyword);
    byMethod.set(loader.method, places);
  }
  return [...byMethod.values()];
}

/** Loaders that download repository files and return their local path (`hf_hub_download`, `snapshot_download`). */
export function fileDownloadMethods(): string[] {
  return LOADERS.filter((loader) => loader.loads === 'repository').map((loader) => loader.method);
}

/** The name before the method in a dotted callee (`AutoModel` in `transformers.AutoModel.from_pretrained`). */
export function ownerName(callee: string): string | undefined {
  const parts = callee.split('.');
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}

/** A keyword argument by name, compared without case and underscores (`model_id` = `modelId`). */
export function namedArg(args: CodeArg[], name: string): CodeArg | undefined {
  const key = argumentKey(name);
  return args.find((arg) => arg.name !== undefined && argumentKey(arg.name) === key);
}

export function positionalArg(args: CodeArg[], index: number): CodeArg | undefined {
  return args.filter((arg) => arg.name === undefined)[index];
}

/** One call of a hub loader, with the repository id argument and what it loads. */
export interface HubLoad {
  call: CodeCall;
  loader: HubLoader;
  packageKey: string;
  /** Where the repo id is passed, when it is. */
  idArg?: CodeArg;
  /** `repository` loaders resolved through `repo_type=`. */
  loads: 'model' | 'dataset';
  task?: string;
}

/** Describes a call of a known loader: its id argument, its task, and whether it loads a model or a dataset. */
export function hubLoad(call: CodeCall, loader: HubLoader, packageKey: string): HubLoad {
  const idArg =
    loader.keywords.map((name) => namedArg(call.args, name)).find((arg) => arg !== undefined) ?? positionalArg(call.args, loader.position);
  const repoType = namedArg(call.args, 'repo_type')?.value;
  const loads = loader.loads === 'repository' ? (repoType === 'dataset' ? 'dataset' : 'model') : loader.loads;
  const task =
    loader.taskPosition !== undefined ? (namedArg(call.args, 'task') ?? positionalArg(call.args, loader.taskPosition))?.value : undefined;
  return { call, loader, packageKey, idArg, loads, task };
}
