/**
 * Notebook document sync (`notebookDocument/*`) for Jupyter notebooks in a notebook editor.
 *
 * The cells of a synced notebook go into the server's one `TextDocuments`, so a cell is an open
 * document like any other: it is analysed, pulled or pushed, hovered and fixed on its own
 * `vscode-notebook-cell:` URI, with cell-relative ranges. Cells are analysed one by one, as Python,
 * exactly as the engine analyses the code cells of an `.ipynb` on disk (so the editor and the CLI
 * report the same findings, and fix edits and `# ai-posture-ignore` comments apply to the cell
 * text). Clients without notebook sync send the cells as plain text documents, with the same result.
 *
 * What this module adds is the notebook itself: while it is open, its `.ipynb` counts as open (even
 * with no Python cell), so the disk results are not pushed for it as well; once it closes, the file
 * goes back to the disk's view.
 */
import { type Connection, type NotebookDocumentSyncOptions, NotebookDocuments, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiskFiles } from './diskFiles';
import type { Publisher } from './publisher';
import { fileUriOf } from './uris';

/** What the server asks the client to sync as notebooks: the Python cells of Jupyter notebooks. */
export const NOTEBOOK_SYNC: NotebookDocumentSyncOptions = {
  notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
};

export interface NotebookDeps {
  publisher: Publisher;
  diskFiles: DiskFiles;
}

export class OpenNotebooks {
  private readonly notebooks: NotebookDocuments<TextDocument>;
  /** `file:` URIs of the open notebooks. A closing notebook leaves before its cells close. */
  private readonly open = new Set<string>();

  /** `documents` is the server's store of open documents: synced cells land there. */
  constructor(documents: TextDocuments<TextDocument>) {
    this.notebooks = new NotebookDocuments(documents);
  }

  /** The `.ipynb` files open in a notebook editor. */
  files(): Iterable<string> {
    return this.open;
  }

  /** Starts listening to `notebookDocument/*` notifications on the connection. */
  listen(connection: Connection): void {
    this.notebooks.listen(connection);
  }

  /** Notebook open and close, once the server's state exists (after `initialize`). */
  register({ publisher, diskFiles }: NotebookDeps): void {
    this.notebooks.onDidOpen((notebook) => {
      const fileUri = fileUriOf(notebook.uri);
      if (!fileUri) return;
      this.open.add(fileUri);
      // Its cells report now: what was pushed for the `.ipynb` from the disk goes.
      publisher.documentOpened(fileUri);
      publisher.summary();
    });
    this.notebooks.onDidClose((notebook) => {
      const fileUri = fileUriOf(notebook.uri);
      if (!fileUri) return;
      this.open.delete(fileUri);
      // Fired before its cells close: a notebook with cells goes back to the disk when its last
      // cell closes (see `documents.ts`); one without any does here.
      void diskFiles.refresh(fileUri);
      publisher.summary();
    });
  }
}
