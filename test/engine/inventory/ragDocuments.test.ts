import * as assert from 'node:assert/strict';
import { inventoryOf, summary } from './helpers';

const datasets = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('dataset '));

describe('inventory: documents a RAG pipeline indexes', () => {
  it('Python and notebooks: document paths and the files of document loaders, when the workspace has them', async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: 'code', source: ['!wget -O data/climate.pdf https://example.com/climate.pdf\n'] },
        { cell_type: 'code', source: ['path = "data/climate.pdf"\n'] },
        {
          cell_type: 'code',
          source: ['from langchain_community.document_loaders import PyPDFLoader\n', 'docs = PyPDFLoader(path).load()\n'],
        },
        { cell_type: 'markdown', source: ['See "data/notes.pdf".'] },
      ],
    });
    const bom = await inventoryOf({
      'notebooks/simple_rag.ipynb': notebook,
      'data/climate.pdf': '%PDF',
      'data/notes.pdf': '%PDF',
      'rag.py': [
        'from langchain_community.document_loaders import TextLoader',
        'from llama_index.core import SimpleDirectoryReader',
        'docs = TextLoader("state_of_the_union.txt").load()',
        'more = SimpleDirectoryReader(input_files=["docs/guide.md"]).load_data()',
        'missing = TextLoader("not_here.txt").load()',
        'prompt = TextLoader("prompts/system.txt").load()',
        '# old = PyPDFLoader("data/notes.pdf")',
        '',
      ].join('\n'),
      'state_of_the_union.txt': 'text',
      'docs/guide.md': '# guide',
      'prompts/system.txt': 'You are…',
    });
    assert.deepEqual(datasets(bom), ['dataset data/climate.pdf', 'dataset docs/guide.md', 'dataset state_of_the_union.txt']);
  });

  it('not in code without an AI import, nor for a file of another kind', async () => {
    const bom = await inventoryOf({
      'report.py': ['import pandas as pd', 'open("data/report.pdf", "rb")', ''].join('\n'),
      'data/report.pdf': '%PDF',
    });
    assert.deepEqual(datasets(bom), []);
  });

  it('Java: LangChain4j documents, also as classpath resources of the module', async () => {
    const bom = await inventoryOf({
      'rag-examples/src/main/java/_2_naive/Naive_RAG_Example.java': [
        'import static dev.langchain4j.data.document.loader.FileSystemDocumentLoader.loadDocument;',
        'class Naive_RAG_Example {',
        '  void run() { Assistant a = createAssistant("documents/miles-of-smiles-terms-of-use.txt"); }',
        '  String other = "documents/missing.txt";',
        '}',
      ].join('\n'),
      'rag-examples/src/main/resources/documents/miles-of-smiles-terms-of-use.txt': 'terms',
    });
    assert.deepEqual(datasets(bom), ['dataset rag-examples/src/main/resources/documents/miles-of-smiles-terms-of-use.txt']);
  });
});

describe('inventory: data a prepare script downloads', () => {
  it('names the data file a prepare script of an AI project downloads by its URL folder, or its stem', async () => {
    const bom = await inventoryOf({
      'data/shakespeare/prepare.py': [
        'import requests',
        'import tiktoken',
        "data_url = 'https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt'",
        "vocab = 'https://example.com/gpt2/vocab.txt'",
        "open('input.txt', 'w').write(requests.get(data_url).text)",
        '',
      ].join('\n'),
      'data/squad/download_data.py': [
        'import urllib.request',
        'import transformers',
        'urllib.request.urlretrieve("https://example.com/data/train-v2.csv", "train.csv")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(datasets(bom), ['dataset tinyshakespeare', 'dataset train-v2']);
  });

  it('not in another script, nor without an AI import or a download', async () => {
    const bom = await inventoryOf({
      'scripts/train.py': ['import requests', 'import torch', 'requests.get("https://example.com/tinyshakespeare/input.txt")', ''].join(
        '\n',
      ),
      'tools/prepare.py': ['import requests', 'requests.get("https://example.com/tinyshakespeare/input.txt")', ''].join('\n'),
      'data/prepare.py': ['import torch', 'URL = "https://example.com/tinyshakespeare/input.txt"', ''].join('\n'),
    });
    assert.deepEqual(datasets(bom), []);
  });
});
