import * as assert from 'node:assert/strict';
import { type Finding, formatText, type ScanReport, type Severity, sarifLevel, toJsonReport, toSarif } from '../../server/src/engine/index';

const ESC = '\u001b';

function finding(path: string, line: number, severity: Severity, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'AIP102',
    severity,
    message: `message at ${line}`,
    path,
    range: { start: { line, character: 2 }, end: { line, character: 6 } },
    fingerprint: `fp-${path}-${line}`,
    ...extra,
  };
}

function report(findings: Finding[], skipped: Record<string, number> = {}): ScanReport {
  const paths = [...new Set(findings.map((f) => f.path))];
  return {
    toolVersion: '9.9.9',
    root: '/work/project',
    targets: ['.'],
    files: paths.map((path) => ({ path, findings: findings.filter((f) => f.path === path), notices: [] })),
    stats: { filesAnalysed: 7, modelFiles: 0, skipped, durationMs: 1500, cancelled: false },
  };
}

describe('report renderers', () => {
  describe('text', () => {
    it('groups by file, aligns severities, skips suppressed findings and summarises', () => {
      const text = formatText(
        report(
          [
            finding('b.py', 0, 'warning'),
            finding('a.py', 4, 'error'),
            finding('a.py', 1, 'information'),
            finding('a.py', 9, 'error', { suppression: { kind: 'inSource', justification: 'ok' } }),
          ],
          { gitignored: 3, binary: 1 },
        ),
      );
      assert.equal(
        text,
        [
          'a.py:2:3  information  AIP102  message at 1',
          'a.py:5:3  error        AIP102  message at 4',
          '',
          'b.py:1:3  warning      AIP102  message at 0',
          '',
          '3 findings: 1 error, 1 warning, 1 information, 0 hints (1 suppressed)',
          '7 files analysed; skipped: 1 binary, 3 gitignored; 1.5 s',
          '',
        ].join('\n'),
      );
    });

    it('colours severities only when asked', () => {
      const input = report([finding('a.py', 0, 'error')]);
      assert.ok(!formatText(input).includes(ESC));
      assert.ok(formatText(input, { color: true }).includes(`${ESC}[31merror${ESC}[0m`));
    });
  });

  describe('json', () => {
    it('uses 1-based regions and documents suppressions', () => {
      const json = toJsonReport(report([finding('a.py', 0, 'error', { suppression: { kind: 'external', justification: 'why' } })]));
      assert.equal(json.version, 1);
      assert.equal(json.tool.version, '9.9.9');
      assert.deepEqual(json.findings[0].region, { startLine: 1, startColumn: 3, endLine: 1, endColumn: 7 });
      assert.deepEqual(json.findings[0].suppression, { kind: 'external', justification: 'why' });
      assert.deepEqual(json.summary, { error: 0, warning: 0, information: 0, hint: 0, suppressed: 1 });
    });
  });

  describe('sarif', () => {
    it('maps severities to SARIF levels', () => {
      assert.equal(sarifLevel('error'), 'error');
      assert.equal(sarifLevel('warning'), 'warning');
      assert.equal(sarifLevel('information'), 'note');
      assert.equal(sarifLevel('hint'), 'note');
    });

    it('leaves snippet fixes out of fixes[] and keeps safe and unsafe ones with their applicability', () => {
      const edit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'x' };
      const log = toSarif(
        report([
          finding('a.py', 0, 'error', { fix: { title: 'safe', edits: [edit], applicability: 'safe' } }),
          finding('a.py', 1, 'error', { fix: { title: 'snippet', edits: [edit], applicability: 'display-only' } }),
          finding('a.py', 2, 'error', { fix: { title: 'unsafe', edits: [edit], applicability: 'unsafe' } }),
        ]),
      );
      const [safe, snippet, unsafe] = log.runs[0].results ?? [];
      assert.equal(safe.fixes?.[0].description?.text, 'safe');
      assert.equal(snippet.fixes, undefined);
      assert.deepEqual(safe.fixes?.[0].properties, { applicability: 'safe' });
      assert.equal(unsafe.fixes?.[0].description?.text, 'unsafe');
      assert.deepEqual(unsafe.fixes?.[0].properties, { applicability: 'unsafe' });
    });

    it('gives the root as a file URI with a trailing slash', () => {
      const log = toSarif(report([]));
      assert.equal(log.runs[0].originalUriBaseIds?.['%SRCROOT%'].uri, 'file:///work/project/');
      assert.deepEqual(log.runs[0].results, []);
    });
  });
});
