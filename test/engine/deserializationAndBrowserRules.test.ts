import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../server/src/engine/analyze';
import { defaultConfig } from '../../server/src/engine/config/config';
import { applyEdits, bulkFixEdits } from '../../server/src/engine/fix';
import type { Finding } from '../../server/src/engine/types';

async function findings(path: string, text: string, ruleId: string, off: string[] = []): Promise<Finding[]> {
  const config = defaultConfig();
  for (const id of off) config.rules[id] = 'off';
  const result = await analyzeFile({ path, text }, config, { throwOnRuleError: true, today: '2026-01-01' });
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

/**
 * `line:severity` of each AIP103 finding, 1-based lines, for compact assertions. AIP107 is off: it
 * replaces AIP103 on hub-downloaded pickles, and these tests are about AIP103's own reading of sources.
 */
async function severities(text: string): Promise<string[]> {
  return (await findings('app.py', text, 'AIP103', ['AIP107'])).map((f) => `${f.range.start.line + 1}:${f.severity}`);
}

/** The text after every fix of the rule, unsafe ones included (AIP203's fix is unsafe). */
async function fixed(path: string, text: string, ruleId: string): Promise<string> {
  return applyEdits(text, bulkFixEdits(await findings(path, text, ruleId), { ruleId, unsafe: true })).text;
}

describe('AIP103 severity', () => {
  it('is a warning for a local path and an error for a URL literal', async () => {
    const text = ['import pandas as pd', 'a = pd.read_pickle(path)', 'b = pd.read_pickle("https://example.com/x.pkl")', ''].join('\n');
    assert.deepEqual(await severities(text), ['2:warning', '3:error']);
  });

  it('treats a literal passed to loads() as data, not as a location', async () => {
    const text = ['import pickle', 'a = pickle.loads(b"https://example.com")', 'b = pickle.loads("https://example.com")', ''].join('\n');
    assert.deepEqual(await severities(text), ['2:warning', '3:warning']);
  });

  it('gives way to AIP107 on the load of a hub-downloaded pickle (the most specific rule wins), and only there', async () => {
    const text = [
      'import joblib',
      'from huggingface_hub import hf_hub_download',
      'model = joblib.load(hf_hub_download("org/m", "model.joblib"))',
      'local = joblib.load("cache/features.joblib")',
      '',
    ].join('\n');
    const result = await analyzeFile({ path: 'app.py', text }, defaultConfig(), { throwOnRuleError: true });
    const byRule = result.findings
      .filter((f) => f.ruleId === 'AIP103' || f.ruleId === 'AIP107')
      .map((f) => `${f.range.start.line + 1}:${f.ruleId}`);
    assert.deepEqual(byRule, ['3:AIP107', '4:AIP103']);
  });

  it('follows the latest assignment in the same function only', async () => {
    const text = [
      'import joblib',
      'from huggingface_hub import hf_hub_download',
      'def remote(repo):',
      '    p = hf_hub_download(repo, "m.joblib")',
      '    return joblib.load(p)',
      'def rebound(repo):',
      '    p = hf_hub_download(repo, "m.joblib")',
      '    p = "local/m.joblib"',
      '    return joblib.load(p)',
      'def other_function(p):',
      '    return joblib.load(p)',
      '',
    ].join('\n');
    assert.deepEqual(await severities(text), ['5:error', '9:warning', '11:warning']);
  });

  it('names the download and its line in the message', async () => {
    const text = ['import pickle', 'import requests', 'r = requests.get(url)', 'obj = pickle.loads(r.content)', ''].join('\n');
    const [finding] = await findings('app.py', text, 'AIP103');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /requests\.get\(\) on line 3/);
  });

  it('sees through f-strings that start with a downloaded directory', async () => {
    const text = [
      'import joblib',
      'from huggingface_hub import snapshot_download',
      'd = snapshot_download(repo)',
      'm = joblib.load(f"{d}/model.joblib")',
      '',
    ].join('\n');
    assert.deepEqual(await severities(text), ['4:error']);
  });
});

describe('AIP203 data flow and fix', () => {
  it('follows options through a conditional spread and a chain of variables', async () => {
    const text = [
      "import OpenAI from 'openai';",
      'const a = new OpenAI({ ...(dev ? { dangerouslyAllowBrowser: true } : {}) });',
      'const base = { dangerouslyAllowBrowser: true };',
      'const options = { ...base, apiKey };',
      'const b = new OpenAI(options);',
      '',
    ].join('\n');
    const lines = (await findings('client.ts', text, 'AIP203')).map((f) => f.range.start.line + 1);
    assert.deepEqual(lines, [2, 3]);
  });

  it('removes the property between two others on one line', async () => {
    const text = 'const c = new OpenAI({ apiKey, dangerouslyAllowBrowser: true, baseURL });\n';
    assert.equal(await fixed('client.js', text, 'AIP203'), 'const c = new OpenAI({ apiKey, baseURL });\n');
  });

  it('keeps CRLF line breaks when removing a line', async () => {
    const text = 'const c = new OpenAI({\r\n  apiKey,\r\n  dangerouslyAllowBrowser: true,\r\n});\r\n';
    assert.equal(await fixed('client.js', text, 'AIP203'), 'const c = new OpenAI({\r\n  apiKey,\r\n});\r\n');
  });
});
