import { type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { notebookCells } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { LineIndex } from '../text/lineIndex';
import { property } from './components';
import { candidatePaths, fileDatasetRef } from './datasets';
import { lineOf } from './manifestText';
import type { Occurrence, PartialComponent, PartialInventory } from './types';

/**
 * Vector indexes a project commits and loads: a LangChain FAISS folder (`FAISS.load_local("faiss_index", …)`
 * reads `index.faiss` and `index.pkl`), a Chroma or LlamaIndex persist folder (`persist_directory=`,
 * `persist_dir=`, `chromadb.PersistentClient(path=…)`) or a config key naming the folder
 * (`document_retriever.index_folder: …`). The embeddings of the project's documents are data the AI
 * answers from, named by the index file. The folder is resolved from the naming file's folder and each
 * folder above it (a script runs from its own folder or the repository root); at the end of a scan it
 * stands for the index files the workspace has in it, and a folder with none (built at run time) is dropped.
 */

/** Literals without which a file names no vector index folder; the engine's one pass looks for them. */
export const VECTOR_INDEX_LITERALS = ['load_local', 'persist_dir', 'persistentclient', 'index_folder', 'index_dir', 'faiss_index'];

/** `FAISS.load_local("folder", …)`, `persist_directory="folder"`, `PersistentClient(path="folder")`, with a literal or a name. */
const CODE_FOLDER =
  /\b(?:load_local\(\s*(?:folder_path\s*=\s*)?|persist_dir(?:ectory)?\s*=\s*|PersistentClient\(\s*(?:path\s*=\s*)?)(?:[rR]?(["'])([^"'\n]+)\1|([A-Za-z_]\w*)\s*[,)])/g;

/** Config keys naming an index folder (`index_folder`, `document_retriever.index_folder`, `persist_directory`, `faiss_index_path`). */
const CONFIG_KEY = /(?:^|[._])(?:(?:faiss_|vector_?)?index_(?:folder|dir|directory|path)|persist_dir(?:ectory)?)$/i;

/** Index files directly in the folder: FAISS, Chroma, LlamaIndex's simple vector store. */
const INDEX_FILE = /^(?:index\.faiss|chroma\.sqlite3|(?:default__)?vector_store\.json)$/;

/** A folder as written: a relative path of names (no URL, template or absolute path). */
const FOLDER = /^(?:\.{0,2}\/)*[\w.-]+(?:\/[\w.-]+)*\/?$/;

const INDEX_FOLDER = 'dataset:vector-index-folder';
const INDEX_FOLDER_PROPERTY = `ai-posture:${INDEX_FOLDER}`;

export function collectVectorIndexFolders(path: string, text: string, kind: 'python' | 'notebook' | ConfigFormat): PartialComponent[] {
  if (kind === 'python') return foldersInCode(path, pythonCodeView(text), (offset, index) => index.positionAt(offset).line + 1);
  if (kind === 'notebook') {
    return notebookCells(text).flatMap((cell) =>
      foldersInCode(path, pythonCodeView(cell.text), (offset, index) => cell.toFile(index.positionAt(offset)).line + 1),
    );
  }
  const components: PartialComponent[] = [];
  const visit = (node: ConfigNode): void => {
    for (const [key, child] of node.entries()) {
      if (child.string !== undefined && CONFIG_KEY.test(key)) {
        const folder = indexFolder(child.string, path, { path, line: lineOf(child), evidence: 'config', symbol: key });
        if (folder) components.push(folder);
      }
      visit(child);
    }
    for (const item of node.items()) visit(item);
  };
  for (const root of configDocumentFor(text, kind).documents) visit(root);
  return components;
}

function foldersInCode(path: string, view: string, lineAt: (offset: number, index: LineIndex) => number): PartialComponent[] {
  if (!VECTOR_INDEX_LITERALS.some((literal) => view.toLowerCase().includes(literal))) return [];
  const index = new LineIndex(view);
  const components: PartialComponent[] = [];
  for (const match of view.matchAll(CODE_FOLDER)) {
    // A name bound once at the top level to a literal (`FAISS_INDEX_PATH = "faiss_index"`).
    const written = match[2] ?? (match[3] ? constantValue(view, match[3]) : undefined);
    const symbol = match[0].slice(0, match[0].search(/[(=]/)).trim();
    const folder = written && indexFolder(written, path, { path, line: lineAt(match.index, index), evidence: 'call', symbol });
    if (folder) components.push(folder);
  }
  return components;
}

function constantValue(view: string, name: string): string | undefined {
  const bindings = [...view.matchAll(new RegExp(`^${name}\\s*(?::[^=\\n]*)?=\\s*[rR]?(["'])([^"'\\n]+)\\1\\s*$`, 'gm'))];
  return bindings.length === 1 ? bindings[0][2] : undefined;
}

/** A folder candidate component, or undefined when the value cannot name a workspace folder. */
function indexFolder(written: string, fromPath: string, occurrence: Occurrence): PartialComponent | undefined {
  const value = written.trim().replace(/\/+$/, '');
  if (!FOLDER.test(value) || value === '.' || value === '..') return undefined;
  const candidates = candidatePaths(value, fromPath, false, /[\w-]$/);
  if (candidates.length === 0) return undefined;
  return {
    ref: `dataset:vector-index-folder/${candidates.join('|')}`,
    kind: 'dataset',
    name: candidates[0],
    occurrences: [occurrence],
    properties: [property(INDEX_FOLDER, JSON.stringify(candidates))],
    dependsOn: [],
  };
}

/**
 * Replaces each index folder by the index files the workspace has directly in it (the first candidate
 * folder that has any); a folder with none is dropped. Runs on the partials before they are merged.
 */
export function withVectorIndexFolders(partials: PartialInventory[], files: (folder: string) => readonly string[]): PartialInventory[] {
  const candidatesOf = (component: PartialComponent) => component.properties.find((entry) => entry.name === INDEX_FOLDER_PROPERTY)?.value;
  return partials.map((partial) => {
    if (!partial.components.some(candidatesOf)) return partial;
    const components = partial.components.flatMap((component) => {
      const candidates = candidatesOf(component);
      if (!candidates) return [component];
      for (const folder of JSON.parse(candidates) as string[]) {
        const indexes = files(folder).filter(
          (file) => file.lastIndexOf('/') === folder.length && INDEX_FILE.test(file.slice(folder.length + 1)),
        );
        if (indexes.length > 0) return indexes.map((file) => indexDataset(file, component.occurrences));
      }
      return [];
    });
    return { ...partial, components };
  });
}

function indexDataset(path: string, occurrences: Occurrence[]): PartialComponent {
  return {
    ref: fileDatasetRef(path),
    kind: 'dataset',
    name: path,
    occurrences,
    properties: [property('dataset:source', 'file'), property('dataset:use', 'vector-index')],
    dependsOn: [],
  };
}

/**
 * The FAISS indexes pickles belong to: LangChain's `FAISS.save_local` writes `index.faiss` beside `index.pkl`
 * (any index name), a pair committed to be loaded as a vector store whatever code names its folder. The
 * pickle is read as a model file already; one look at its folder, at merge time (so a cached file result
 * never answers for a sibling added or removed since), tells the index apart.
 */
export function withPickledIndexes(partials: PartialInventory[], exists: (relativePath: string) => boolean): PartialInventory[] {
  return partials.map((partial) => {
    const indexes = partial.components.flatMap((component) => {
      if (component.kind !== 'modelFile' || !component.name.endsWith('.pkl')) return [];
      const faiss = component.name.replace(/\.pkl$/, '.faiss');
      return exists(faiss) ? [indexDataset(faiss, [{ path: faiss, evidence: 'file' }])] : [];
    });
    return indexes.length > 0 ? { ...partial, components: [...partial.components, ...indexes] } : partial;
  });
}
