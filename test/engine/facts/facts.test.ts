import * as assert from 'node:assert/strict';
import { CodeFacts, withFacts } from '../../../server/src/engine/facts';
import { flagSettings } from '../../../server/src/engine/facts/flags';
import { MAX_HOPS } from '../../../server/src/engine/facts/flow';
import {
  hubLoaderFor,
  isHubPackage,
  isPackagedBuilder,
  pinnableLoaderMethods,
  pinnableLoaderNamed,
} from '../../../server/src/engine/facts/loaders';
import { withTree } from '../../../server/src/engine/parse/treeSitter';
import type { FileKind } from '../../../server/src/engine/types';

/** Runs `read` on the facts of a text (inside the parse lease, as rules and collectors do). */
async function factsOf<T>(kind: FileKind, text: string, read: (facts: CodeFacts) => T): Promise<T> {
  const result = await withFacts(kind, text, read);
  assert.ok(result !== undefined, `no facts for ${kind}`);
  return result;
}

/** The resolved value of each argument of the last call to `callee` (by method name). */
async function argValues(kind: FileKind, text: string, method: string): Promise<(string | undefined)[]> {
  return factsOf(kind, text, (facts) => {
    const call = facts.calls.filter((candidate) => candidate.method === method).pop();
    assert.ok(call, `no call of ${method}`);
    return call.args.map((arg) => arg.value);
  });
}

