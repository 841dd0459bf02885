import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig, type ResolvedConfig } from '../../server/src/engine/config/config';
import { ignoreCommentEdit } from '../../server/src/engine/suppress/comments';
import { LineIndex } from '../../server/src/engine/text/lineIndex';

const TODAY = '2026-06-01';

async function analyze(text: string, path = 'app.py', config: ResolvedConfig = defaultConfig()) {
  return (await analyzeFile({ path, text }, config, { today: TODAY })).findings;
}

describe('suppressions', () => {
  it('end-of-line directive suppresses the finding on its line with the reason', async () => {
    const findings = await analyze('import torch\nx = torch.load(p)  # ai-posture-ignore AIP102 -- trusted cache\n');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].suppression, { kind: 'inSource', justification: 'trusted cache' });
  });

  it('next-line directive covers the following line only', async () => {
    const text = 'import torch\n# ai-posture-ignore-next-line AIP102 -- ok\nx = torch.load(p)\ny = torch.load(q)\n';
    const findings = await analyze(text);
    assert.equal(findings.length, 2);
    assert.ok(findings[0].suppression);
    assert.equal(findings[1].suppression, undefined);
  });

  it('file directive in the leading comment block covers the whole file', async () => {
    const text =
      '#!/usr/bin/env python\n# ai-posture-ignore-file AIP102 -- offline tool\nimport torch\nx = torch.load(p)\ny = torch.load(q)\n';
    const findings = await analyze(text);
    assert.ok(findings.every((f) => f.suppression?.justification === 'offline tool'));
  });

  it('file directive after code does not count', async () => {
    const text = 'import torch\n# ai-posture-ignore-file AIP102\nx = torch.load(p)\n';
    const findings = await analyze(text);
    assert.equal(findings.filter((f) => f.ruleId === 'AIP102' && !f.suppression).length, 1);
  });

  it('an expired until brings the finding back with a note', async () => {
    const findings = await analyze('import torch\nx = torch.load(p)  # ai-posture-ignore AIP102 -- until 2026-01-31 migrate\n');
    assert.equal(findings[0].suppression, undefined);
    assert.equal(findings[0].expiredSuppression, '2026-01-31');
    assert.match(findings[0].message, /expired on 2026-01-31/);
  });

  it('a future until still suppresses', async () => {
    const findings = await analyze('import torch\nx = torch.load(p)  # ai-posture-ignore AIP102 -- until 2027-01-31\n');
    assert.equal(findings[0].suppression?.justification, 'until 2027-01-31');
  });

  it('an unused directive is reported as AIP000', async () => {
    const findings = await analyze('import torch\nx = 1  # ai-posture-ignore AIP102 -- stale\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'AIP000');
    assert.equal(findings[0].severity, 'information');
    assert.equal(findings[0].range.start.line, 1);
  });

  it('the keyword inside a string is not a directive', async () => {
    const findings = await analyze('import torch\nx = torch.load(p, "# ai-posture-ignore AIP102")\n');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].suppression, undefined);
  });

  it('JavaScript comments use // and /* */', async () => {
    const lines = new LineIndex('const a = 1;\n');
    const edit = ignoreCommentEdit(lines, 'typescript', 0, 'AIP203');
    assert.equal(edit?.newText, '// ai-posture-ignore-next-line AIP203 -- reason: \n');
  });

  it('ignore-with-comment edit keeps indentation and is honoured', async () => {
    const text = 'import torch\ndef f(p):\n    return torch.load(p)\n';
    const lines = new LineIndex(text);
    const edit = ignoreCommentEdit(lines, 'python', 2, 'AIP102');
    assert.ok(edit);
    const fixed = text.replace('    return', `${edit.newText}    return`);
    const findings = await analyze(fixed);
    assert.equal(findings.length, 1);
    assert.ok(findings[0].suppression);
  });

  it('config ignore entries suppress as external, limited by paths', async () => {
    const config = { ...defaultConfig(), ignore: [{ rule: 'AIP102', paths: ['tools/legacy/**'], reason: 'trusted local cache' }] };
    const inLegacy = await analyze('import torch\ntorch.load(p)\n', 'tools/legacy/a.py', config);
    const elsewhere = await analyze('import torch\ntorch.load(p)\n', 'src/a.py', config);
    assert.deepEqual(inLegacy[0].suppression, { kind: 'external', justification: 'trusted local cache' });
    assert.equal(elsewhere[0].suppression, undefined);
  });

  it('severity overrides and off come from config rules', async () => {
    const warn = await analyze('import torch\ntorch.load(p)\n', 'a.py', { ...defaultConfig(), rules: { AIP102: 'warning' } });
    const off = await analyze('import torch\ntorch.load(p)\n', 'a.py', { ...defaultConfig(), rules: { AIP102: 'off' } });
    assert.equal(warn[0].severity, 'warning');
    assert.equal(off.length, 0);
  });
});

describe('suppression syntax per language', () => {
  it('reads Jinja comments in prompty templates', async () => {
    const { findDirectives } = await import('../../server/src/engine/suppress/comments');
    const text = '---\nname: x\n---\nsystem:\n{# ai-posture-ignore-next-line AIP304 #}\nHello {{name}}\n';
    const directives = findDirectives(text, 'prompty', new LineIndex(text));
    assert.equal(directives.length, 1);
    assert.deepEqual(directives[0].rules, ['AIP304']);
    assert.equal(directives[0].targetLine, 5);
  });
});
