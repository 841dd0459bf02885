import endpointsData from '../data/endpoints.json';
import { isConventionalTestPath } from '../testCode';
import { providerForModelId } from './catalog';
import { modelComponent, serviceComponent } from './components';
import { Lines } from './manifestText';
import { isNotModelWord } from './modelSettings';
import { isModelIdShape } from './models';
import type { PartialComponent } from './types';

/**
 * Backend modules of a pluggable AI library: one module per vector store, reranker, LLM or embedder,
 * in a folder named for the kind and a file named for the backend (mem0's `configs/vector_stores/qdrant.py`
 * with `class QdrantConfig(BaseModel)`, `configs/rerankers/cohere.py`, `llms/sarvam.py`, embedchain's
 * `vectordb/chroma.py`). A store or reranker module configures that backend even when it imports nothing
 * of it (the client is imported lazily, or by a sibling module), so the service is listed at the module's
 * class. A backend module's default model (`self.config.model = self.config.model or "sarvam-m"`,
 * `model: str = Field(default="rerank-v3.5")`) is the model it runs when the user names none: any id
 * shape counts there. Tables are data (`endpoints.json` `providerModules`); read by path
 * (`collectsWithoutTriggers`), Python only, without a parse.
 */

const MODULES = endpointsData.providerModules;
const FOLDERS = new RegExp(MODULES.folders);
const MODEL_FOLDERS = new RegExp(MODULES.modelFolders);
const STEMS = new Map(Object.entries(MODULES.stems));
/** A top-level class: `class QdrantConfig(BaseModel):`, `class Qdrant(VectorStoreBase):`. */
const CLASS = /^class\s+([A-Za-z_]\w*)\s*[(:]/gm;
/**
 * `self.config.model = self.config.model or "x"`, `self.config.model = "x"` (under `if not self.config.model:`),
 * `self.model = (self.model or "x")`, and a config field `model: str = Field(default="x", …)`.
 */
const DEFAULT_MODEL =
  /\bself\.(?:config\.)?(model|embedding_model|model_name)\s*=\s*\(?\s*(?:self\.(?:config\.)?\1\s+or\s+)?(["'])([^"'\n]+)\2\s*\)?\s*$|^\s+(?:model|model_name)\s*:\s*[\w[\]. |]+=\s*Field\(\s*(?:default\s*=\s*)?(["'])([^"'\n]+)\4/gm;

function parentAndStem(path: string): [string, string] | undefined {
  if (!path.endsWith('.py')) return undefined;
  const parts = path.split('/');
  return parts.length < 2 ? undefined : [parts[parts.length - 2], parts[parts.length - 1].slice(0, -3)];
}

/** The service a store or reranker module's path names, or undefined for any other file. */
function providerModuleService(path: string): string | undefined {
  const names = parentAndStem(path);
  return names && FOLDERS.test(names[0]) ? STEMS.get(names[1]) : undefined;
}

/** Whether a file is a backend module the collector reads (by its path alone). */
export function isProviderModule(path: string): boolean {
  const names = parentAndStem(path);
  // A test's fake backend (`tests/llms/fake.py`) names a fixture, not a model.
  if (names === undefined || names[1] === '__init__' || isConventionalTestPath(path)) return false;
  return (FOLDERS.test(names[0]) && STEMS.has(names[1])) || MODEL_FOLDERS.test(names[0]);
}

export function collectProviderModule(path: string, text: string): PartialComponent[] {
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  const serviceId = providerModuleService(path);
  const service = serviceId && backendClass(path, text);
  if (serviceId && service) {
    const component = serviceComponent(serviceId, { path, line: lines.at(service.index), evidence: 'config', symbol: service.name });
    if (component) components.push(component);
  }
  for (const match of text.matchAll(DEFAULT_MODEL)) {
    const id = match[3] ?? match[5];
    if (!isDefaultModelId(id)) continue;
    const occurrence = {
      path,
      line: lines.at(match.index + match[0].search(/\S/)),
      evidence: 'constant' as const,
      symbol: match[1] ?? 'model',
    };
    components.push(modelComponent(id, providerForModelId(id), occurrence));
  }
  return components;
}

/** The module's own backend class: named for the backend (`ZeroEntropyRerankerConfig`) or a config class (`GoogleMatchingEngineConfig`). */
function backendClass(path: string, text: string): { name: string; index: number } | undefined {
  const stem = (parentAndStem(path)?.[1] ?? '').replace(/_/g, '').toLowerCase();
  for (const match of text.matchAll(CLASS)) {
    if (match[1].toLowerCase().includes(stem) || /Config$/.test(match[1])) return { name: match[1], index: match.index };
  }
  return undefined;
}

/** A model id, not a word, URL or placeholder: it has a separator or a digit (`sarvam-m`, `zerank-1`, `org/name`). */
function isDefaultModelId(id: string): boolean {
  return isModelIdShape(id) && !isNotModelWord(id) && id.length >= 4 && /[-/.\d]/.test(id) && !/^https?:|[<>{}$]/.test(id);
}
