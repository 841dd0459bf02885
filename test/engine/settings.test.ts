import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION, type SeveritySetting } from '../../server/src/shared/settings';

/**
 * `package.json` declares every `aiPosture.*` setting the server reads, with the same default, so
 * the Settings UI, the server's fallbacks and the docs cannot drift apart.
 */
const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const declared: Record<string, { default?: unknown; scope?: string; [key: string]: unknown }> =
  manifest.contributes.configuration.properties;

/** Settings read by the client library rather than the server. */
const CLIENT_ONLY = ['trace.server'];
/** Settings whose value is a map chosen by the user: one setting, not a group of settings. */
const MAP_SETTINGS = new Set(['rules']);
const SEVERITIES = ['off', 'error', 'warning', 'information', 'hint'] as const satisfies readonly SeveritySetting[];

/** `{ modelFiles: { scan: true } }` → `{ 'modelFiles.scan': true }`, as VS Code names settings. */
function flatten(value: object, prefix = ''): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = prefix + key;
    const isGroup = item !== null && typeof item === 'object' && !Array.isArray(item) && !MAP_SETTINGS.has(name);
    Object.assign(result, isGroup ? flatten(item, `${name}.`) : { [name]: item });
  }
  return result;
}

/** The inverse of `flatten`: what `workspace.getConfiguration('aiPosture')` hands the server. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const parts = name.split('.');
    let target = result;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts.at(-1)!] = value;
  }
  return result;
}

const prefix = `${SETTINGS_SECTION}.`;
const serverSettings = Object.keys(declared)
  .filter((name) => !CLIENT_ONLY.some((key) => name === prefix + key))
  .map((name) => name.slice(prefix.length));

describe('settings', () => {
  it('declares every key of Settings with the default of DEFAULT_SETTINGS', () => {
    for (const [key, value] of Object.entries(flatten(DEFAULT_SETTINGS))) {
      const property = declared[prefix + key];
      assert.ok(property, `package.json does not declare ${prefix + key}`);
      assert.deepEqual(property.default, value, `default of ${prefix + key}`);
    }
  });

  it('declares nothing the server does not read', () => {
    assert.deepEqual(serverSettings.sort(), Object.keys(flatten(DEFAULT_SETTINGS)).sort());
    assert.ok(Object.keys(declared).every((name) => name.startsWith(prefix)));
  });

  it('normalises the declared defaults to DEFAULT_SETTINGS', () => {
    const defaults = Object.fromEntries(serverSettings.map((key) => [key, declared[prefix + key].default]));
    assert.deepEqual(normalizeSettings(nest(defaults)), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  });

  it('scopes server settings per resource and the trace per window', () => {
    for (const key of serverSettings) assert.equal(declared[prefix + key].scope, 'resource', `scope of ${prefix + key}`);
    assert.equal(declared[`${prefix}trace.server`].scope, 'window');
    assert.deepEqual(declared[`${prefix}trace.server`].enum, ['off', 'messages', 'verbose']);
  });

  it('offers the same rule severities as .ai-posture.json, each described', () => {
    const rules = declared[`${prefix}rules`] as { additionalProperties: { enum: string[]; enumDescriptions: string[] } };
    assert.deepEqual(rules.additionalProperties.enum, SEVERITIES);
    assert.equal(rules.additionalProperties.enumDescriptions.length, SEVERITIES.length);
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'ai-posture.schema.json'), 'utf8'));
    assert.deepEqual(schema.properties.rules.additionalProperties.enum, SEVERITIES);
  });

  it('describes every setting in Markdown', () => {
    for (const [name, property] of Object.entries(declared)) {
      assert.equal(typeof property.markdownDescription, 'string', `${name} has no markdownDescription`);
    }
  });

  it('reads configuration only through declared sections', () => {
    const sources = ['client/src', 'server/src'].flatMap((dir) => listSources(path.join(ROOT, dir)));
    const sections = sources.flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/getConfiguration\(\s*['"`]([^'"`]+)['"`]/g)].map((match) => match[1]),
    );
    for (const section of sections) {
      const known =
        section === SETTINGS_SECTION || Object.keys(declared).some((name) => name === section || name.startsWith(`${section}.`));
      assert.ok(known, `getConfiguration('${section}') reads an undeclared section`);
    }
  });
});

function listSources(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((entry) => (entry.isFile() && entry.name.endsWith('.ts') ? [path.join(entry.parentPath, entry.name)] : []));
}
