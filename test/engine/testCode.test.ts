import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig, parseConfigText, type ResolvedConfig, withEditorSettings } from '../../server/src/engine/config/config';
import { formatText, type ScanReport, toJsonReport, toSarif } from '../../server/src/engine/index';
import { isTestPath } from '../../server/src/engine/testCode';
import type { FileResult } from '../../server/src/engine/types';

const LOAD = 'import torch\nstate = torch.load("model.pt")\n';

function withTestCode(testCode: Partial<ResolvedConfig['testCode']>): ResolvedConfig {
  const config = defaultConfig();
  return { ...config, testCode: { ...config.testCode, ...testCode } };
}

function report(files: FileResult[]): ScanReport {
  return {
    toolVersion: '9.9.9',
    root: '/work/project',
    targets: ['.'],
    files,
    stats: { filesAnalysed: files.length, modelFiles: 0, skipped: {}, durationMs: 10, cancelled: false },
  };
}

describe('test code', () => {
  it('follows the conventions of each ecosystem', () => {
    const config = defaultConfig();
    const tests = [
      'tests/models/test_modeling_flux.py',
      'pkg/test_utils.py',
      'pkg/loader_test.py',
      'conftest.py',
      'src/client.test.ts',
      'web/app.spec.tsx',
      'src/__tests__/client.ts',
      'src/test/java/com/acme/LoaderTest.java',
      'Acme.Ai.Tests/ClientFacts.cs',
      'src/ClientTests.cs',
      'internal/hub/load_test.go',
      'test/setup.js',
    ];
    for (const path of tests) assert.ok(isTestPath(path, config), path);
    const product = [
      'src/diffusers/pipelines/flux/pipeline_flux.py',
      'src/testimonials.py',
      'contest.py',
      'src/latest.ts',
      'src/main/java/com/acme/Loader.java',
      'examples/train_test_split.py',
      'docs/testing.md',
    ];
    for (const path of product) assert.ok(!isTestPath(path, config), path);
  });

  it('adds the globs of testCode.paths', () => {
    const config = parseConfigText('{ "testCode": { "paths": ["e2e/**", "benchmarks/*.py"] } }', '.ai-posture.json');
    assert.ok(isTestPath('e2e/login.ts', config));
    assert.ok(isTestPath('benchmarks/run.py', config));
    assert.ok(!isTestPath('src/run.py', config));
  });

  it('demotes findings in test code one level by default and tags them', async () => {
    const product = await analyzeFile({ path: 'src/load.py', text: LOAD }, defaultConfig());
    const inTests = await analyzeFile({ path: 'tests/test_load.py', text: LOAD }, defaultConfig());
    assert.equal(product.findings[0]?.severity, 'error');
    assert.equal(product.findings[0]?.testCode, undefined);
    assert.equal(inTests.findings[0]?.severity, 'warning');
    assert.equal(inTests.findings[0]?.testCode, true);
  });

  it('keeps or drops them as configured', async () => {
    const kept = await analyzeFile({ path: 'tests/test_load.py', text: LOAD }, withTestCode({ severity: 'keep' }));
    assert.equal(kept.findings[0]?.severity, 'error');
    assert.equal(kept.findings[0]?.testCode, true);
    const dropped = await analyzeFile({ path: 'tests/test_load.py', text: LOAD }, withTestCode({ severity: 'off' }));
    assert.deepEqual(dropped.findings, []);
  });

  it('lets the workspace file win over the editor setting', () => {
    const fromFile = parseConfigText('{ "testCode": { "severity": "keep" } }', '.ai-posture.json');
    assert.equal(withEditorSettings(fromFile, { testCodeSeverity: 'off' }).testCode.severity, 'keep');
    assert.equal(withEditorSettings(defaultConfig(), { testCodeSeverity: 'off' }).testCode.severity, 'off');
  });

  it('rejects an unknown handling in the workspace file', () => {
    assert.throws(() => parseConfigText('{ "testCode": { "severity": "hide" } }', '.ai-posture.json'), /testCode\.severity/);
  });

  it('is tagged in SARIF and JSON, and listed apart in the text report', async () => {
    const files = [
      await analyzeFile({ path: 'src/load.py', text: LOAD }, defaultConfig()),
      await analyzeFile({ path: 'tests/test_load.py', text: LOAD }, defaultConfig()),
    ];
    const sarif = toSarif(report(files));
    const results = sarif.runs[0]?.results ?? [];
    assert.deepEqual(
      results.map((result) => result.properties?.tags),
      [undefined, ['test']],
    );
    const json = toJsonReport(report(files));
    assert.deepEqual(
      json.findings.map((finding) => finding.testCode),
      [undefined, true],
    );
    const text = formatText(report(files));
    const heading = text.indexOf('In test code (1 finding):');
    assert.ok(heading > text.indexOf('src/load.py:2'), text);
    assert.ok(text.indexOf('tests/test_load.py:2') > heading, text);
    assert.match(text, /2 findings \(1 in test code\): 1 error, 1 warning/);
  });
});
