import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { bulkFixEdits, isBulkApplicable, safeFixEdits } from '../../server/src/engine/fix';
import { allRuleMetas, unusedSuppressionMeta } from '../../server/src/engine/rules/index';
import { formatMessage, placeholders, ruleMessage } from '../../server/src/engine/rules/messages';
import { ruleReferences } from '../../server/src/engine/rules/references';
import type { Finding, FixApplicability } from '../../server/src/engine/types';

describe('rule messages', () => {
  it('fills {name} placeholders and throws on a missing value', () => {
    assert.equal(
      formatMessage('{callee}() with {flag}=False', { callee: 'torch.load', flag: 'weights_only' }),
      'torch.load() with weights_only=False',
    );
    assert.equal(formatMessage('{n} places', { n: 2 }), '2 places');
    assert.equal(formatMessage('no placeholder'), 'no placeholder');
    assert.throws(() => formatMessage('{callee}() with {flag}=False', { callee: 'x' }), /placeholder \{flag\} has no value/);
  });

  it('an unknown message id throws', () => {
    assert.throws(() => ruleMessage(unusedSuppressionMeta, { messageId: 'nope' }), /AIP000 has no message 'nope'/);
  });

  it('every rule has messages whose placeholders are plain names', () => {
    for (const meta of allRuleMetas) {
      const ids = Object.keys(meta.messages);
      assert.ok(ids.length > 0, `${meta.id} has no messages`);
      for (const id of ids) {
        assert.match(id, /^[a-z][A-Za-z]*$/, `${meta.id} message id ${id}`);
        const template = meta.messages[id];
        // A brace that is not a placeholder would be read as one by mistake.
        const withoutPlaceholders = placeholders(template).reduce((text, name) => text.replaceAll(`{${name}}`, ''), template);
        assert.ok(!/[{}]/.test(withoutPlaceholders), `${meta.id}.${id} has a stray brace`);
      }
    }
  });

  it('findings carry the message id they were built from', async () => {
    const result = await analyzeFile({ path: 'a.py', text: 'import torch\nm = torch.load(p)\n' }, defaultConfig());
    const [finding] = result.findings;
    assert.equal(finding.messageId, 'missingWeightsOnly');
    assert.equal(finding.message, 'torch.load() without weights_only=True can execute arbitrary code from the loaded file.');
  });

  it('the AIP000 template matches what the engine writes for an unused directive', async () => {
    const text = 'x = 1  # ai-posture-ignore AIP102 -- not needed\n';
    const result = await analyzeFile({ path: 'a.py', text }, defaultConfig());
    const unused = result.findings.find((finding) => finding.ruleId === 'AIP000');
    assert.ok(unused);
    assert.equal(unused.message, ruleMessage(unusedSuppressionMeta, { messageId: 'unused', data: { ruleId: 'AIP102' } }).message);
  });
});

describe('rule references', () => {
  it('link every OWASP, CWE and ATLAS id, then the rule’s own reading', () => {
    const meta = allRuleMetas.find((candidate) => candidate.id === 'AIP102');
    assert.ok(meta);
    const references = ruleReferences(meta);
    assert.deepEqual(references[0], {
      title: 'OWASP LLM03:2025 Supply Chain',
      url: 'https://genai.owasp.org/llmrisk/llm032025-supply-chain/',
    });
    assert.ok(references.some((reference) => reference.url === 'https://cwe.mitre.org/data/definitions/502.html'));
    assert.ok(references.some((reference) => reference.url === 'https://atlas.mitre.org/techniques/AML.T0011.000'));
    assert.deepEqual(references.slice(-meta.references.length), meta.references);
  });

  it('every reference is an https link with a title', () => {
    for (const meta of allRuleMetas) {
      for (const reference of ruleReferences(meta)) {
        assert.match(reference.url, /^https:\/\/[^\s]+$/, `${meta.id} ${reference.url}`);
        assert.ok(reference.title.length > 3, `${meta.id} reference title`);
      }
    }
  });
});

describe('fix applicability', () => {
  const edit = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'x' };
  const withFix = (applicability: FixApplicability, ruleId = 'AIP101'): Finding => ({
    ruleId,
    severity: 'error',
    message: 'm',
    path: 'a.py',
    range: edit.range,
    fingerprint: applicability,
    fix: { title: applicability, edits: [{ ...edit, newText: applicability }], applicability },
  });
  const findings = [withFix('safe'), withFix('unsafe'), withFix('display-only'), withFix('safe', 'AIP102')];
  const texts = (edits: { newText: string }[]) => edits.map((e) => e.newText);

  it('bulk fixes apply safe ones, unsafe ones only when asked, display-only ones never', () => {
    assert.deepEqual(texts(bulkFixEdits(findings)), ['safe', 'safe']);
    assert.deepEqual(texts(bulkFixEdits(findings, { unsafe: true })), ['safe', 'unsafe', 'safe']);
    assert.deepEqual(texts(bulkFixEdits(findings, { ruleId: 'AIP101', unsafe: true })), ['safe', 'unsafe']);
    assert.deepEqual(texts(safeFixEdits(findings, 'AIP102')), ['safe']);
    assert.equal(isBulkApplicable({ title: 't', edits: [], applicability: 'display-only' }, true), false);
  });

  it('suppressed findings are never fixed in bulk', () => {
    const suppressed = { ...withFix('safe'), suppression: { kind: 'inSource' as const, justification: 'ok' } };
    assert.deepEqual(bulkFixEdits([suppressed], { unsafe: true }), []);
  });

  it('every fixable rule says how far its fixes can be trusted, and only fixable ones', () => {
    for (const meta of allRuleMetas) assert.equal(meta.fixApplicability !== undefined, meta.fixable, meta.id);
  });
});
