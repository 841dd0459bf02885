/**
 * Finding counts of AI-BOM components (`server/src/lsp/bomFindings.ts`), without a server: line
 * matching (1-based occurrences, 0-based findings), whole-file components, suppressed findings,
 * other folders and notebook cells.
 */
import * as assert from 'node:assert/strict';
import type { AiComponent, Finding, Severity } from '../../server/src/engine/index';
import { FindingIndex } from '../../server/src/lsp/bomFindings';
import type { CurrentEntry } from '../../server/src/lsp/results';

const FOLDER = 'file:///work/app';
const NONE = { error: 0, warning: 0, information: 0, hint: 0 };

function finding(path: string, line: number, severity: Severity, suppressed = false): Finding {
  return {
    ruleId: 'AIP101',
    severity,
    message: 'm',
    path,
    range: { start: { line, character: 0 }, end: { line, character: 4 } },
    fingerprint: `${path}:${line}`,
    ...(suppressed ? { suppression: { kind: 'inSource', justification: 'trusted' } } : {}),
  } as Finding;
}

function entry(path: string, findings: Finding[], options: { uri?: string; folderUri?: string } = {}): CurrentEntry {
  return {
    uri: options.uri ?? `${FOLDER}/${path}`,
    folderUri: options.folderUri ?? FOLDER,
    open: false,
    result: { path, findings, notices: [] },
  };
}

function component(kind: AiComponent['kind'], occurrences: AiComponent['occurrences']): AiComponent {
  return { ref: `${kind}:x`, kind, name: 'x', occurrences, properties: [], dependsOn: [] };
}

describe('AI-BOM finding counts', () => {
  const index = new FindingIndex([
    entry('app.py', [finding('app.py', 4, 'error'), finding('app.py', 4, 'information'), finding('app.py', 9, 'warning', true)]),
    entry('prompts/a.prompty', [finding('prompts/a.prompty', 12, 'warning')]),
    entry('.vscode/mcp.json', [finding('.vscode/mcp.json', 2, 'error'), finding('.vscode/mcp.json', 7, 'hint')]),
    entry('other.py', [finding('other.py', 0, 'error')], { folderUri: 'file:///work/other' }),
    entry('nb.ipynb', [finding('nb.ipynb', 4, 'error')], { uri: 'vscode-notebook-cell:/work/app/nb.ipynb#W0sZmlsZQ%3D%3D' }),
  ]);

  it('counts findings on an occurrence line (1-based) once, however many occurrences share it', () => {
    const sdk = component('sdk', [
      { path: 'app.py', line: 5, evidence: 'import' },
      { path: 'app.py', line: 5, evidence: 'call' },
    ]);
    assert.deepEqual(index.counts(FOLDER, sdk), { ...NONE, error: 1, information: 1 });
    assert.deepEqual(index.counts(FOLDER, component('sdk', [{ path: 'app.py', line: 4, evidence: 'import' }])), NONE);
  });

  it('leaves suppressed findings and other folders out', () => {
    assert.deepEqual(index.counts(FOLDER, component('model', [{ path: 'app.py', line: 10, evidence: 'call' }])), NONE);
    assert.deepEqual(index.counts(FOLDER, component('sdk', [{ path: 'other.py', line: 1, evidence: 'import' }])), NONE);
  });

  it('counts the whole file for prompts, model files and plugins found without a line', () => {
    assert.deepEqual(index.counts(FOLDER, component('prompt', [{ path: 'prompts/a.prompty', evidence: 'file' }])), { ...NONE, warning: 1 });
    assert.deepEqual(index.counts(FOLDER, component('plugin', [{ path: '.vscode/mcp.json', evidence: 'config' }])), {
      ...NONE,
      error: 1,
      hint: 1,
    });
    assert.deepEqual(index.counts(FOLDER, component('plugin', [{ path: '.vscode/mcp.json', line: 3, evidence: 'config' }])), {
      ...NONE,
      error: 1,
    });
  });

  it("counts every line of an MCP server's entry (its name line to its endLine)", () => {
    const server = component('plugin', [{ path: '.vscode/mcp.json', line: 3, endLine: 8, evidence: 'config' }]);
    assert.deepEqual(index.counts(FOLDER, server), { ...NONE, error: 1, hint: 1 });
    const shorter = component('plugin', [{ path: '.vscode/mcp.json', line: 3, endLine: 7, evidence: 'config' }]);
    assert.deepEqual(index.counts(FOLDER, shorter), { ...NONE, error: 1 });
  });

  it('counts a notebook cell’s findings only for whole-file components (cell lines are not the file’s)', () => {
    assert.deepEqual(index.counts(FOLDER, component('sdk', [{ path: 'nb.ipynb', line: 5, evidence: 'import' }])), NONE);
    assert.deepEqual(index.counts(FOLDER, component('modelFile', [{ path: 'nb.ipynb', evidence: 'file' }])), { ...NONE, error: 1 });
  });
});
