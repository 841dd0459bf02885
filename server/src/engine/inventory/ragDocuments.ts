import * as posixPath from 'node:path/posix';
import { notebookCells } from '../parse/notebook';
import { pythonCodeView } from '../parse/pythonCodeView';
import { LineIndex } from '../text/lineIndex';
import { property } from './components';
import { candidatePaths, fileDatasetRef, MUST_EXIST } from './datasets';
import { cellImportsAi } from './notebookPrelude';
import type { PartialComponent } from './types';

/**
 * Documents a RAG pipeline indexes, named by their workspace path when the workspace has them:
 * - in Python code and notebooks that import an AI package, a quoted document path (`"data/report.pdf"`,
 *   `.docx`, `.pptx`, `.epub`: documents, never prompts nor settings), and the file given to a document
 *   loader or reader (`TextLoader("state_of_the_union.txt")`, `SimpleDirectoryReader(input_files=["notes.md"])`);
 * - in Java code of LangChain4j's document loaders (`FileSystemDocumentLoader.loadDocument(toPath("documents/terms.txt"))`),
 *   the quoted document paths, also as classpath resources of the module (`src/main/resources/`).
 * A path counts only when the file exists (`withExistingDataFiles`): a download target or a path built at
 * run time names nothing.
 */

/** Literals without which a file names no such document; the engine's one pass looks for them. */
export const RAG_DOCUMENT_LITERALS = [
  '.pdf',
  '.docx',
  '.pptx',
  '.epub',
  'textloader(',
  'csvloader(',
  'jsonloader(',
  'markdownloader(',
  'htmlloader(',
  'fileloader(',
  'directoryreader(',
  'langchain4j.data.document',
];

/** Files a document loader may read (text, markdown, data, web pages), besides documents. */
const LOADED_FILE = /\.(?:pdf|docx|pptx|epub|txt|md|csv|json|jsonl|html?|xml)$/i;

/** A quoted relative path of a document. */
const QUOTED_DOCUMENT = /["']([\w.][\w./ -]*\.(?:pdf|docx|pptx|epub))["']/gi;
/**
 * The file a document loader or reader is given first or by its file keyword, or the first of its
 * `input_files` (LangChain `TextLoader`, `CSVLoader`, `UnstructuredMarkdownLoader`, LlamaIndex `SimpleDirectoryReader`).
 */
const LOADER_FILE =
  /\b\w*(?:TextLoader|CSVLoader|JSONLoader|MarkdownLoader|HTMLLoader|FileLoader|DirectoryReader)\(\s*(?:(?:file_path|path|file|input_file|input_files)\s*=\s*)?\[?\s*["']([\w.][\w./ -]*\.(?:txt|md|csv|json|jsonl|html?|xml))["']/g;

export function mayNameRagDocuments(hasFolded: (literal: string) => boolean): boolean {
  return RAG_DOCUMENT_LITERALS.some((literal) => hasFolded(literal));
}

export function collectRagDocuments(path: string, text: string, kind: 'python' | 'notebook' | 'java'): PartialComponent[] {
  if (kind === 'java') return text.includes('langchain4j.data.document') ? javaDocuments(path, text) : [];
  if (kind === 'python') return cellImportsAi(text) ? pythonDocuments(path, pythonCodeView(text), (row) => row + 1) : [];
  const cells = notebookCells(text);
  if (!cells.some((cell) => cellImportsAi(cell.text))) return [];
  return cells.flatMap((cell) =>
    pythonDocuments(path, pythonCodeView(cell.text), (row) => cell.toFile({ line: row, character: 0 }).line + 1),
  );
}

function pythonDocuments(path: string, code: string, lineOf: (row: number) => number): PartialComponent[] {
  const found: PartialComponent[] = [];
  let index: LineIndex | undefined;
  for (const pattern of [QUOTED_DOCUMENT, LOADER_FILE]) {
    for (const match of code.matchAll(pattern)) {
      index ??= new LineIndex(code);
      const line = lineOf(index.positionAt(match.index).line);
      if (PROMPT_PATH.test(match[1])) continue;
      for (const file of candidatePaths(match[1], path, false, LOADED_FILE)) found.push(documentFile(file, path, line));
    }
  }
  return found;
}

/** A prompt file is the prompt collectors' (`prompts/system.txt`, `answer_prompt.md`), not a document. */
const PROMPT_PATH = /prompt/i;

/** A classpath resource resolves from the module's `src/main/resources/` (and `src/test/resources/` for tests). */
const JAVA_SOURCES = /^(.*?)src\/(main|test)\/java\//;

function javaDocuments(path: string, text: string): PartialComponent[] {
  const found: PartialComponent[] = [];
  const sources = JAVA_SOURCES.exec(path);
  let index: LineIndex | undefined;
  for (const match of text.matchAll(/"([\w.][\w./ -]*\.(?:pdf|docx|pptx|epub|txt|md|csv|json|html?))"/gi)) {
    index ??= new LineIndex(text);
    const line = index.positionAt(match.index).line + 1;
    const written = match[1].replace(/^\.\//, '');
    if (PROMPT_PATH.test(written)) continue;
    const resources = sources ? [posixPath.join(`${sources[1]}src/${sources[2]}/resources`, written)] : [];
    const files = [...resources, ...candidatePaths(written, path, false, LOADED_FILE)];
    for (const file of new Set(files)) found.push(documentFile(file, path, line));
  }
  return found;
}

function documentFile(file: string, path: string, line: number): PartialComponent {
  return {
    ref: fileDatasetRef(file),
    kind: 'dataset',
    name: file,
    occurrences: [{ path, line, evidence: 'constant', symbol: posixPath.basename(file) }],
    properties: [property('dataset:source', 'file'), property('dataset:use', 'retrieval'), property(MUST_EXIST, 'true')],
    dependsOn: [],
  };
}
