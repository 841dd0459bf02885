/** What the AI-BOM tree shows (`client/src/bom/model.ts`), without VS Code. */
import * as assert from 'node:assert/strict';
import {
  componentDescription,
  componentFacts,
  findingBadge,
  findingSummary,
  folderGroups,
  kindGroups,
  matchesFilter,
  occurrenceLabel,
  viewState,
  worstSeverity,
} from '../../client/src/bom/model';
import type { BomComponent } from '../../server/src/shared/protocol';

const NONE = { error: 0, warning: 0, information: 0, hint: 0 };

function component(partial: Partial<BomComponent> & Pick<BomComponent, 'kind' | 'name'>): BomComponent {
  return {
    ref: `${partial.kind}:${partial.name}`,
    folderUri: 'file:///work/a',
    occurrences: [{ path: 'app.py', line: 3, evidence: 'import' }],
    properties: [],
    dependsOn: [],
    findingCounts: NONE,
    ...partial,
  };
}

const SDK = component({ kind: 'sdk', name: 'openai', version: '1.58.1', ecosystem: 'pypi', provider: 'openai', providerName: 'OpenAI' });
const MODEL = component({ kind: 'model', name: 'gpt-4o', provider: 'azure-openai', providerName: 'Azure OpenAI' });
const SERVICE = component({
  kind: 'service',
  name: 'Azure OpenAI',
  endpoints: ['https://contoso.openai.azure.com'],
  trustZone: 'external',
});
const MCP = component({ kind: 'plugin', name: 'filesystem', transport: 'stdio', folderUri: 'file:///work/b' });
const FILE = component({ kind: 'modelFile', name: 'models/r.gguf', format: 'gguf', size: 3 * 1024 * 1024 });

describe('AI-BOM tree model', () => {
  it('groups by kind in the view’s order and hides empty groups', () => {
    const groups = kindGroups([SDK, MODEL, SERVICE, MCP, FILE]);
    assert.deepEqual(
      groups.map((group) => [group.label, group.components.length]),
      [
        ['Services', 1],
        ['SDKs', 1],
        ['Models', 1],
        ['Plugins & MCP servers', 1],
        ['Model files', 1],
      ],
    );
  });

  it('groups by folder in workspace order, each folder by kind', () => {
    const folders = folderGroups(
      [SDK, MCP],
      [
        { uri: 'file:///work/b', name: 'b' },
        { uri: 'file:///work/a', name: 'a' },
        { uri: 'file:///work/c', name: 'c' },
      ],
    );
    assert.deepEqual(
      folders.map((folder) => [folder.name, folder.count, folder.groups.map((group) => group.label)]),
      [
        ['b', 1, ['Plugins & MCP servers']],
        ['a', 1, ['SDKs']],
      ],
    );
  });

  it('filters on the name and the provider, case-insensitively', () => {
    assert.equal(matchesFilter(SDK, 'OPENAI'), true);
    assert.equal(matchesFilter(MODEL, 'azure'), true);
    assert.equal(matchesFilter(MODEL, 'azure-openai'), true);
    assert.equal(matchesFilter(MODEL, 'anthropic'), false);
    assert.equal(matchesFilter(MODEL, '  '), true);
  });

  it('describes each kind by what tells it apart', () => {
    assert.equal(componentDescription(SDK), '1.58.1 · PyPI');
    assert.equal(componentDescription(MODEL), 'Azure OpenAI');
    assert.equal(componentDescription(SERVICE), 'contoso.openai.azure.com');
    assert.equal(componentDescription(MCP), 'stdio');
    assert.equal(componentDescription(FILE), 'gguf · 3.0 MB');
    assert.equal(occurrenceLabel({ path: 'app.py', line: 3, evidence: 'import' }), 'app.py:3');
    assert.equal(occurrenceLabel({ path: 'prompts/a.prompty', evidence: 'file' }), 'prompts/a.prompty');
  });

  it("shows a model file's scan verdict in the tree, and its evidence and hash in the tooltip", () => {
    const scanned = (verdict: string, evidence?: string) =>
      component({
        ...FILE,
        sha256: 'ab'.repeat(32),
        properties: [
          { name: 'ai-posture:modelFile:verdict', value: verdict },
          ...(evidence ? [{ name: 'ai-posture:modelFile:evidence', value: evidence }] : []),
        ],
      });
    assert.equal(componentDescription(scanned('malicious', 'os.system at offset 2')), 'gguf · 3.0 MB · malicious');
    assert.equal(componentDescription(scanned('no issue found')), 'gguf · 3.0 MB');
    const facts = componentFacts(scanned('malicious', 'os.system at offset 2'));
    assert.deepEqual(
      facts.filter(([name]) => name === 'Scan' || name === 'SHA-256'),
      [
        ['Scan', 'malicious: os.system at offset 2'],
        ['SHA-256', 'ab'.repeat(32)],
      ],
    );
  });

  it("shows an MCP server's version or that it is unpinned, its transport and its findings", () => {
    const server = (version: string | undefined, pinned: string) =>
      component({
        ...MCP,
        ...(version ? { version } : {}),
        findingCounts: { ...NONE, warning: 2 },
        properties: [
          { name: 'ai-posture:mcp:pinned', value: pinned },
          { name: 'ai-posture:mcp:transport', value: 'stdio' },
        ],
      });
    assert.equal(componentDescription(server(undefined, 'false')), 'unpinned · stdio');
    assert.equal(componentDescription(server('2025.7.1', 'true')), '2025.7.1 · stdio');
    const facts = componentFacts(server(undefined, 'false'));
    assert.deepEqual(
      facts.filter(([name]) => ['Transport', 'Pinned', 'Findings'].includes(name)),
      [
        ['Transport', 'stdio'],
        ['Pinned', 'no: every start installs the newest release'],
        ['Findings', '2 warnings'],
      ],
    );
  });

  it('summarises finding counts for tooltips and badges', () => {
    const counts = { error: 2, warning: 1, information: 1, hint: 0 };
    assert.equal(findingSummary(counts), '2 errors, 1 warning, 1 info');
    assert.equal(findingSummary(NONE), '');
    assert.equal(worstSeverity(counts), 'error');
    assert.equal(worstSeverity({ ...NONE, warning: 3 }), 'warning');
    assert.equal(findingBadge(counts), '4');
    assert.equal(findingBadge({ ...NONE, error: 12 }), '9+');
    assert.equal(findingBadge(NONE), undefined);
  });

  it('says when the view waits, has nothing, or was never scanned', () => {
    assert.equal(viewState(undefined), 'loading');
    assert.equal(viewState({ components: [], complete: false, scanned: false }), 'loading');
    assert.equal(viewState({ components: [SDK], complete: false, scanned: false }), 'components');
    assert.equal(viewState({ components: [], complete: true, scanned: true }), 'empty');
    assert.equal(viewState({ components: [], complete: true, scanned: false }), 'notScanned');
  });
});
