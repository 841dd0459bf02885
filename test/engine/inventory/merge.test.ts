import * as assert from 'node:assert/strict';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import { mergeInventory } from '../../../server/src/engine/inventory/merge';
import type { PartialInventory } from '../../../server/src/engine/inventory/types';
import { find, propertyValues, summary } from './helpers';

async function partials(files: Record<string, string>): Promise<PartialInventory[]> {
  const result: PartialInventory[] = [];
  for (const [path, text] of Object.entries(files)) result.push(await collectFromFile(path, text));
  return result;
}

describe('inventory: merge', () => {
  const files = {
    'api/requirements.txt': 'openai>=1.40\nlangchain-openai\n',
    'api/poetry.lock': '[[package]]\nname = "openai"\nversion = "1.51.2"\n',
    'api/app.py': 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n',
    'worker/requirements.txt': 'openai==1.45.0\n',
    'web/package.json': '{ "dependencies": { "openai": "^4.0.0" } }',
  };

  it('is independent of the order partials arrive in', async () => {
    const forward = await partials(files);
    const backward = [...forward].reverse().map((partial) => ({ components: [...partial.components].reverse() }));
    assert.equal(JSON.stringify(mergeInventory(forward)), JSON.stringify(mergeInventory(backward)));
  });

  it('lockfile versions win over manifest pins and ranges; ranges stay as properties', async () => {
    const bom = mergeInventory(await partials(files));
    const openai = bom.components.find((component) => component.ref === 'sdk:pypi/openai');
    assert.equal(openai?.version, '1.51.2');
    assert.equal(openai?.purl, 'pkg:pypi/openai@1.51.2');
    assert.deepEqual(propertyValues(openai!, 'version:range'), ['>=1.40']);
    // npm and PyPI packages of the same name are different components.
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('sdk ')),
      ['sdk langchain-openai', 'sdk openai', 'sdk openai@1.51.2'],
    );
  });

  it('lists every version seen when manifests disagree and no lockfile decides', async () => {
    const bom = mergeInventory(await partials({ 'a/requirements.txt': 'openai==1.45.0\n', 'b/requirements.txt': 'openai==1.51.0\n' }));
    const openai = find(bom, 'sdk', 'openai');
    assert.equal(openai.version, '1.45.0');
    assert.deepEqual(propertyValues(openai, 'version:seen'), ['1.45.0', '1.51.0']);
  });

  it('drops evidence that cannot stand alone and links only to components that exist', async () => {
    const bom = mergeInventory(
      await partials({
        'constraints.txt': 'anthropic==0.34.2\n',
        'storage.py': 'import boto3\ns3 = boto3.client("s3")\n',
        'Directory.Packages.props': '<Project><ItemGroup><PackageVersion Include="OpenAI" Version="2.1.0" /></ItemGroup></Project>',
      }),
    );
    assert.deepEqual(summary(bom), []);
  });

  it('sorts components by kind, then name, and occurrences by path and line', async () => {
    const bom = mergeInventory(await partials(files));
    assert.deepEqual(
      bom.components.map((component) => component.ref),
      ['sdk:pypi/langchain-openai', 'sdk:npm/openai', 'sdk:pypi/openai', 'model:openai/gpt-4o', 'service:openai'],
    );
    const pypi = bom.components.find((component) => component.ref === 'sdk:pypi/openai');
    const occurrences = pypi?.occurrences.map((entry) => `${entry.path}:${entry.line}`);
    assert.deepEqual(occurrences, [
      'api/app.py:1',
      'api/app.py:2',
      'api/app.py:3',
      'api/poetry.lock:2',
      'api/requirements.txt:1',
      'worker/requirements.txt:1',
    ]);
  });

  it('takes the version from the manifest that governs the code, and lists each with its manifest', async () => {
    const bom = mergeInventory(
      await partials({
        'examples/a_demo/requirements.txt': 'transformers==4.30.0\n',
        'pyproject.toml': '[project]\nname = "lib"\ndependencies = ["transformers==4.46.0"]\n',
        'src/lib/model.py': 'from transformers import AutoModel\n',
        'src/lib/tokenize.py': 'import transformers\n',
        'examples/a_demo/run.py': 'import transformers\n',
      }),
    );
    const sdk = find(bom, 'sdk', 'transformers');
    assert.equal(sdk.version, '4.46.0');
    assert.deepEqual(propertyValues(sdk, 'version:manifest'), ['4.30.0 (examples/a_demo/requirements.txt)', '4.46.0 (pyproject.toml)']);
  });
});
