/**
 * No message of the language server contains a credential it found. The built server runs with
 * `trace: verbose` on a workspace holding a fake key of every provider (see
 * `test/support/secretWorkspace.ts`); the files are opened, their diagnostics pulled, every finding
 * hovered and asked for its code actions, and the Recommendations view's data requested. Then
 * everything the server wrote (stdout: every response, notification and log; stderr) is searched
 * for each value, its body and its tail. The Recommendations webview renders exactly that data.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import type { RecommendationsResult } from '../../server/src/shared/protocol';
import { leakNeedles, plantedKeys, SECRET_FILES, secretWorkspaceFiles } from '../support/secretWorkspace';
import { ensureBuilt, makeWorkspace, removeWorkspace, TestClient, uriOf } from './client';

const LANGUAGE: Record<string, string> = { py: 'python', ts: 'typescript', ipynb: 'json', env: 'dotenv', yaml: 'yaml', json: 'json' };

describe('secrets never leave the engine (language server, verbose trace)', function () {
  this.timeout(60_000);
  const keys = plantedKeys();
  let root: string;
  let client: TestClient;

  before(async () => {
    ensureBuilt();
    root = makeWorkspace(secretWorkspaceFiles(keys));
    client = (await TestClient.start({ pull: true, folders: [root], trace: 'verbose' })).client;
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  it('reports every key with its provider, and nothing the server sends holds a value', async () => {
    for (const file of [...SECRET_FILES, '.vscode/mcp.json']) {
      const uri = uriOf(root, file);
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      await client.open(uri, text, LANGUAGE[file.slice(file.lastIndexOf('.') + 1)] ?? 'plaintext');
      const diagnostics = await client.pullUntil(uri, (found) => found.length > 0, `findings in ${file}`);
      if (file !== '.vscode/mcp.json') {
        const aip201 = diagnostics.filter((diagnostic) => diagnostic.code === 'AIP201');
        assert.equal(aip201.length, keys.length, `AIP201 diagnostics in ${file}`);
        for (const key of keys) {
          assert.ok(
            aip201.some((diagnostic) => String(diagnostic.message).startsWith(`${key.provider} API key`)),
            `${key.providerId} named in ${file}`,
          );
        }
      }
      for (const diagnostic of diagnostics) {
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: diagnostic.range.start });
      }
      await client.codeActions(uri, diagnostics);
    }
    await client.waitFor(async () => {
      const result = await client.request<RecommendationsResult>('aiPosture/recommendations');
      return result.complete && result.recommendations.length > 0 ? result : undefined;
    }, 'the recommendations of the first scan');

    const sent = `${client.rawOutput}\n${client.stderr}\n${client.logs.join('\n')}`;
    assert.ok(sent.includes('AIP201'), 'the captured output holds the findings');
    const leaks = leakNeedles(keys).filter((needle) => sent.includes(needle));
    assert.equal(leaks.length, 0, `${leaks.length} credential value(s) or parts of them appear in what the server sent`);
  });
});
