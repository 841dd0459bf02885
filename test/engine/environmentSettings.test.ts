import * as assert from 'node:assert/strict';
import { type EnvSetting, environmentSettings } from '../../server/src/engine/rules/environmentSettings';

/** Name, value and the text at the value's range, which must spell the value (quotes excluded). */
function read(kind: Parameters<typeof environmentSettings>[0], text: string): [string, string | undefined, string][] {
  return environmentSettings(kind, text, undefined).map((setting: EnvSetting) => [
    setting.name,
    setting.value,
    text.slice(setting.start, setting.end),
  ]);
}

describe('environmentSettings', () => {
  it('reads .env lines with quotes, export and trailing comments', () => {
    const text = 'A=1\nexport B="two words"\nC=plain # note\nD=\n';
    assert.deepEqual(read('dotenv', text), [
      ['A', '1', '1'],
      ['B', 'two words', 'two words'],
      ['C', 'plain', 'plain'],
      ['D', '', ''],
    ]);
  });

  it('reads Dockerfile ENV in both forms and assignments on command lines', () => {
    const text = 'FROM ollama/ollama\nENV OLLAMA_HOST=0.0.0.0 OLLAMA_ORIGINS="*"\nENV LEGACY some value\nRUN MODE=fast ./setup.sh\n';
    assert.deepEqual(read('dockerfile', text), [
      ['OLLAMA_HOST', '0.0.0.0', '0.0.0.0'],
      ['OLLAMA_ORIGINS', '*', '*'],
      ['LEGACY', 'some value', 'some value'],
      ['MODE', 'fast', 'fast'],
    ]);
  });

  it('reads compose lists and maps, and Kubernetes name/value items', () => {
    const text = [
      'services:',
      '  app:',
      '    environment:',
      '      - OPENAI_BASE_URL=http://gpu:8000/v1',
      '  web:',
      '    environment:',
      '      LOG: "debug"',
      '---',
      'spec:',
      '  containers:',
      '    - env:',
      '        - name: OLLAMA_HOST',
      '          value: "0.0.0.0:11434"',
      '        - name: API_KEY',
      '          valueFrom: { secretKeyRef: { name: s, key: k } }',
      '',
    ].join('\n');
    const settings = read('yaml', text);
    assert.deepEqual(settings.slice(0, 3), [
      ['OPENAI_BASE_URL', 'http://gpu:8000/v1', 'http://gpu:8000/v1'],
      ['LOG', 'debug', 'debug'],
      ['OLLAMA_HOST', '0.0.0.0:11434', '0.0.0.0:11434'],
    ]);
    assert.deepEqual(settings[3].slice(0, 2), ['API_KEY', undefined]);
  });

  it('reads shell assignments without a syntax tree', () => {
    assert.deepEqual(read('shell', 'OLLAMA_HOST=0.0.0.0 ollama serve\ndocker run -e MODE=x img\n'), [
      ['OLLAMA_HOST', '0.0.0.0', '0.0.0.0'],
      ['MODE', 'x', 'x'],
    ]);
  });
});
