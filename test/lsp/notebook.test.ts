/**
 * Notebook document sync over real LSP: a Jupyter notebook opened with `notebookDocument/didOpen`,
 * its Python cells analysed one by one (as the engine does for an `.ipynb` on disk), findings on
 * the cell URIs with cell-relative ranges, fixes and ignore comments that edit the cell, edits and
 * new cells re-analysed, and the `.ipynb` never reported twice while the notebook is open.
 */
import * as assert from 'node:assert/strict';
import {
  type Diagnostic,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  HoverRequest,
  type MarkupContent,
  type NotebookCell,
  NotebookCellKind,
  type TextDocumentContentChangeEvent,
  type TextDocumentItem,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editsFor, ensureBuilt, itemsOf, makeWorkspace, removeWorkspace, rulesOf, TestClient, uriOf } from './client';

const IMPORTS = 'import torch\nimport numpy as np\n';
const LOADS = 'x = 1\nmodel = torch.load(p)\n';
/** `torch.load` on the second line of the second cell. */
const CELL_RANGE = { start: { line: 1, character: 8 }, end: { line: 1, character: 18 } };

/** The same two cells as a notebook file, so the workspace scan sees what the editor shows. */
function ipynb(...cells: string[]): string {
  const code = cells.map((text) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source: text.split(/(?<=\n)/),
  }));
  return `${JSON.stringify({ cells: code, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

/** A notebook as an editor holds it: the notebook URI and its cells as text documents. */
class Notebook {
  version = 1;
  readonly cells: TextDocument[] = [];

  constructor(
    readonly uri: string,
    texts: string[],
  ) {
    for (const text of texts) this.cells.push(TextDocument.create(this.nextCellUri(), 'python', 1, text));
  }

  private nextCellUri(): string {
    // VS Code's cell URIs: the notebook's path, a cell handle in the fragment.
    return `vscode-notebook-cell:${new URL(this.uri).pathname}#W${this.cells.length}sZmlsZQ%3D%3D`;
  }

  cellUri(index: number): string {
    return this.cells[index].uri;
  }

  cellOf(document: TextDocument): NotebookCell {
    return { kind: NotebookCellKind.Code, document: document.uri };
  }

  item(document: TextDocument): TextDocumentItem {
    return { uri: document.uri, languageId: 'python', version: document.version, text: document.getText() };
  }

  async open(client: TestClient): Promise<void> {
    await client.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri: this.uri,
        notebookType: 'jupyter-notebook',
        version: this.version,
        cells: this.cells.map((c) => this.cellOf(c)),
      },
      cellTextDocuments: this.cells.map((cell) => this.item(cell)),
    });
  }

  /** Edits one cell's text, as VS Code sends it: a notebook change with text content. */
  async edit(client: TestClient, index: number, changes: TextDocumentContentChangeEvent[]): Promise<string> {
    const cell = this.cells[index];
    TextDocument.update(cell, changes, cell.version + 1);
    this.version++;
    await client.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri, version: this.version },
      change: { cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes }] } },
    });
    return cell.getText();
  }

  /** Applies a code action's edits to a cell, later edits first so earlier ranges hold. */
  apply(client: TestClient, index: number, edits: TextEdit[]): Promise<string> {
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    return this.edit(
      client,
      index,
      ordered.map((edit) => ({ range: edit.range, text: edit.newText })),
    );
  }

  /** Appends a cell (a structure change that opens its text document). */
  async addCell(client: TestClient, text: string): Promise<string> {
    const cell = TextDocument.create(this.nextCellUri(), 'python', 1, text);
    const start = this.cells.length;
    this.cells.push(cell);
    this.version++;
    await client.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri, version: this.version },
      change: { cells: { structure: { array: { start, deleteCount: 0, cells: [this.cellOf(cell)] }, didOpen: [this.item(cell)] } } },
    });
    return cell.uri;
  }

  async close(client: TestClient): Promise<void> {
    await client.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri },
      cellTextDocuments: this.cells.map((cell) => ({ uri: cell.uri })),
    });
  }
}

function aip102(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.code === 'AIP102');
}

