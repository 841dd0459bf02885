import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { ensureBuilt, makeWorkspace, removeWorkspaces, runCli, TORCH_LOAD } from './helpers';

/**
 * The official SARIF 2.1.0 schema (OASIS `sarif-schema-2.1.0.json` as published at 2.1.0-rtm.5, a
 * JSON Schema draft-04 document), as shipped by Microsoft's `@microsoft/jest-sarif` package.
 */
const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifValidator() {
  // The schema's `language` pattern has a stray `]` that the unicode flag rejects: plain RegExp, as
  // every other SARIF validator uses.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));
}

describe('ai-posture scan --format sarif', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  const validate = sarifValidator();

  before(ensureBuilt);
  after(() => removeWorkspaces(roots));

  function scanSarif(files: Record<string, string>, extra: string[] = []): { log: Sarif.Log; root: string; text: string } {
    const root = makeWorkspace(files);
    roots.push(root);
    const result = runCli(['scan', root, '--format', 'sarif', ...extra]);
    assert.equal(result.stderr, '');
    return { log: JSON.parse(result.stdout), root, text: result.stdout };
  }

  function assertValid(log: unknown): void {
    const valid = validate(log);
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  }

  it('the validator really rejects invalid SARIF', () => {
    assert.equal(validate({ version: '2.1.0' }), false);
    assert.equal(
      validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'loud' }] }] }),
      false,
    );
  });

  it('is valid against the official SARIF 2.1.0 schema, with findings, fixes, suppressions and notifications', () => {
    const { log } = scanSarif({
      '.ai-posture.json': JSON.stringify({
        maxFileBytes: 1024,
        ignore: [{ rule: 'AIP102', paths: ['legacy/**'], reason: 'read-only archive' }],
      }),
      'src/train.py': TORCH_LOAD,
      'src/serve.py': 'import torch\nm = torch.load(p)  # ai-posture-ignore AIP102 -- trusted cache\n',
      'legacy/old.py': TORCH_LOAD,
      'big.py': `import torch\n${'# padding\n'.repeat(200)}`,
      'dir with space/ü.py': TORCH_LOAD,
    });
    assertValid(log);
  });

  it("carries a data-flow finding's source as relatedLocations and a codeFlows path, valid against SARIF 2.1.0", () => {
    const { log } = scanSarif({
      'agent.py': [
        'from openai import OpenAI',
        'client = OpenAI()',
        'reply = client.responses.create(model="gpt-4.1", input="Write Python")',
        'code = reply.output_text',
        'exec(code)',
        '',
      ].join('\n'),
    });
    assertValid(log);
    const result = log.runs[0].results?.find((candidate) => candidate.ruleId === 'AIP401');
    assert.ok(result, 'an AIP401 result');
    assert.match(result.message.text ?? '', /at line 3 reaches exec\(\)/);
    assert.equal(result.relatedLocations?.[0].physicalLocation?.region?.startLine, 3);
    const steps = result.codeFlows?.[0].threadFlows[0].locations ?? [];
    assert.deepEqual(
      steps.map((step) => step.location?.physicalLocation?.region?.startLine),
      [3, 5],
      'the path goes from the source to the sink',
    );
  });

  it('describes the tool and every rule', () => {
    const { log } = scanSarif({ 'app.py': TORCH_LOAD });
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'ai-posture');
    assert.match(driver.semanticVersion ?? '', /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    const ids = driver.rules?.map((rule) => rule.id) ?? [];
    assert.deepEqual(ids, [...ids].sort(), 'rules are sorted by id');
    const rule = driver.rules?.find((candidate) => candidate.id === 'AIP102');
    assert.ok(rule);
    assert.equal(rule.name, 'unsafe-torch-load');
    assert.ok(rule.shortDescription?.text);
    assert.ok(rule.fullDescription?.text);
    assert.ok(rule.help?.text && rule.help.markdown);
    assert.match(rule.helpUri ?? '', /#aip102$/);
    assert.match(rule.help.markdown, /\(https:\/\/.*#aip102\)/);
    assert.equal(rule.defaultConfiguration?.level, 'error');
    const properties = rule.properties as { tags: string[]; 'security-severity': string; precision: string };
    assert.ok(properties.tags.includes('security'));
    assert.ok(properties.tags.includes('CWE-502'));
    assert.ok(properties.tags.includes('LLM03:2025'));
    assert.match(properties['security-severity'], /^\d+\.\d$/);
    assert.ok(Number(properties['security-severity']) > 0);
    assert.equal(properties.precision, 'high');
  });

  it('locates a result relative to %SRCROOT% with a 1-based region, fingerprint and fix', () => {
    const { log, root } = scanSarif({ 'src/train.py': TORCH_LOAD });
    const run = log.runs[0];
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `${pathToFileURL(root).href}/`);
    assert.equal(run.results?.length, 1);
    const result = run.results?.[0] as Sarif.Result;
    assert.equal(result.ruleId, 'AIP102');
    assert.equal(run.tool.driver.rules?.[result.ruleIndex ?? -1].id, 'AIP102');
    assert.equal(result.level, 'error');
    assert.match(result.message.text ?? '', /weights_only=True/);
    assert.equal(result.locations?.length, 1);
    const location = result.locations?.[0].physicalLocation;
    assert.deepEqual(location?.artifactLocation, { uri: 'src/train.py', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location?.region, { startLine: 2, startColumn: 9, endLine: 2, endColumn: 19 });
    assert.match(result.partialFingerprints?.['aiPosture/v1'] ?? '', /^[0-9a-f]{16,}$/);
    const replacement = result.fixes?.[0].artifactChanges[0].replacements[0];
    assert.deepEqual(replacement?.insertedContent, { text: ', weights_only=True' });
    assert.deepEqual(replacement?.deletedRegion, { startLine: 2, startColumn: 24, endLine: 2, endColumn: 24 });
    assert.equal(result.suppressions, undefined);
  });

  it('keeps suppressed findings with inSource and external suppressions', () => {
    const { log } = scanSarif({
      '.ai-posture.json': JSON.stringify({ ignore: [{ rule: 'AIP102', paths: ['legacy/**'], reason: 'read-only archive' }] }),
      'serve.py': 'import torch\nm = torch.load(p)  # ai-posture-ignore AIP102 -- trusted cache\n',
      'legacy/old.py': TORCH_LOAD,
    });
    const results = log.runs[0].results ?? [];
    const byPath = (uri: string) => results.find((result) => result.locations?.[0].physicalLocation?.artifactLocation?.uri === uri);
    assert.deepEqual(byPath('serve.py')?.suppressions, [{ kind: 'inSource', justification: 'trusted cache' }]);
    assert.deepEqual(byPath('legacy/old.py')?.suppressions, [{ kind: 'external', justification: 'read-only archive' }]);
  });

  it('turns file notices into tool execution notifications', () => {
    const { log } = scanSarif({ '.ai-posture.json': '{ "maxFileBytes": 1024 }', 'big.py': `import torch\n${'# padding\n'.repeat(200)}` });
    const notifications = log.runs[0].invocations?.[0].toolExecutionNotifications ?? [];
    assert.equal(notifications.length, 1);
    assert.equal(notifications[0].level, 'note');
    assert.match(notifications[0].message.text ?? '', /^big\.py: skipped: \d+ bytes is over maxFileBytes/);
    assert.equal(notifications[0].locations?.[0].physicalLocation?.artifactLocation?.uri, 'big.py');
  });

  it('percent-encodes relative URIs', () => {
    const { log } = scanSarif({ 'dir with space/ü.py': TORCH_LOAD });
    assert.equal(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri, 'dir%20with%20space/%C3%BC.py');
  });

  it('is deterministic', () => {
    const files = { 'b.py': TORCH_LOAD, 'a.py': `${TORCH_LOAD}other = torch.load(q)\n`, 'sub/c.py': TORCH_LOAD };
    const first = scanSarif(files);
    const second = runCli(['scan', first.root, '--format', 'sarif']).stdout;
    assert.equal(second, first.text);
    const uris = first.log.runs[0].results?.map((result) => result.locations?.[0].physicalLocation?.artifactLocation?.uri);
    assert.deepEqual(uris, ['a.py', 'a.py', 'b.py', 'sub/c.py']);
  });

  it('--sarif FILE writes the same log as --format sarif', () => {
    const { root, text } = scanSarif({ 'app.py': TORCH_LOAD });
    runCli(['scan', root, '--sarif', path.join(root, 'out.sarif')]);
    assert.equal(fs.readFileSync(path.join(root, 'out.sarif'), 'utf8'), text);
  });
});
