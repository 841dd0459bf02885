import * as assert from 'node:assert/strict';
import { pnpmKey } from '../../../server/src/engine/inventory/npmManifests';
import { find, inventoryOf, propertyValues, summary } from './helpers';

describe('inventory: npm manifests and lockfiles', () => {
  it('reads AI dependencies of package.json with ranges, pins, aliases and scopes; ignores the rest', async () => {
    const bom = await inventoryOf({
      'package.json': JSON.stringify(
        {
          dependencies: { openai: '^4.67.0', '@anthropic-ai/sdk': '0.32.1', lodash: '^4.17.21', express: '4.21.1' },
          devDependencies: { '@langchain/openai': '~0.3.0', vitest: '^2.1.0' },
          optionalDependencies: { 'ollama-legacy': 'npm:ollama@0.5.9' },
        },
        null,
        2,
      ),
    });
    assert.deepEqual(summary(bom), ['sdk @anthropic-ai/sdk@0.32.1', 'sdk @langchain/openai', 'sdk ollama@0.5.9', 'sdk openai']);
    const openai = find(bom, 'sdk', 'openai');
    assert.equal(openai.purl, 'pkg:npm/openai');
    assert.deepEqual(propertyValues(openai, 'version:range'), ['^4.67.0']);
    assert.deepEqual(openai.occurrences, [{ path: 'package.json', line: 3, evidence: 'manifest', symbol: 'openai' }]);
    assert.deepEqual(propertyValues(find(bom, 'sdk', '@langchain/openai'), 'dependency-scope'), ['development']);
    assert.equal(find(bom, 'sdk', '@anthropic-ai/sdk').purl, 'pkg:npm/%40anthropic-ai/sdk@0.32.1');
  });

  it('takes versions from package-lock.json (lockfile wins) and marks transitive AI packages', async () => {
    const lock = {
      name: 'app',
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', dependencies: { openai: '^4.60.0', '@langchain/core': '^0.3.0' } },
        'node_modules/openai': { version: '4.67.3' },
        'node_modules/@langchain/core': { version: '0.3.13' },
        'node_modules/@langchain/core/node_modules/langsmith': { version: '0.1.68' },
        'node_modules/zod': { version: '3.23.8' },
      },
    };
    const bom = await inventoryOf({
      'package.json': '{ "dependencies": { "openai": "^4.60.0", "@langchain/core": "^0.3.0" } }',
      'package-lock.json': JSON.stringify(lock, null, 2),
    });
    assert.deepEqual(summary(bom), ['sdk @langchain/core@0.3.13', 'sdk langsmith@0.1.68', 'sdk openai@4.67.3']);
    assert.equal(find(bom, 'sdk', 'openai').purl, 'pkg:npm/openai@4.67.3');
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'openai'), 'dependency'), ['direct']);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'langsmith'), 'dependency'), ['transitive']);
    const lockOccurrence = find(bom, 'sdk', 'openai').occurrences.find((entry) => entry.evidence === 'lockfile');
    assert.equal(lockOccurrence?.line, 12);
  });

  it('reads lockfile v1 dependency trees', async () => {
    const bom = await inventoryOf({
      'package-lock.json': JSON.stringify({
        lockfileVersion: 1,
        dependencies: { openai: { version: '3.3.0' }, axios: { version: '0.26.1' } },
      }),
    });
    assert.deepEqual(summary(bom), ['sdk openai@3.3.0']);
  });

  it('parses pnpm package keys of lockfile v5, v6 and v9', () => {
    assert.deepEqual(pnpmKey('/openai/4.20.0'), { name: 'openai', version: '4.20.0' });
    assert.deepEqual(pnpmKey('/@ai-sdk/openai/1.0.0_zod@3.23.8'), { name: '@ai-sdk/openai', version: '1.0.0' });
    assert.deepEqual(pnpmKey('/@anthropic-ai/sdk@0.32.1'), { name: '@anthropic-ai/sdk', version: '0.32.1' });
    assert.deepEqual(pnpmKey('ai@4.0.22(react@19.0.0)(zod@3.23.8)'), { name: 'ai', version: '4.0.22' });
  });

  it('reads pnpm-lock.yaml with importers', async () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      ai:',
      '        specifier: ^4.0.0',
      '        version: 4.0.22(react@19.0.0)',
      'packages:',
      '  ai@4.0.22:',
      '    resolution: {integrity: sha512-x}',
      "  '@ai-sdk/provider@1.0.3':",
      '    resolution: {integrity: sha512-y}',
      '  react@19.0.0:',
      '    resolution: {integrity: sha512-z}',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'pnpm-lock.yaml': text });
    assert.deepEqual(summary(bom), ['sdk @ai-sdk/provider@1.0.3', 'sdk ai@4.0.22']);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'ai'), 'dependency'), ['direct']);
    assert.equal(find(bom, 'sdk', 'ai').occurrences[0].line, 9);
  });

  it('reads yarn.lock classic and Berry', async () => {
    const classic = [
      '# yarn lockfile v1',
      '',
      '"@anthropic-ai/sdk@^0.32.0", "@anthropic-ai/sdk@^0.32.1":',
      '  version "0.32.1"',
      '  resolved "https://registry.yarnpkg.com/@anthropic-ai/sdk/-/sdk-0.32.1.tgz"',
      '',
      'left-pad@^1.3.0:',
      '  version "1.3.0"',
      '',
    ].join('\n');
    const berry = [
      '__metadata:',
      '  version: 8',
      '',
      '"openai@npm:^4.0.0, openai@npm:^4.1.0":',
      '  version: 4.67.3',
      '  resolution: "openai@npm:4.67.3"',
      '',
    ].join('\n');
    assert.deepEqual(summary(await inventoryOf({ 'yarn.lock': classic })), ['sdk @anthropic-ai/sdk@0.32.1']);
    const bom = await inventoryOf({ 'web/yarn.lock': berry });
    assert.deepEqual(summary(bom), ['sdk openai@4.67.3']);
    assert.equal(bom.components[0].occurrences[0].line, 4);
  });
});