describe('LSP notebook document sync', function () {
  this.timeout(30_000);
  let root: string | undefined;
  let notebookUri: string;

  before(() => {
    ensureBuilt();
    // torch >= 2.6 loads weights only by default: there, adding weights_only=True is a safe fix.
    root = makeWorkspace({ 'notebooks/explore.ipynb': ipynb(IMPORTS, LOADS), 'requirements.txt': 'torch>=2.6\n' });
    notebookUri = uriOf(root, 'notebooks/explore.ipynb');
  });
  after(() => removeWorkspace(root));

  describe('pull client', () => {
    let client: TestClient;
    let capabilities: Awaited<ReturnType<typeof TestClient.start>>['result']['capabilities'];
    let notebook: Notebook;
    let fromDisk: Diagnostic[];

    before(async () => {
      const started = await TestClient.start({ pull: true, folders: [root as string] });
      client = started.client;
      capabilities = started.result.capabilities;
      // The startup scan reports the closed notebook on its file.
      await client.waitForPublished(notebookUri, (d) => aip102(d).length === 1, 'the scan to report the closed notebook');
    });
    after(() => client?.stop());

    it('asks for the Python cells of Jupyter notebooks', () => {
      assert.deepEqual(capabilities.notebookDocumentSync, {
        notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }],
      });
    });

    it('reports the finding on its cell, with a cell-relative range and the fingerprint the scan gives the file', async () => {
      fromDisk = aip102(client.diagnosticsOf(notebookUri) ?? []);
      notebook = new Notebook(notebookUri, [IMPORTS, LOADS]);
      await notebook.open(client);
      assert.deepEqual(itemsOf(await client.pull(notebook.cellUri(0))), []);
      const [diagnostic] = await client.pullUntil(notebook.cellUri(1), (d) => aip102(d).length === 1, 'AIP102 on the second cell');
      assert.deepEqual(diagnostic.range, CELL_RANGE);
      const fingerprint = (d: Diagnostic) => (d.data as { fingerprint: string }).fingerprint;
      assert.equal(fingerprint(diagnostic), fingerprint(fromDisk[0]), 'editor and CLI agree on the finding');
    });

    it('clears what the scan pushed for the .ipynb while the notebook is open', async () => {
      await client.waitForPublished(notebookUri, (d) => d.length === 0, 'the disk diagnostics of the open notebook to clear');
      const result = await client.request<{ cancelled: boolean }>('aiPosture/rescan');
      assert.equal(result.cancelled, false);
      assert.deepEqual(client.diagnosticsOf(notebookUri), [], 'a rescan does not report the open notebook again');
    });

    it('offers the rule fix for the cell; applying it edits the cell text', async () => {
      const diagnostics = itemsOf(await client.pull(notebook.cellUri(1)));
      const actions = await client.codeActions(notebook.cellUri(1), diagnostics);
      const fix = actions.find((action) => action.title === 'Add weights_only=True');
      assert.ok(fix, actions.map((action) => action.title).join(', '));
      const edits = editsFor(fix.edit, notebook.cellUri(1));
      assert.ok(edits.length > 0);
      assert.ok(edits.every((edit) => edit.range.start.line === 1));
      const text = await notebook.apply(client, 1, edits);
      assert.equal(text, 'x = 1\nmodel = torch.load(p, weights_only=True)\n');
      await client.pullUntil(notebook.cellUri(1), (d) => d.length === 0, 'the fixed cell to be clean');
    });

    it('re-analyses a cell when it changes', async () => {
      await notebook.edit(client, 0, [
        { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'w = torch.load(q)\n' },
      ]);
      const [diagnostic] = await client.pullUntil(notebook.cellUri(0), (d) => aip102(d).length === 1, 'AIP102 in the edited first cell');
      assert.deepEqual(diagnostic.range, { start: { line: 2, character: 4 }, end: { line: 2, character: 14 } });
    });

    it('writes "ignore with a comment" into the cell, in Python comment syntax', async () => {
      const diagnostics = itemsOf(await client.pull(notebook.cellUri(0)));
      const actions = await client.codeActions(notebook.cellUri(0), diagnostics);
      const ignore = actions.find((action) => action.title === 'Ignore AIP102 on this line (ai-posture-ignore comment)');
      assert.ok(ignore, actions.map((action) => action.title).join(', '));
      const text = await notebook.apply(client, 0, editsFor(ignore.edit, notebook.cellUri(0)));
      assert.equal(text, `${IMPORTS}# ai-posture-ignore-next-line AIP102 -- reason: \nw = torch.load(q)\n`);
      await client.pullUntil(notebook.cellUri(0), (d) => d.length === 0, 'the ignored finding to go');
    });

    it('analyses a cell added to the open notebook, and hovers on it', async () => {
      const uri = await notebook.addCell(client, 'state = torch.load(path)\n');
      await client.pullUntil(uri, (d) => aip102(d).length === 1, 'AIP102 in the new cell');
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 12 } });
      assert.ok(hover, 'expected a hover on the new cell');
      assert.match((hover.contents as MarkupContent).value, /^\*\*AIP102\*\*/);
    });

    it('goes back to the disk results of the .ipynb once the notebook closes', async () => {
      await notebook.close(client);
      const diagnostics = await client.waitForPublished(notebookUri, (d) => aip102(d).length === 1, 'the disk diagnostics to return');
      // The file on disk still has the unfixed cell; its range points into the JSON, as in the CLI.
      assert.deepEqual(diagnostics[0].range, fromDisk[0].range);
      assert.equal(diagnostics[0].range.start.line, 19);
    });
  });

  describe('push client', () => {
    let client: TestClient;

    before(async () => {
      client = (await TestClient.start({ pull: false, folders: [root as string] })).client;
    });
    after(() => client?.stop());

    it('pushes the finding on the cell URI', async () => {
      const notebook = new Notebook(notebookUri, [IMPORTS, LOADS]);
      await notebook.open(client);
      const diagnostics = await client.waitForPublished(notebook.cellUri(1), (d) => aip102(d).length === 1, 'AIP102 pushed for the cell');
      assert.deepEqual(diagnostics[0].range, CELL_RANGE);
      assert.deepEqual(rulesOf(client.diagnosticsOf(notebook.cellUri(0)) ?? []), []);
      await notebook.edit(client, 1, [{ range: CELL_RANGE, text: 'print' }]);
      await client.waitForPublished(notebook.cellUri(1), (d) => d.length === 0, 'the edited cell to be clean');
    });
  });
});
