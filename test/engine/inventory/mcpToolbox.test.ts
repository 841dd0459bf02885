import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const plugins = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('plugin '));

describe('inventory: MCP Toolbox for Databases', () => {
  it('a tools.yaml with database sources and the tools agents call on them is the toolbox server', async () => {
    const bom = await inventoryOf({
      'deployment/mcp-toolbox/tools.yaml': [
        'sources:',
        '  postgresql:',
        '    kind: cloud-sql-postgres',
        '    project: my-project',
        'tools:',
        '  search-tickets:',
        '    kind: postgres-sql',
        '    source: postgresql',
        '    description: Search for similar tickets.',
        '    statement: SELECT * FROM tickets WHERE title ILIKE $1;',
        '',
      ].join('\n'),
    });
    assert.deepEqual(plugins(bom), ['plugin genai-toolbox']);
    const toolbox = find(bom, 'plugin', 'genai-toolbox');
    assert.deepEqual(propertyValues(toolbox, 'mcp:toolbox-source'), ['cloud-sql-postgres']);
    assert.deepEqual(toolbox.occurrences, [{ path: 'deployment/mcp-toolbox/tools.yaml', line: 5, evidence: 'config', symbol: 'tools' }]);
  });

  it('near miss: a tools.yaml of another program, tools without a declared source, a YAML named otherwise', async () => {
    const bom = await inventoryOf({
      'ci/tools.yaml': 'tools:\n  node: 20\n  python: "3.12"\n',
      'config/dev-tools.yml': 'sources:\n  main:\n    kind: git\ntools:\n  lint:\n    kind: eslint\n',
      'db.yaml': 'sources:\n  pg:\n    kind: postgres\ntools:\n  q:\n    kind: postgres-sql\n    source: pg\n',
    });
    assert.deepEqual(plugins(bom), []);
  });
});
