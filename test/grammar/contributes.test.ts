import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contributes, ROOT } from './tokenize';

function readJson(relative: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, relative), 'utf8'));
}

/** Every `name` and `contentName` of a grammar, with the scopes a space-separated name holds. */
function scopeNames(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) scopeNames(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'name' || key === 'contentName') && typeof value === 'string') for (const scope of value.split(' ')) found.add(scope);
      else scopeNames(value, found);
    }
  }
  return found;
}

describe('grammar contributions (syntaxes/contributes.json)', () => {
  it('declares the prompty language with its configuration', () => {
    const prompty = contributes.languages.find((language) => language.id === 'prompty');
    assert.ok(prompty);
    assert.deepEqual(prompty.extensions, ['.prompty']);
    assert.ok(prompty.configuration && fs.existsSync(path.join(ROOT, prompty.configuration)));
  });

  it('points at grammar files whose scope names match', () => {
    for (const grammar of contributes.grammars) {
      assert.ok(grammar.path.startsWith('./syntaxes/'), `${grammar.path} is shipped (.vscodeignore keeps syntaxes/)`);
      const raw = readJson(grammar.path);
      assert.equal(raw.scopeName, grammar.scopeName, grammar.path);
      assert.equal(
        typeof raw.injectionSelector === 'string',
        grammar.injectTo !== undefined,
        `${grammar.path}: an injection grammar needs injectTo`,
      );
    }
  });

  it('maps the scope of the front matter to YAML', () => {
    const grammar = contributes.grammars.find((candidate) => candidate.language === 'prompty');
    assert.ok(grammar?.embeddedLanguages);
    const scopes = scopeNames(readJson(grammar.path));
    for (const [scope, language] of Object.entries(grammar.embeddedLanguages)) {
      assert.ok(scopes.has(scope), `the grammar has no scope ${scope}`);
      assert.equal(language, 'yaml');
    }
  });

  it('injects the directive grammar into every language with comments', () => {
    const injection = contributes.grammars.find((grammar) => grammar.scopeName === 'ai-posture.ignore.injection');
    assert.ok(injection?.injectTo);
    for (const scope of [
      'source.python',
      'source.js',
      'source.ts',
      'source.tsx',
      'source.js.jsx',
      'source.cs',
      'source.java',
      'source.go',
      'source.yaml',
      'source.shell',
      'text.html.markdown',
      'text.html.basic',
      'source.dockerfile',
      'source.toml',
      'source.prompty',
    ]) {
      assert.ok(injection.injectTo.includes(scope), scope);
    }
  });

  it('has a language configuration VS Code can read', () => {
    const configuration = readJson('syntaxes/prompty.language-configuration.json') as {
      comments: { blockComment: [string, string] };
      brackets: [string, string][];
      autoClosingPairs: { open: string; close: string }[];
      folding: { markers: { start: string; end: string } };
    };
    assert.deepEqual(configuration.comments.blockComment, ['{#', '#}']);
    assert.ok(configuration.brackets.some(([open, close]) => open === '{{' && close === '}}'));
    assert.ok(configuration.brackets.some(([open, close]) => open === '{%' && close === '%}'));
    const start = new RegExp(configuration.folding.markers.start);
    const end = new RegExp(configuration.folding.markers.end);
    assert.ok(start.test('{% for a in items %}') && start.test('  {%- if x %}') && start.test('{{#items}}'));
    assert.ok(end.test('{% endfor %}') && end.test('{%- endif -%}') && end.test('{{/items}}'));
    assert.ok(!start.test('{% endfor %}') && !start.test('{% set x = 1 %}'));
  });
});
