import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual as isDeepEqual } from 'node:util';
import { COMMANDS } from '../../client/src/commandIds';
import { ANALYSED_LANGUAGES, documentSelector } from '../../client/src/documentSelector';

/** The extension manifest and the files it points to agree with the client code. */
const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Width and height from a PNG's IHDR chunk (which must come first). */
function pngSize(file: string): { width: number; height: number } {
  const png = fs.readFileSync(file);
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${file} is not a PNG`);
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('extension manifest', () => {
  it('declares exactly the commands the client registers, under the AI Posture category', () => {
    const declared = manifest.contributes.commands.map((command: { command: string }) => command.command).sort();
    assert.deepEqual(declared, Object.values(COMMANDS).sort());
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'AI Posture');
      assert.ok(command.title, `${command.command} has no title`);
    }
  });

  it('activates once startup has finished, and only then', () => {
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished']);
    assert.equal(manifest.main, './client/out/extension.js');
  });

  it('supports untrusted workspaces: it only reads files', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });

  it('has a 128x128 PNG icon, a gallery banner and a monochrome SVG', () => {
    assert.deepEqual(pngSize(path.join(ROOT, manifest.icon)), { width: 128, height: 128 });
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
    const svg = fs.readFileSync(path.join(ROOT, 'resources', 'ai-posture.svg'), 'utf8');
    assert.match(svg, /currentColor/);
    assert.doesNotMatch(svg, /#[0-9a-f]{3,6}\b/i, 'the activity-bar icon must take its colour from the theme');
  });

  it('validates .ai-posture.json with the shipped schema and edits it as JSON with comments', () => {
    const [validation] = manifest.contributes.jsonValidation;
    assert.deepEqual(validation, { fileMatch: '.ai-posture.json', url: './schemas/ai-posture.schema.json' });
    assert.ok(fs.existsSync(path.join(ROOT, validation.url)));
    const jsonc = manifest.contributes.languages.find((language: { id: string }) => language.id === 'jsonc');
    assert.deepEqual(jsonc.filenames, ['.ai-posture.json']);
  });

  it('contributes the languages and grammars of syntaxes/contributes.json (node scripts/sync-contributes.mjs)', () => {
    const fragment = JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', 'contributes.json'), 'utf8'));
    for (const language of fragment.languages)
      assert.ok(
        manifest.contributes.languages.some((entry: unknown) => isDeepEqual(entry, language)),
        language.id,
      );
    for (const grammar of fragment.grammars)
      assert.ok(
        manifest.contributes.grammars.some((entry: unknown) => isDeepEqual(entry, grammar)),
        grammar.scopeName,
      );
  });

  it('ships an MIT licence, a changelog and a readme', () => {
    const license = fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
    assert.match(license, /^MIT License/);
    assert.match(license, /Copyright \(c\) 2026 AI Posture contributors/);
    assert.equal(manifest.license, 'MIT');
    assert.ok(fs.existsSync(path.join(ROOT, 'CHANGELOG.md')));
    assert.ok(fs.existsSync(path.join(ROOT, 'README.md')));
  });

  it('keeps .vscodeignore an allowlist', () => {
    const patterns = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    assert.equal(patterns[0], '**');
    assert.ok(
      patterns.slice(1).every((pattern) => pattern.startsWith('!')),
      'after `**` every line re-includes a shipped file',
    );
  });
});

describe('client document selector', () => {
  const selector = documentSelector();

  it('sends saved and untitled documents of every analysed language', () => {
    for (const language of ANALYSED_LANGUAGES) {
      for (const scheme of ['file', 'untitled']) {
        assert.ok(
          selector.some(
            (filter) => typeof filter === 'object' && 'scheme' in filter && filter.scheme === scheme && filter.language === language,
          ),
          `${scheme} ${language}`,
        );
      }
    }
  });

  it('sends the Python cells of Jupyter notebooks', () => {
    assert.ok(selector.some((filter) => typeof filter === 'object' && 'notebook' in filter && filter.notebook === 'jupyter-notebook'));
  });

  it('matches saved files by path for what the engine reads by name', () => {
    const patterns = selector.flatMap((filter) =>
      typeof filter === 'object' && 'pattern' in filter && filter.pattern ? [filter.pattern] : [],
    );
    assert.ok(patterns.some((pattern) => typeof pattern === 'string' && pattern.includes('Dockerfile')));
    assert.ok(patterns.some((pattern) => typeof pattern === 'string' && pattern.includes('.env')));
  });
});
