import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisCache } from '../../../server/src/engine/cache';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { BomBuilder } from '../../../server/src/engine/inventory/bomBuilder';
import { GATES } from '../../../server/src/engine/inventory/prefilter';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { engineTriggers } from '../../../server/src/engine/prefilter/engineTriggers';
import { scanWorkspace } from '../../../server/src/engine/scan';
import { find, pickleBytes, summary } from './helpers';

/** Vector indexes a project commits and loads (FAISS, Chroma, LlamaIndex persist folders), named by their index files. */

/** The AI-BOM of in-memory files, with the workspace answering from them for existence and folder listings. */
async function bomOf(files: Record<string, string>): Promise<AiBom> {
  const builder = new BomBuilder();
  for (const [file, text] of Object.entries(files)) await builder.addFile(file, text);
  const exists = (file: string) => Object.hasOwn(files, file);
  const filesIn = (folder: string) => Object.keys(files).filter((name) => name.startsWith(`${folder}/`));
  return builder.finish(async () => undefined, exists, filesIn);
}

function datasets(bom: AiBom): string[] {
  return summary(bom).filter((line) => line.startsWith('dataset '));
}

describe('inventory: vector indexes', () => {
  it('gates on literals the one pass looks for', () => {
    for (const word of GATES.vectorIndex) assert.ok(engineTriggers().scan(`${word} `).hasFolded(word), word);
  });

  it('FAISS.load_local folders, with a literal or a module constant, resolved from the script or a folder above it', async () => {
    const bom = await bomOf({
      'rag/app.py': [
        'from langchain_community.vectorstores import FAISS',
        'FAISS_INDEX = "faiss_index"',
        'db = FAISS.load_local(FAISS_INDEX, embeddings, allow_dangerous_deserialization=True)',
        'docs = FAISS.load_local(folder_path="indexes/docs", embeddings=embeddings)',
        '# FAISS.load_local("commented_out", embeddings)',
        '',
      ].join('\n'),
      'rag/faiss_index/index.faiss': '',
      'rag/faiss_index/index.pkl': '',
      'indexes/docs/index.faiss': '',
    });
    assert.deepEqual(datasets(bom), ['dataset indexes/docs/index.faiss', 'dataset rag/faiss_index/index.faiss']);
    assert.deepEqual(
      find(bom, 'dataset', 'rag/faiss_index/index.faiss').occurrences.map((entry) => `${entry.path}:${entry.line} ${entry.symbol}`),
      ['rag/app.py:3 load_local'],
    );
  });

  it('Chroma and LlamaIndex persist folders and config keys naming an index folder', async () => {
    const bom = await bomOf({
      'app/store.py': [
        'import chromadb',
        'from langchain_chroma import Chroma',
        'client = chromadb.PersistentClient(path="chroma_db")',
        'index = load_index_from_storage(StorageContext.from_defaults(persist_dir="./storage"))',
        '',
      ].join('\n'),
      'app/chroma_db/chroma.sqlite3': '',
      'app/storage/default__vector_store.json': '{}',
      'app/storage/docstore.json': '{}',
      'auto_eval/cases/rag/rag_sys.yaml': 'config_var:\n  document_retriever.index_folder: "../auto_eval/cases/rag/knowledge_base"\n',
      'auto_eval/cases/rag/knowledge_base/index.faiss': '',
    });
    assert.deepEqual(datasets(bom), [
      'dataset app/chroma_db/chroma.sqlite3',
      'dataset app/storage/default__vector_store.json',
      'dataset auto_eval/cases/rag/knowledge_base/index.faiss',
    ]);
  });

  it('a folder built at run time, an absolute or templated path and a folder without an index file are not listed', async () => {
    const bom = await bomOf({
      'build.py': [
        'from langchain_community.vectorstores import FAISS',
        'db.save_local("new_index")',
        'FAISS.load_local("new_index", embeddings)',
        'FAISS.load_local("/srv/indexes/main", embeddings)',
        'FAISS.load_local(f"{root}/index", embeddings)',
        'FAISS.load_local("docs", embeddings)',
        'Chroma(persist_directory=settings.path)',
        '',
      ].join('\n'),
      'docs/readme.md': '# docs',
    });
    assert.deepEqual(datasets(bom), []);
  });

  it('a FAISS pair committed without a literal folder: the pickle beside index.faiss names the index', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-vector-index-'));
    try {
      for (const folder of ['project/knowledge_base', 'models']) fs.mkdirSync(path.join(root, folder), { recursive: true });
      fs.writeFileSync(path.join(root, 'project/knowledge_base/index.faiss'), Buffer.alloc(16));
      fs.writeFileSync(path.join(root, 'project/knowledge_base/index.pkl'), pickleBytes());
      // A pickle without an index beside it is a model file only.
      fs.writeFileSync(path.join(root, 'models/classifier.pkl'), pickleBytes());
      const scan = await scanWorkspace(root, defaultConfig(), { jobs: 1 });
      assert.deepEqual(
        summary(scan.bom)
          .filter((line) => /^(?:dataset|modelFile) /.test(line))
          .sort(),
        ['dataset project/knowledge_base/index.faiss', 'modelFile models/classifier.pkl', 'modelFile project/knowledge_base/index.pkl'],
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the pair is decided at merge time: a cached pickle does not keep an index that was removed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-vector-index-'));
    try {
      fs.mkdirSync(path.join(root, 'kb'));
      fs.writeFileSync(path.join(root, 'kb/index.faiss'), Buffer.alloc(16));
      fs.writeFileSync(path.join(root, 'kb/index.pkl'), pickleBytes());
      const cache = new AnalysisCache();
      const indexes = async () =>
        summary((await scanWorkspace(root, defaultConfig(), { jobs: 1, cache })).bom).filter((line) => line.startsWith('dataset '));
      assert.deepEqual(await indexes(), ['dataset kb/index.faiss']);
      fs.rmSync(path.join(root, 'kb/index.faiss'));
      assert.deepEqual(await indexes(), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
