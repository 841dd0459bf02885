import { sdkComponent, type VersionEvidence } from './build';
import { lookupPackage } from './catalog';
import { asTable, escapeRegExp, keyName, Lines, readToml, type Table } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Go `go.mod` (the versions Go builds with) and Rust `Cargo.toml` (ranges) with `Cargo.lock`
 * (versions that win).
 */

export type GoCargoManifestKind = 'go-mod' | 'cargo' | 'cargo-lock';

export function goCargoManifestKind(basename: string): GoCargoManifestKind | undefined {
  switch (basename.toLowerCase()) {
    case 'go.mod':
      return 'go-mod';
    case 'cargo.toml':
      return 'cargo';
    case 'cargo.lock':
      return 'cargo-lock';
    default:
      return undefined;
  }
}

export function collectGoCargoManifest(path: string, text: string, kind: GoCargoManifestKind): PartialComponent[] {
  switch (kind) {
    case 'go-mod':
      return goMod(path, text);
    case 'cargo':
      return cargoToml(path, text);
    case 'cargo-lock':
      return cargoLock(path, text);
  }
}

/**
 * `require path version [// indirect]`, single or in a `require ( … )` block. The go.mod grammar
 * is line-based, so a line reader is the parser. Since Go 1.17 go.mod lists every module the build
 * uses at the selected version, so versions are exact.
 */
function goMod(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  let inRequire = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/\/\/(?!\s*indirect\b).*$/, '').trim();
    if (/^require\s*\($/.test(line)) {
      inRequire = true;
      return;
    }
    if (inRequire && line === ')') {
      inRequire = false;
      return;
    }
    const spec = inRequire ? line : /^require\s+(.*)$/.exec(line)?.[1];
    const match = spec ? /^(\S+)\s+(v[^\s]+)(\s*\/\/\s*indirect)?/.exec(spec) : undefined;
    if (!match) return;
    const info = lookupPackage('golang', match[1].replace(/^"|"$/g, ''));
    if (!info) return;
    const evidence: VersionEvidence = { version: match[2], versionSource: 'manifest', ...(match[3] ? { transitive: true } : {}) };
    components.push(sdkComponent(info, { path, line: index + 1, evidence: 'manifest', symbol: info.name }, evidence));
  });
  return components;
}

/** `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, `[target.*.dependencies]`, `[workspace.dependencies]`. */
function cargoToml(path: string, text: string): PartialComponent[] {
  const doc = readToml(text);
  if (!doc) return [];
  const sections: [Table, string | undefined][] = [];
  const collectSections = (scope: Table) => {
    sections.push([asTable(scope.dependencies), undefined]);
    sections.push([asTable(scope['dev-dependencies']), 'development']);
    sections.push([asTable(scope['build-dependencies']), 'build']);
  };
  collectSections(doc);
  collectSections(asTable(doc.workspace));
  for (const target of Object.values(asTable(doc.target))) collectSections(asTable(target));
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const [deps, scope] of sections) {
    for (const [key, value] of Object.entries(deps)) {
      const entry = asTable(value);
      // `alias = { package = "real-name", … }` renames a dependency.
      const name = typeof entry.package === 'string' ? entry.package : key;
      const info = lookupPackage('cargo', name);
      if (!info) continue;
      const spec = typeof value === 'string' ? value : typeof entry.version === 'string' ? entry.version : undefined;
      // Cargo reads `0.23` as `^0.23`: always a range unless pinned with `=`.
      const pinned = spec ? /^=\s*(\d[\w.+-]*)$/.exec(spec.trim()) : undefined;
      const evidence: VersionEvidence = pinned ? { version: pinned[1], versionSource: 'manifest' } : spec ? { versionRange: spec } : {};
      const component = sdkComponent(info, { path, line: lines.find(keyName(key)), evidence: 'manifest', symbol: key }, evidence);
      if (scope) component.properties.push({ name: 'ai-posture:dependency-scope', value: scope });
      components.push(component);
    }
  }
  return components;
}

function cargoLock(path: string, text: string): PartialComponent[] {
  const doc = readToml(text);
  if (!doc) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const entry of Array.isArray(doc.package) ? (doc.package as Table[]) : []) {
    // Workspace members have no `source`; they are the project, not a dependency.
    if (typeof entry.name !== 'string' || typeof entry.version !== 'string' || entry.source === undefined) continue;
    const info = lookupPackage('cargo', entry.name);
    if (!info) continue;
    const line = lines.find(new RegExp(`^name\\s*=\\s*"${escapeRegExp(entry.name)}"`, 'm'));
    components.push(
      sdkComponent(info, { path, line, evidence: 'lockfile', symbol: entry.name }, { version: entry.version, versionSource: 'lockfile' }),
    );
  }
  return components;
}
