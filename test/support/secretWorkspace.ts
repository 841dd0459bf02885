/**
 * A workspace holding a fake key of every provider the secret rules know, in a Python file, a
 * TypeScript file, a notebook cell output, a `.env` file and a YAML config (plus an MCP config for
 * the other services' tokens), for the tests that check every output of the product for the key
 * values. Keys are assembled at run time (`fakeKeys.ts`); nothing key-shaped is committed.
 */
import { secretProviders } from '../../server/src/engine/secrets/detect';
import { fakeKey } from './fakeKeys';

export interface PlantedKey {
  providerId: string;
  provider: string;
  envVar: string;
  value: string;
}

/** One key per AI provider; the variable holding it is the provider's own (its name is the context a prefix-less key needs). */
export function plantedKeys(): PlantedKey[] {
  return secretProviders()
    .filter((provider) => provider.ai)
    .map((provider) => ({ providerId: provider.id, provider: provider.provider, envVar: provider.envVar, value: fakeKey(provider.id) }));
}

/** Separates entries by more than the detector's context window, so each key is judged by its own variable name only. */
const SPACER = `${'#'} ${'-'.repeat(100)}\n`.repeat(5);
const SLASH_SPACER = SPACER.replace(/#/g, '//');

export const SECRET_FILES = ['app.py', 'web/app.ts', 'analysis.ipynb', '.env', 'config/settings.yaml'] as const;

export function secretWorkspaceFiles(keys: readonly PlantedKey[]): Record<string, string> {
  const python = keys.map((key) => `${SPACER}${key.envVar} = "${key.value}"\n`).join('');
  const typescript = keys.map((key) => `${SLASH_SPACER}export const ${key.envVar} = '${key.value}';\n`).join('');
  const dotenv = keys.map((key) => `${SPACER}${key.envVar}=${key.value}\n`).join('');
  const yaml = `settings:\n${keys.map((key) => `${SPACER.replace(/^/gm, '  ')}  ${key.envVar}: ${key.value}\n`).join('')}`;
  const outputLines = keys.flatMap((key) => [
    ...SPACER.split('\n')
      .filter(Boolean)
      .map((line) => `${line}\n`),
    `${key.envVar}=${key.value}\n`,
  ]);
  const notebook = {
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        metadata: {},
        outputs: [{ name: 'stdout', output_type: 'stream', text: outputLines }],
        source: ['import os\n', 'for name, value in sorted(os.environ.items()):\n', '    print(f"{name}={value}")\n'],
      },
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const mcp = {
    servers: {
      github: { command: 'github-mcp-server', env: { GITHUB_PERSONAL_ACCESS_TOKEN: fakeKey('github') } },
      slack: { command: 'slack-mcp', env: { SLACK_BOT_TOKEN: fakeKey('slack') } },
      docs: { type: 'http', url: 'https://mcp.example.com/mcp', headers: { Authorization: `Bearer ${fakeKey('openai', 9)}` } },
    },
  };
  return {
    'app.py': `import os\n\n${python}`,
    'web/app.ts': typescript,
    'analysis.ipynb': `${JSON.stringify(notebook, null, 1)}\n`,
    '.env': dotenv,
    'config/settings.yaml': yaml,
    '.vscode/mcp.json': `${JSON.stringify(mcp, null, 2)}\n`,
  };
}

/** Every credential value planted, and for each the parts a leak could show: the whole value and its body after the first four characters. */
export function leakNeedles(keys: readonly PlantedKey[]): string[] {
  const values = [...keys.map((key) => key.value), fakeKey('github'), fakeKey('slack'), fakeKey('openai', 9)];
  return values.flatMap((value) => [value, value.slice(4), value.slice(value.length - 16)]);
}
