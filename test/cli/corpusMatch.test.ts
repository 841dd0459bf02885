import { strict as assert } from 'node:assert';
import { type CycloneDxDocument, matches, type ReaderList, scoreRepository, toolEntries } from '../corpus/bomMatch';

const kind = (value: string) => ({ name: 'ai-posture:kind', value });

/** An AI-BOM shaped like the CLI's CycloneDX output, one entry of each way of naming. */
const document: CycloneDxDocument = {
  components: [
    {
      'bom-ref': 'sdk:pypi/langchain-openai',
      name: 'langchain-openai',
      purl: 'pkg:pypi/langchain-openai@0.3.1',
      properties: [kind('sdk')],
      evidence: { occurrences: [{ location: 'app/requirements.txt', line: 3 }] },
    },
    {
      'bom-ref': 'model:azure-openai/gpt-4o',
      name: 'gpt-4o',
      properties: [kind('model')],
      evidence: { occurrences: [{ location: 'app/main.py', line: 9 }] },
    },
    {
      'bom-ref': 'plugin:mcp/npm/@modelcontextprotocol/server-filesystem',
      name: 'filesystem',
      purl: 'pkg:npm/%40modelcontextprotocol/server-filesystem@1.0.0',
      properties: [kind('plugin')],
      evidence: { occurrences: [{ location: '.vscode/mcp.json', line: 4 }] },
    },
    {
      'bom-ref': 'model:huggingface/outputs/merged',
      name: 'outputs/merged',
      properties: [kind('model')],
      evidence: { occurrences: [{ location: 'train/merge.py', line: 20 }] },
    },
    {
      'bom-ref': 'model:openai/gpt-4o-mini',
      name: 'gpt-4o-mini',
      properties: [kind('model')],
      evidence: { occurrences: [{ location: 'vendor/lib.py', line: 2 }] },
    },
  ],
  services: [
    {
      'bom-ref': 'service:azure-openai',
      name: 'Azure OpenAI',
      endpoints: ['https://contoso.openai.azure.com'],
      properties: [
        kind('service'),
        { name: 'ai-posture:provider', value: 'azure-openai' },
        { name: 'ai-posture:occurrence', value: 'app/main.py:7' },
      ],
    },
  ],
};

describe('AI-BOM corpus matching', () => {
  it('matches by name, PEP 503 name, package of the purl, provider and host', () => {
    const entries = toolEntries(document);
    const [sdk, , plugin] = entries;
    const service = entries.find((entry) => entry.kind === 'service');
    assert.ok(service);
    assert.ok(matches({ kind: 'sdk', name: 'Langchain_OpenAI', ecosystem: 'pypi' }, sdk));
    assert.ok(!matches({ kind: 'sdk', name: 'langchain-openai', ecosystem: 'npm' }, sdk));
    assert.ok(matches({ kind: 'plugin', name: '@modelcontextprotocol/server-filesystem' }, plugin));
    assert.ok(matches({ kind: 'service', name: 'azure-openai' }, service));
    assert.ok(matches({ kind: 'service', name: 'contoso.openai.azure.com' }, service));
    assert.ok(!matches({ kind: 'model', name: 'langchain-openai' }, sdk), 'kinds never match across');
  });

  it('finds a prompt file the reader lists whole by the prompts the AI-BOM lists inside it', () => {
    const prompt = (name: string) => ({ kind: 'prompt' as const, ref: `prompt:${name}`, name, keys: [name], paths: [name.split('#')[0]] });
    const inside = prompt('eval/promptfooconfig.yaml#prompts[0]');
    assert.ok(matches({ kind: 'prompt', name: 'eval/promptfooconfig.yaml' }, inside));
    assert.ok(!matches({ kind: 'prompt', name: 'eval/promptfooconfig' }, inside), 'a prefix of the file name is not the file');
    assert.ok(
      !matches({ kind: 'prompt', name: 'eval/promptfooconfig.yaml#prompts[1]' }, inside),
      'another prompt of the file is not this one',
    );
    assert.ok(!matches({ kind: 'prompt', name: 'eval/promptfooconfig.yaml' }, prompt('eval/promptfooconfig.yaml.bak')));
  });

  it('scores recall per kind, misses, entries judged not AI and unjudged entries inside the scope', () => {
    const list: ReaderList = {
      repository: 'contoso/app',
      commit: '0'.repeat(40),
      shape: 'agent app',
      scope: ['app', 'train', '.vscode'],
      components: [
        { kind: 'sdk', name: 'langchain-openai', foundBy: 'tool' },
        { kind: 'model', name: 'gpt-4o' },
        { kind: 'model', name: 'text-embedding-3-small', where: 'app/settings.py:4 (env default)' },
        { kind: 'service', name: 'azure-openai' },
      ],
      notAi: [{ kind: 'model', name: 'outputs/merged', why: 'local folder' }],
    };
    const score = scoreRepository(list, document);
    assert.deepEqual(score.perKind.model, { expected: 2, found: 1, readerExpected: 2, readerFound: 1 });
    assert.deepEqual(score.perKind.sdk, { expected: 1, found: 1, readerExpected: 0, readerFound: 0 });
    assert.deepEqual(
      score.misses.map((miss) => miss.name),
      ['text-embedding-3-small'],
    );
    assert.deepEqual(
      score.notAi.map((entry) => entry.name),
      ['outputs/merged'],
    );
    // The plugin is unjudged; gpt-4o-mini is only found outside the scope (vendor/), so it is ignored.
    assert.deepEqual(
      score.unjudged.map((entry) => entry.name),
      ['filesystem'],
    );
  });

  it('a scope of "." is the whole repository', () => {
    const list: ReaderList = {
      repository: 'contoso/app',
      commit: '0'.repeat(40),
      shape: 'agent app',
      scope: ['.'],
      components: [{ kind: 'model', name: 'gpt-4o-mini' }],
    };
    assert.equal(scoreRepository(list, document).perKind.model.found, 1);
  });
});
