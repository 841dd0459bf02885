import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { applyEdits, safeFixEdits } from '../../server/src/engine/fix';
import { allRules } from '../../server/src/engine/rules/index';

/**
 * The fixture runner. Each rule has `test/fixtures/<id>/` with positive, negative and near-miss
 * files. A comment `ruleid: AIPnnn` marks that the next line must carry that finding; `ok: AIPnnn`
 * marks that it must not. Every finding in a fixture must be expected. A sibling `<name>.fixed.<ext>`
 * holds the text after applying every safe fix.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const MARKER = /\b(ruleid|ok|todoruleid):\s*((?:AIP\d{3}[,\s]*)+)/;

interface Expectation {
  line: number;
  ruleId: string;
  kind: 'ruleid' | 'ok' | 'todoruleid';
}

function expectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const result: Expectation[] = [];
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    // The marker covers the next line that is not itself a marker.
    let target = index + 1;
    while (target < lines.length && MARKER.test(lines[target])) target++;
    for (const ruleId of match[2].split(/[\s,]+/).filter(Boolean)) {
      result.push({ line: target, ruleId, kind: match[1] as Expectation['kind'] });
    }
  });
  return result;
}

function fixtureFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !/\.fixed\.[^.]+$/.test(entry.name) && !entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('rule fixtures', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    const dir = path.join(FIXTURES, id.toLowerCase());
    describe(id, () => {
      it('has positive, negative and near-miss fixtures', () => {
        assert.ok(fs.existsSync(dir), `missing ${dir}`);
        const names = fixtureFiles(dir).map((file) => path.basename(file));
        for (const part of ['positive', 'negative', 'near-miss']) {
          assert.ok(
            names.some((name) => name.includes(part)),
            `${id} has no ${part} fixture`,
          );
        }
      });
      if (!fs.existsSync(dir)) return;
      for (const file of fixtureFiles(dir)) {
        const relative = path.relative(FIXTURES, file).replace(/\\/g, '/');
        it(relative, async () => {
          const text = fs.readFileSync(file, 'utf8');
          const config = defaultConfig();
          const result = await analyzeFile({ path: relative, text }, config, { throwOnRuleError: true, today: '2026-01-01' });
          assert.deepEqual(result.notices, [], 'no notices expected');
          const expected = expectations(text);
          const checked = new Set(expected.map((e) => e.ruleId));
          checked.add(id);
          const actual = result.findings
            .filter((f) => checked.has(f.ruleId) && !f.suppression)
            .map((f) => `${f.range.start.line + 1}:${f.ruleId}`)
            .sort();
          const wanted = expected
            .filter((e) => e.kind === 'ruleid')
            .map((e) => `${e.line + 1}:${e.ruleId}`)
            .sort();
          assert.deepEqual([...new Set(actual)], [...new Set(wanted)], `findings of ${relative} (line:rule)`);
          for (const ok of expected.filter((e) => e.kind === 'ok')) {
            assert.ok(!actual.includes(`${ok.line + 1}:${ok.ruleId}`), `ok: line ${ok.line + 1} must be silent`);
          }
          if (/positive/.test(relative)) assert.ok(wanted.length > 0, 'a positive fixture expects findings');
          const fixedFile = file.replace(/(\.[^.]+)$/, '.fixed$1');
          if (fs.existsSync(fixedFile)) {
            const fixed = applyEdits(text, safeFixEdits(result.findings, id)).text;
            assert.equal(fixed, fs.readFileSync(fixedFile, 'utf8'), `fixed text of ${relative}`);
          }
        });
      }
    });
  }
});
