import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BomBuilder, filesUnder } from '../../../server/src/engine/inventory/bomBuilder';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { find, summary } from './helpers';

/** The evaluation sets an agent framework runs (Google ADK's `AgentEvaluator`, `*.evalset.json` files). */

/** The AI-BOM of in-memory files, with the workspace answering from them for existence and folder listings. */
async function bomOf(files: Record<string, string>): Promise<AiBom> {
  const builder = new BomBuilder();
  for (const [file, text] of Object.entries(files)) await builder.addFile(file, text);
  const exists = (file: string) => Object.hasOwn(files, file) || Object.keys(files).some((name) => name.startsWith(`${file}/`));
  const filesIn = (folder: string) => Object.keys(files).filter((name) => name.startsWith(`${folder}/`));
  return builder.finish(async () => undefined, exists, filesIn);
}

function datasets(bom: AiBom): string[] {
  return summary(bom).filter((line) => line.startsWith('dataset '));
}

const EVAL_SET = JSON.stringify({ eval_set_id: 'home_automation', eval_cases: [{ eval_id: 'lights', conversation: [] }] });
const OLD_TEST_FILE = JSON.stringify([{ query: 'hi', expected_tool_use: [], reference: 'hello' }]);

describe('inventory: agent eval sets', () => {
  it('AgentEvaluator.evaluate with a file or a folder built from the test file, and keywords', async () => {
    const bom = await bomOf({
      'agents/rag/eval/test_eval.py': [
        'import os',
        'import pathlib',
        'from google.adk.evaluation.agent_evaluator import AgentEvaluator',
        '',
        'def test_file():',
        '    AgentEvaluator.evaluate(',
        '        agent_module="rag",',
        '        eval_dataset_file_path_or_dir=str(pathlib.Path(__file__).parent / "data/conversation.test.json"),',
        '    )',
        '',
        'async def test_folder():',
        '    await AgentEvaluator.evaluate("rag", os.path.join(os.path.dirname(__file__), "eval_data"), num_runs=1)',
        '',
      ].join('\n'),
      'agents/rag/eval/data/conversation.test.json': OLD_TEST_FILE,
      'agents/rag/eval/eval_data/simple.test.json': OLD_TEST_FILE,
      'agents/rag/eval/eval_data/nested/full.evalset.json': EVAL_SET,
      // Not an eval set: ADK runs only `*.test.json` and `*.evalset.json` files of a folder.
      'agents/rag/eval/eval_data/test_config.json': '{"criteria": {"tool_trajectory_avg_score": 1.0}}',
    });
    assert.deepEqual(datasets(bom), [
      'dataset agents/rag/eval/data/conversation.test.json',
      'dataset agents/rag/eval/eval_data/nested/full.evalset.json',
      'dataset agents/rag/eval/eval_data/simple.test.json',
    ]);
    assert.deepEqual(
      find(bom, 'dataset', 'agents/rag/eval/eval_data/simple.test.json').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['agents/rag/eval/test_eval.py:12'],
    );
  });

  it('a plain relative path is looked for from the test folder up to the root; a path the workspace lacks is dropped', async () => {
    const bom = await bomOf({
      'agent/tests/test_agent.py': [
        'from google.adk.evaluation import AgentEvaluator',
        'AgentEvaluator.evaluate("agent", "tests/fixtures/flow.test.json")',
        'AgentEvaluator.evaluate("agent", "eval/missing.test.json")',
        '',
      ].join('\n'),
      'agent/tests/fixtures/flow.test.json': OLD_TEST_FILE,
    });
    assert.deepEqual(datasets(bom), ['dataset agent/tests/fixtures/flow.test.json']);
  });

  it("an evaluate() that is not ADK's, and a folder without eval sets, list nothing", async () => {
    const bom = await bomOf({
      'eval/test_eval.py': [
        'import os',
        'import evaluate',
        'from mylib import AgentEvaluator',
        'AgentEvaluator.evaluate("agent", os.path.join(os.path.dirname(__file__), "data"))',
        'evaluate.load("accuracy")',
        '',
      ].join('\n'),
      'eval/data/cases.test.json': OLD_TEST_FILE,
      'adk/test_eval.py': [
        'import os',
        'from google.adk.evaluation import AgentEvaluator',
        'AgentEvaluator.evaluate("agent", os.path.join(os.path.dirname(__file__), "empty"))',
        '',
      ].join('\n'),
      'adk/empty/readme.json': '{}',
    });
    assert.deepEqual(datasets(bom), []);
  });

  it('*.evalset.json files by their schema, wherever they are', async () => {
    const bom = await bomOf({
      'deployment/data/smoke.evalset.json': EVAL_SET,
      // The name alone is not enough, nor the schema under another name.
      'deployment/data/other.evalset.json': '{"name": "x"}',
      'deployment/data/smoke.json': EVAL_SET,
    });
    assert.deepEqual(datasets(bom), ['dataset deployment/data/smoke.evalset.json']);
  });

  it('lists the files under a folder on disk, at any depth', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-evalsets-'));
    try {
      fs.mkdirSync(path.join(root, 'eval', 'data', 'more'), { recursive: true });
      fs.mkdirSync(path.join(root, 'eval', 'data', '.cache'), { recursive: true });
      fs.writeFileSync(path.join(root, 'eval', 'data', 'a.test.json'), '[]');
      fs.writeFileSync(path.join(root, 'eval', 'data', 'more', 'b.evalset.json'), '{}');
      fs.writeFileSync(path.join(root, 'eval', 'data', '.cache', 'c.test.json'), '[]');
      const files = filesUnder(root);
      assert.deepEqual(files('eval/data'), ['eval/data/a.test.json', 'eval/data/more/b.evalset.json']);
      assert.deepEqual(files('eval/missing'), []);
      assert.deepEqual(files('../outside'), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
