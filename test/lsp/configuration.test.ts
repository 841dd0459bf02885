/**
 * Configuration over real LSP: `aiPosture` settings through `workspace/configuration` (per folder,
 * re-read on `didChangeConfiguration`), and a malformed `.ai-posture.json` that is reported
 * without taking the server down.
 */
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType, MessageType } from 'vscode-languageserver-protocol/node';
import type { RescanResult } from '../../server/src/shared/protocol';
import { ensureBuilt, itemsOf, makeWorkspace, removeWorkspace, rulesOf, TestClient, TORCH_LOAD, uriOf, writeFile } from './client';

describe('LSP configuration', function () {
  this.timeout(30_000);
  before(ensureBuilt);

  describe('settings through workspace/configuration', () => {
    let root: string;
    let client: TestClient;

    before(async () => {
      root = makeWorkspace({ 'open.py': TORCH_LOAD, 'closed.py': TORCH_LOAD });
      client = (await TestClient.start({ pull: true, folders: [root] })).client;
    });
    after(async () => {
      await client?.stop();
      removeWorkspace(root);
    });

    it('asks for the aiPosture section scoped to the workspace folder', async () => {
      await client.waitForPublished(uriOf(root, 'closed.py'), (items) => items.length === 1, 'the scan');
      assert.ok(client.configurationScopes.includes(pathToFileURL(root).href), client.configurationScopes.join(', '));
    });

    it('registers for changes of the aiPosture section only', async () => {
      const registration = await client.waitFor(
        () => client.registrations.find((item) => item.method === 'workspace/didChangeConfiguration'),
        'the settings registration',
      );
      assert.deepEqual(registration.registerOptions, { section: 'aiPosture' });
    });

    it('a rule turned off in the settings disappears from open and closed files', async () => {
      const open = uriOf(root, 'open.py');
      await client.open(open, TORCH_LOAD);
      assert.deepEqual(rulesOf(itemsOf(await client.pull(open))), ['AIP102']);
      const refreshes = client.refreshRequests;
      await client.changeSettings(() => ({ rules: { AIP102: 'off' } }));
      await client.waitFor(() => (client.refreshRequests > refreshes ? true : undefined), 'workspace/diagnostic/refresh');
      assert.deepEqual(itemsOf(await client.pull(open)), []);
      await client.waitForPublished(uriOf(root, 'closed.py'), (items) => items.length === 0, 'the closed file to be cleared');
    });

    it('severity overrides from the settings apply', async () => {
      const open = uriOf(root, 'open.py');
      await client.changeSettings(() => ({ rules: { AIP102: 'warning' } }));
      const items = await client.pullUntil(open, (diagnostics) => diagnostics.length === 1, 'AIP102 as a warning');
      assert.equal(items[0].severity, DiagnosticSeverity.Warning);
    });

    it('enable: false silences the folder', async () => {
      const open = uriOf(root, 'open.py');
      await client.changeSettings(() => ({ enable: false }));
      await client.pullUntil(open, (diagnostics) => diagnostics.length === 0, 'no diagnostics');
      await client.waitForPublished(uriOf(root, 'closed.py'), (items) => items.length === 0, 'the closed file to stay clear');
      await client.changeSettings(() => ({}));
      await client.waitForPublished(uriOf(root, 'closed.py'), (items) => items.length === 1, 'the closed file to be reported again');
    });

    it('the workspace file wins over the settings', async () => {
      writeFile(root, '.ai-posture.json', '{ "rules": { "AIP102": "information" } }\n');
      await client.filesChanged([{ uri: uriOf(root, '.ai-posture.json'), type: FileChangeType.Created }]);
      await client.changeSettings(() => ({ rules: { AIP102: 'off' } }));
      const items = await client.pullUntil(
        uriOf(root, 'open.py'),
        (diagnostics) => diagnostics.length === 1,
        'AIP102 from the workspace file',
      );
      assert.equal(items[0].severity, DiagnosticSeverity.Information);
    });
  });

  describe('a malformed .ai-posture.json', () => {
    let root: string;
    let client: TestClient;
    const broken = '{\n  "rules": {\n    "AIP102": "off",,\n  }\n}\n';

    before(async () => {
      root = makeWorkspace({ '.ai-posture.json': broken, 'train.py': TORCH_LOAD });
      client = (await TestClient.start({ pull: false, folders: [root] })).client;
    });
    after(async () => {
      await client?.stop();
      removeWorkspace(root);
    });

    it('is shown once as a warning and as a diagnostic on the file; the defaults apply', async () => {
      const config = uriOf(root, '.ai-posture.json');
      const [problem] = await client.waitForPublished(config, (items) => items.length > 0, 'the config problem diagnostic');
      assert.equal(problem.severity, DiagnosticSeverity.Error);
      assert.equal(problem.source, 'ai-posture');
      assert.match(String(problem.message), /invalid JSON at line 3/);
      assert.equal(problem.range.start.line, 2);
      const warnings = await client.waitFor(() => {
        const shown = client.messages.filter((message) => message.type === MessageType.Warning);
        return shown.length > 0 ? shown : undefined;
      }, 'the warning');
      assert.equal(warnings.length, 1);
      assert.match(String(warnings[0].message), /\.ai-posture\.json: invalid JSON at line 3/);
      // The defaults apply: AIP102 is on despite the (unreadable) "off".
      await client.waitForPublished(uriOf(root, 'train.py'), (items) => items.length === 1, 'AIP102 with the default configuration');
    });

    it('the server keeps answering, and warns no more for the same problem', async () => {
      const result = await client.request<RescanResult>('aiPosture/rescan');
      assert.equal(result.findings, 1);
      assert.equal(client.exited, false);
      assert.equal(client.messages.filter((message) => message.type === MessageType.Warning).length, 1);
    });

    it('fixing the file clears its diagnostic and applies it', async () => {
      writeFile(root, '.ai-posture.json', '{ "rules": { "AIP102": "off" } }\n');
      await client.filesChanged([{ uri: uriOf(root, '.ai-posture.json'), type: FileChangeType.Changed }]);
      await client.waitForPublished(uriOf(root, '.ai-posture.json'), (items) => items.length === 0, 'the config problem to clear');
      await client.waitForPublished(uriOf(root, 'train.py'), (items) => items.length === 0, 'AIP102 off from the workspace file');
    });

    it('a schema violation is reported the same way', async () => {
      writeFile(root, '.ai-posture.json', '{ "rules": { "AIP102": "loud" } }\n');
      await client.filesChanged([{ uri: uriOf(root, '.ai-posture.json'), type: FileChangeType.Changed }]);
      const [problem] = await client.waitForPublished(uriOf(root, '.ai-posture.json'), (items) => items.length > 0, 'the schema problem');
      assert.match(String(problem.message), /rules\.AIP102/);
      await client.waitFor(() => (client.messages.length === 2 ? true : undefined), 'a second warning for the new problem');
      assert.match(String(client.messages[1].message), /rules\.AIP102/);
    });
  });
});
