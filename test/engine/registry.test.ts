import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc } from '../../scripts/rulesDoc';
import { allRuleMetas, allRules, textRules } from '../../server/src/engine/rules/index';

const ROOT = path.join(__dirname, '..', '..');
const RULES_DIR = path.join(ROOT, 'server', 'src', 'engine', 'rules');

describe('rule registry', () => {
  it('registers every rule module, sorted by id, each once', () => {
    const modules = fs.readdirSync(RULES_DIR).filter((name) => /^aip\d{3}-.*\.ts$/.test(name));
    const ids = allRules.map((rule) => rule.meta.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(modules.map((name) => name.slice(0, 6).toUpperCase()).sort(), ids);
  });

  it('names each module after its id and slug', () => {
    const modules = fs.readdirSync(RULES_DIR).filter((name) => /^aip\d{3}-/.test(name));
    for (const rule of allRules) {
      assert.ok(modules.includes(`${rule.meta.id.toLowerCase()}-${rule.meta.name}.ts`), `${rule.meta.id} module name`);
    }
  });

  it('gives every rule complete metadata', () => {
    for (const meta of allRuleMetas) {
      assert.match(meta.id, /^AIP\d{3}$/);
      assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, meta.id);
      for (const field of ['title', 'explanation', 'remediation', 'since'] as const)
        assert.ok(meta[field].length > 10 || field === 'since', `${meta.id} ${field}`);
      assert.ok(meta.securitySeverity >= 0 && meta.securitySeverity <= 10, meta.id);
      if (meta.id !== 'AIP000') {
        assert.ok(meta.owasp.length > 0 && meta.cwe.length > 0, `${meta.id} taxonomy`);
        assert.ok(meta.example, `${meta.id} example`);
      }
    }
  });

  it('gives every text rule the file kinds it reads (byte and workspace rules derive theirs from their kind)', () => {
    for (const rule of textRules) assert.ok(rule.meta.fileKinds.length > 0, `${rule.meta.id} file kinds`);
    for (const rule of allRules.filter((candidate) => candidate.kind === 'bytes' || candidate.kind === 'workspace')) {
      assert.deepEqual(rule.meta.fileKinds, [], `${rule.meta.id} reads no text file kind`);
    }
  });

  it('keeps docs/rules.md generated from the metadata (run `npm run docs`)', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
    assert.equal(committed, renderRulesDoc(), 'docs/rules.md is stale: run npm run docs');
    for (const meta of allRuleMetas) assert.ok(committed.includes(`<a id="${meta.id.toLowerCase()}"></a>`), meta.id);
  });
});
