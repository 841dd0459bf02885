import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { applyEdits } from '../../server/src/engine/fix';
import { TriggerIndex } from '../../server/src/engine/prefilter/triggers';
import type { Rule } from '../../server/src/engine/rules/rule';
import { LineIndex } from '../../server/src/engine/text/lineIndex';

function fakeRule(id: string, triggers: string[]): Rule {
  return { meta: { id } as Rule['meta'], triggers, check: () => undefined };
}

describe('trigger prefilter', () => {
  const a = fakeRule('A', ['torch.load']);
  const b = fakeRule('B', ['load']);
  const c = fakeRule('C', ['h.lo']);
  const d = fakeRule('D', ['absent']);
  const e = fakeRule('E', []);
  const index = new TriggerIndex([a, b, c, d, e]);

  it('selects every rule whose trigger occurs, including overlapping and contained triggers', () => {
    const selected = index.select('x = torch.load(p)', [a, b, c, d, e]).map((rule) => rule.meta.id);
    assert.deepEqual(selected, ['A', 'B', 'C', 'E']);
  });

  it('selects only always-run rules for unrelated text', () => {
    assert.deepEqual(
      index.select('print(1)', [a, b, c, d, e]).map((rule) => rule.meta.id),
      ['E'],
    );
  });
});

describe('line index', () => {
  it('maps offsets and positions for LF, CRLF and CR line breaks', () => {
    const lines = new LineIndex('a\r\nbb\ncc\rd');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(3), { line: 1, character: 0 });
    assert.equal(lines.lineText(0), 'a');
    assert.equal(lines.lineText(2), 'cc');
    assert.equal(lines.offsetAt({ line: 3, character: 0 }), 9);
  });

  it('maps a text with LF breaks only the same way', () => {
    const lines = new LineIndex('a\nbb\n\ncc');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(5), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(99), { line: 3, character: 2 });
    assert.equal(lines.lineText(1), 'bb');
    assert.equal(new LineIndex('').lineCount, 1);
  });
});

describe('applyEdits', () => {
  it('applies non-overlapping edits from the end and skips overlapping ones', () => {
    const start = { line: 0, character: 0 };
    const result = applyEdits('abcdef', [
      { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }, newText: 'X' },
      { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } }, newText: 'Y' },
      { range: { start, end: start }, newText: '>' },
    ]);
    assert.equal(result.applied, 2);
    assert.equal(result.text, '>abYef', 'the later edit wins; the overlapping earlier one is left for a second pass');
  });
});

describe('robustness', () => {
  it('reports a parse of broken code without crashing and still finds what it can', async () => {
    const result = await analyzeFile({ path: 'bad.py', text: 'import torch\ndef broken(:\n  torch.load(p)\n' }, defaultConfig());
    assert.ok(Array.isArray(result.findings));
  });

  it('notebook findings are placed on the line of the .ipynb JSON', async () => {
    const notebook = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', source: ['torch.load(x)'] },
          { cell_type: 'code', source: ['import torch\n', 'm = torch.load(p)\n'] },
        ],
      },
      null,
      1,
    );
    const result = await analyzeFile({ path: 'n.ipynb', text: notebook }, defaultConfig());
    assert.equal(result.findings.length, 1);
    const line = notebook.split('\n')[result.findings[0].range.start.line];
    assert.match(line, /m = torch\.load\(p\)/);
    assert.equal(result.findings[0].fix, undefined, 'no text edits against JSON');
  });

  it('fingerprints survive unrelated edits above the finding', async () => {
    const before = await analyzeFile({ path: 'a.py', text: 'import torch\nm = torch.load(p)\n' }, defaultConfig());
    const after = await analyzeFile({ path: 'a.py', text: 'import torch\n\n# new comment\nm = torch.load(p)\n' }, defaultConfig());
    assert.equal(before.findings[0].fingerprint, after.findings[0].fingerprint);
  });
});

describe('architecture', () => {
  it('the engine imports no vscode and no LSP package', () => {
    const engine = path.join(__dirname, '..', '..', 'server', 'src', 'engine');
    const offenders = fs
      .readdirSync(engine, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) =>
        /from ['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|vscode-jsonrpc[^'"]*)['"]/.test(
          fs.readFileSync(file, 'utf8'),
        ),
      );
    assert.deepEqual(offenders, []);
  });
});