describe('code facts', () => {
  describe('value resolution (Python)', () => {
    it('follows literals, constants, env defaults and parameter defaults', async () => {
      const text = [
        'import os',
        'from transformers import AutoModel',
        'NAME = "org/model"',
        'MODEL = os.getenv("MODEL", "gpt-4o")',
        'OTHER = os.environ.get("OTHER", default="org/other")',
        'FALLBACK = os.getenv("FALLBACK") or "org/fallback"',
        'def load(repo="org/default"):',
        '    alias = NAME',
        '    return AutoModel.from_pretrained(alias, MODEL, OTHER, FALLBACK, repo)',
        '',
      ].join('\n');
      assert.deepEqual(await argValues('python', text, 'from_pretrained'), [
        'org/model',
        'gpt-4o',
        'org/other',
        'org/fallback',
        'org/default',
      ]);
    });

    it('takes the reaching binding of a rebound name only in the top-to-bottom mode (notebooks)', async () => {
      const text = 'repo = "org/first"\nf(repo)\nrepo = "org/second"\nf(repo)\n';
      assert.deepEqual(await argValues('python', text, 'f'), [undefined]);
      const reaching = await withTree('python', text, (tree) =>
        new CodeFacts(tree, 'python', text, 'reaching').calls.map((call) => call.args[0]?.value),
      );
      assert.deepEqual(reaching, ['org/first', 'org/second']);
    });

    it('stops at the hop limit and on cycles', async () => {
      const chain = (length: number) =>
        ['v0 = "org/model"', ...Array.from({ length }, (_, i) => `v${i + 1} = v${i}`), `f(v${length})`, ''].join('\n');
      assert.deepEqual(await argValues('python', chain(MAX_HOPS - 1), 'f'), ['org/model']);
      assert.deepEqual(await argValues('python', chain(MAX_HOPS + 1), 'f'), [undefined]);
      assert.deepEqual(await argValues('python', 'a = b\nb = a\nf(a)\n', 'f'), [undefined]);
    });

    it('does not trust a name bound to different values, a parameter without default or a loop target', async () => {
      const text = [
        'CHECKPOINT = "org/first"',
        'if flag:',
        '    CHECKPOINT = "org/second"',
        'def g(name):',
        '    for repo in repos:',
        '        f(CHECKPOINT, name, repo)',
        '',
      ].join('\n');
      assert.deepEqual(await argValues('python', text, 'f'), [undefined, undefined, undefined]);
    });
  });

  describe('value resolution (JavaScript/TypeScript)', () => {
    it('follows process.env fallbacks, scoped constants and parameter defaults', async () => {
      const text = [
        "const MODEL = process.env.MODEL ?? 'gpt-4o';",
        "const BACKUP = process.env.BACKUP || 'gpt-4o-mini';",
        "const NAME = 'outer';",
        "function run(client, temperature = 'warm') {",
        "  const NAME = 'inner';",
        '  return client.create({ model: MODEL, backup: BACKUP, name: NAME, temperature });',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(await argValues('typescript', text, 'create'), ['gpt-4o', 'gpt-4o-mini', 'inner', 'warm']);
    });
  });

  describe('calls', () => {
    it('resolves callees through Python import aliases', async () => {
      const text =
        'from transformers import AutoModel as AM\nfrom datasets import load_dataset as get\nAM.from_pretrained("x")\nget("y")\n';
      const calls = await factsOf('python', text, (facts) => facts.calls.map((call) => [call.callee, call.method, call.origin]));
      assert.deepEqual(calls, [
        ['AM.from_pretrained', 'from_pretrained', 'transformers.AutoModel.from_pretrained'],
        ['get', 'load_dataset', 'datasets.load_dataset'],
      ]);
    });

    it('resolves AI clients and keeps their nodes for diagnostics', async () => {
      const text =
        "import OpenAI from 'openai';\nconst client = new OpenAI({ baseURL: 'https://api.openai.com/v1' });\nawait client.chat.completions.create({ model: 'gpt-4o' });\n";
      const found = await factsOf('typescript', text, (facts) => {
        const create = facts.calls.find((call) => call.method === 'create');
        assert.ok(create);
        const use = facts.clientOf(create);
        return { service: use?.serviceId, client: use?.call.node.text.slice(0, 10), model: create.args[0].node.text };
      });
      assert.deepEqual(found, { service: 'openai', client: 'new OpenAI', model: "'gpt-4o'" });
    });

    it('resolves hub loads with their id argument and what they load', async () => {
      const text = [
        'from huggingface_hub import hf_hub_download',
        'from peft import PeftModel',
        'from datasets import load_dataset',
        'hf_hub_download("org/data", "x.csv", repo_type="dataset")',
        'PeftModel.from_pretrained(base, "org/adapter")',
        'load_dataset("csv", data_files="x.csv")',
        '',
      ].join('\n');
      const loads = await factsOf('python', text, (facts) =>
        facts.hubLoads.map((load) => [load.loads, load.idArg?.value, load.packageKey]),
      );
      assert.deepEqual(loads, [
        ['dataset', 'org/data', 'pypi:huggingface-hub'],
        ['model', 'org/adapter', 'pypi:peft'],
        ['dataset', 'csv', 'pypi:datasets'],
      ]);
    });

    it('shares one facts build per parse', async () => {
      const text = 'import torch\ntorch.load("x")\n';
      const first = await factsOf('python', text, (facts) => facts);
      const second = await factsOf('python', text, (facts) => facts);
      assert.equal(first, second);
    });
  });

  describe('hub loader catalogue', () => {
    it('finds loaders by package, method and owner', () => {
      assert.equal(hubLoaderFor('pypi:transformers', 'from_pretrained', 'AutoModel')?.position, 0);
      assert.equal(hubLoaderFor('pypi:peft', 'from_pretrained', 'PeftModel')?.position, 1);
      assert.equal(hubLoaderFor('pypi:llama-cpp-python', 'from_pretrained', 'Llama')?.revision, undefined);
      assert.equal(hubLoaderFor('pypi:datasets', 'load_dataset')?.loads, 'dataset');
      assert.equal(hubLoaderFor('pypi:transformers', 'load_dataset'), undefined);
      assert.equal(hubLoaderFor('pypi:tensorflow-datasets', 'load')?.hub, 'tfds');
      assert.equal(hubLoaderFor('npm:@huggingface/transformers', 'pipeline')?.taskPosition, 0);
    });

    it('names loaders without imports only when they take a revision', () => {
      assert.equal(pinnableLoaderNamed('load_dataset')?.keywords[0], 'path');
      assert.equal(pinnableLoaderNamed('load'), undefined);
      assert.equal(pinnableLoaderNamed('LLM'), undefined);
      assert.ok(pinnableLoaderMethods().includes('snapshot_download'));
    });

    it('knows hub packages and packaged builders', () => {
      assert.ok(isHubPackage('pypi:sentence-transformers'));
      assert.ok(!isHubPackage('pypi:openai'));
      for (const builder of ['csv', 'JSON', 'imagefolder', 'generator']) assert.ok(isPackagedBuilder(builder), builder);
      assert.ok(!isPackagedBuilder('squad'));
    });
  });

  describe('flag helper', () => {
    it('finds keyword, dict pair, **{...} and subscript forms of a literal flag', async () => {
      const text = [
        'load(x, trust_remote_code=True)',
        'opts = {"trust_remote_code": True}',
        'load(x, **{"trust_remote_code": True})',
        'kwargs["trust_remote_code"] = True',
        'load(x, trust_remote_code=False)',
        'load(x, trust_remote_code=flag)',
        'kwargs["trust_remote_code"] = flag',
        '',
      ].join('\n');
      const forms = await factsOf('python', text, (facts) =>
        flagSettings(facts.python, facts.flow, 'trust_remote_code', true).map(
          (setting) => `${setting.node.startPosition.row + 1}:${setting.form}`,
        ),
      );
      assert.deepEqual(forms, ['1:keyword', '2:pair', '3:pair', '4:subscript']);
      const off = await factsOf('python', text, (facts) => flagSettings(facts.python, facts.flow, 'trust_remote_code', false).length);
      assert.equal(off, 1);
    });
  });

  describe('flow', () => {
    it('walks forward from an options object to the constructor it reaches', async () => {
      const text = 'const base = { dangerouslyAllowBrowser: true };\nconst opts = { ...base };\nconst client = new OpenAI(opts);\n';
      const reached = await factsOf('typescript', text, (facts) => {
        const object = facts.javascript.root.descendantsOfType('object')[0];
        assert.ok(object);
        return facts.flow.reaches(object, (position) =>
          position.parent?.type === 'arguments' ? position.parent.parent?.childForFieldName('constructor')?.text : undefined,
        );
      });
      assert.equal(reached, 'OpenAI');
    });

    it('walks back to the latest binding that reaches a use', async () => {
      const text = 'path = "local.pkl"\npath = download(url)\nload(path)\n';
      const origin = await factsOf('python', text, (facts) => {
        const load = facts.calls.find((call) => call.method === 'load');
        assert.ok(load);
        return facts.flow.origin(load.args[0].node, (node) => (node.type === 'call' ? node.text : undefined));
      });
      assert.equal(origin, 'download(url)');
    });
  });
});
