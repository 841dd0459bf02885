/**
 * The VS Code client starts the server over IPC (`--node-ipc`), other clients over stdio: the
 * same bundle must answer on both.
 */
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { ensureBuilt, itemsOf, rulesOf, SERVER, TORCH_LOAD } from './client';

describe('LSP transport', function () {
  this.timeout(30_000);
  before(ensureBuilt);

  it('answers over node IPC (--node-ipc), as the VS Code client starts it', async () => {
    // No inherited exec arguments: the test runner's loader has no business in the server process.
    const child = fork(SERVER, ['--node-ipc'], { cwd: os.tmpdir(), execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const result = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
      });
      assert.equal(result.serverInfo?.name, 'ai-posture');
      await connection.sendNotification(InitializedNotification.type, {});
      const uri = pathToFileURL(path.join(os.tmpdir(), 'ai-posture-lsp-ipc', 'train.py')).href;
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'python', version: 1, text: TORCH_LOAD },
      });
      assert.deepEqual(rulesOf(itemsOf(await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }))), [
        'AIP102',
      ]);
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await exited;
    } finally {
      child.kill();
      connection.dispose();
    }
  });
});
