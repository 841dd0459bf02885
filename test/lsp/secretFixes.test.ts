/**
 * The secret rules' quick fixes over real LSP: AIP204 adds the `.env` file to `.gitignore` (an
 * edit of another file, which is created when missing), AIP602 moves a token of `.vscode/mcp.json`
 * into a VS Code `inputs` entry, keeping comments.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import type { CodeAction, CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fakeKey } from '../support/fakeKeys';
import { editsFor, ensureBuilt, itemsOf, makeWorkspace, removeWorkspace, TestClient, uriOf } from './client';

describe('LSP secret quick fixes', function () {
  this.timeout(30_000);
  let client: TestClient;
  let root: string;

  before(async () => {
    ensureBuilt();
    root = makeWorkspace({ 'svc/.gitignore': '*.log\n' });
    client = (await TestClient.start({ pull: true, folders: [root] })).client;
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  async function actionsFor(relative: string, text: string, languageId: string, ruleId: string): Promise<CodeAction[]> {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
    const uri = uriOf(root, relative);
    await client.open(uri, text, languageId);
    const diagnostics = itemsOf(await client.pull(uri)).filter((diagnostic) => diagnostic.code === ruleId);
    assert.equal(diagnostics.length, 1, `one ${ruleId} finding`);
    return client.codeActions(uri, diagnostics);
  }

  it('AIP204 creates the root .gitignore with the .env entry', async () => {
    const actions = await actionsFor('svc/.env', `GROQ_API_KEY=${fakeKey('groq')}\n`, 'dotenv', 'AIP204');
    const fix = actions.find((action) => action.title === 'Add /svc/.env to .gitignore');
    assert.ok(fix?.edit?.documentChanges, actions.map((action) => action.title).join(', '));
    const gitignore = uriOf(root, '.gitignore');
    const [create, edit] = fix.edit.documentChanges as [CreateFile, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: gitignore, options: { ignoreIfExists: true } });
    assert.equal(edit.textDocument.uri, gitignore);
    assert.deepEqual(edit.edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '/svc/.env\n' }]);
  });

  it('AIP204 appends to an existing .gitignore, adding the missing line break', async () => {
    fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/');
    const actions = await actionsFor('web/.env.local', `XAI_API_KEY=${fakeKey('xai')}\n`, 'dotenv', 'AIP204');
    const fix = actions.find((action) => action.title === 'Add /web/.env.local to .gitignore');
    const edits = editsFor(fix?.edit, uriOf(root, '.gitignore'));
    assert.deepEqual(edits, [
      { range: { start: { line: 0, character: 13 }, end: { line: 0, character: 13 } }, newText: '\n/web/.env.local\n' },
    ]);
  });

  it('AIP602 moves a VS Code MCP token into a password input, comments kept', async () => {
    const text = `{\n  // Shared servers\n  "servers": {\n    "github": {\n      "command": "github-mcp-server",\n      "env": { "GITHUB_TOKEN": "${fakeKey('github')}" }\n    }\n  }\n}\n`;
    const uri = uriOf(root, '.vscode/mcp.json');
    const actions = await actionsFor('.vscode/mcp.json', text, 'jsonc', 'AIP602');
    const fix = actions.find((action) => action.title.startsWith('Move the credential to a VS Code input'));
    assert.ok(fix, actions.map((action) => action.title).join(', '));
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'jsonc', 1, text), editsFor(fix.edit, uri));
    assert.ok(fixed.includes('// Shared servers'));
    assert.ok(!fixed.includes(fakeKey('github')));
    const config = parse(fixed) as { inputs: unknown[]; servers: { github: { env: { GITHUB_TOKEN: string } } } };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: VS Code's input reference, as written in mcp.json.
    assert.equal(config.servers.github.env.GITHUB_TOKEN, '${input:github-token}');
    assert.deepEqual(config.inputs, [
      { type: 'promptString', id: 'github-token', description: 'GITHUB_TOKEN for MCP server github', password: true },
    ]);
  });
});
