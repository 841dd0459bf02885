import type { ConfigNode } from '../parse/configDocument';
import { lookupPackage } from './catalog';
import { sdkComponent, type VersionEvidence } from './components';
import { lineOf, strictRoot } from './manifestText';
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
  const root = strictRoot(text, 'toml');
  if (!root) return [];
  const sections: [ConfigNode | undefined, string | undefined][] = [];
  const collectSections = (scope: ConfigNode | undefined) => {
    sections.push([scope?.get('dependencies'), undefined]);
    sections.push([scope?.get('dev-dependencies'), 'development']);
    sections.push([scope?.get('build-dependencies'), 'build']);
  };
  collectSections(root);
  collectSections(root.get('workspace'));
  for (const [, target] of root.get('target')?.entries() ?? []) collectSections(target);
  const components: PartialComponent[] = [];
  for (const [deps, scope] of sections) {
    for (const [key, entry] of deps?.entries() ?? []) {
      // `alias = { package = "real-name", … }` renames a dependency.
      const name = entry.get('package')?.string ?? key;
      const info = lookupPackage('cargo', name);
      if (!info) continue;
      const spec = entry.string ?? entry.get('version')?.string;
      // Cargo reads `0.23` as `^0.23`: always a range unless pinned with `=`.
      const pinned = spec ? /^=\s*(\d[\w.+-]*)$/.exec(spec.trim()) : undefined;
      const evidence: VersionEvidence = pinned ? { version: pinned[1], versionSource: 'manifest' } : spec ? { versionRange: spec } : {};
      const component = sdkComponent(info, { path, line: lineOf(entry), evidence: 'manifest', symbol: key }, evidence);
      if (scope) component.properties.push({ name: 'ai-posture:dependency-scope', value: scope });
      components.push(component);
    }
  }
  return components;
}

function cargoLock(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const entry of strictRoot(text, 'toml')?.get('package')?.items() ?? []) {
    const name = entry.get('name');
    const version = entry.get('version')?.string;
    // Workspace members have no `source`; they are the project, not a dependency.
    if (name?.string === undefined || version === undefined || entry.get('source') === undefined) continue;
    const info = lookupPackage('cargo', name.string);
    if (!info) continue;
    components.push(
      sdkComponent(info, { path, line: lineOf(name), evidence: 'lockfile', symbol: name.string }, { version, versionSource: 'lockfile' }),
    );
  }
  return components;
}
