import type { DocumentFilter, DocumentSelector } from 'vscode-languageclient';
import { analysedFileGlobs } from '../../server/src/engine/workspace/fileKinds';

/** Language ids of the documents the server analyses (the engine decides per file what applies). */
export const ANALYSED_LANGUAGES = [
  'python',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'csharp',
  'java',
  'go',
  'shellscript',
  'dockerfile',
  'yaml',
  'json',
  'jsonc',
  'toml',
  'dotenv',
  'markdown',
  'prompty',
  'terraform',
  'bicep',
  'plaintext',
] as const;

/**
 * Untitled buffers by language; saved files by language and also by path, because the language id
 * of a file the engine reads depends on the extensions a user has installed (`dockercompose` for
 * compose files, `pip-requirements`, `xml` for `.csproj`…); and Python cells of Jupyter notebooks.
 * The globs are a table lookup shared with the server's file watchers, not analysis.
 */
export function documentSelector(): DocumentSelector {
  const byLanguage: DocumentFilter[] = ANALYSED_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const byPath: DocumentFilter[] = analysedFileGlobs().map((pattern) => ({ scheme: 'file', pattern }));
  return [...byLanguage, ...byPath, { notebook: 'jupyter-notebook', language: 'python' }];
}
