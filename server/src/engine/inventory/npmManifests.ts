import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { builtNpmMcpServer } from './builtMcpServers';
import { lookupPackage } from './catalog';
import { ownPackageComponent, sdkComponent, type VersionEvidence } from './components';
import { lineOf, splitVersion, strictRoot } from './manifestText';
import type { PartialComponent } from './types';
import { dependencyMcpServers, workspacePackageParts } from './workspacePackages';

/**
 * npm manifests and lockfiles: `package.json` declares ranges; `package-lock.json`,
 * `npm-shrinkwrap.json`, `pnpm-lock.yaml` and `yarn.lock` (classic and Berry) give the versions
 * that win in the merge.
 */

const DEPENDENCY_SECTIONS: Record<string, string | undefined> = {
  dependencies: undefined,
  devDependencies: 'development',
  peerDependencies: 'peer',
  optionalDependencies: 'optional',
};

export function npmManifestKind(basename: string): 'package' | 'package-lock' | 'pnpm-lock' | 'yarn-lock' | undefined {
  switch (basename) {
    case 'package.json':
      return 'package';
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return 'package-lock';
    case 'pnpm-lock.yaml':
      return 'pnpm-lock';
    case 'yarn.lock':
      return 'yarn-lock';
    default:
      return undefined;
  }
}

export function collectNpmManifest(path: string, text: string, basename: string): PartialComponent[] {
  switch (npmManifestKind(basename)) {
    case 'package':
      return packageJson(path, text);
    case 'package-lock':
      return packageLock(path, text);
    case 'pnpm-lock':
      return pnpmLock(path, text);
    case 'yarn-lock':
      return text.includes('__metadata:') ? yarnBerryLock(path, text) : yarnClassicLock(path, text);
    default:
      return [];
  }
}

function packageJson(path: string, text: string): PartialComponent[] {
  const root = configDocumentFor(text, 'json').root;
  if (root?.kind !== 'object') return [];
  const components: PartialComponent[] = [];
  for (const [section, scope] of Object.entries(DEPENDENCY_SECTIONS)) {
    for (const [key, node] of root.get(section)?.entries() ?? []) {
      const spec = node.string;
      if (spec === undefined) continue;
      // `"alias": "npm:openai@^4"` installs openai under another name.
      const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@?(.*)$/.exec(spec);
      const name = alias ? alias[1] : key;
      const info = lookupPackage('npm', name);
      if (!info) continue;
      const component = sdkComponent(
        info,
        { path, line: lineOf(node), evidence: 'manifest', symbol: key },
        splitVersion(alias ? alias[2] : spec),
      );
      if (scope) component.properties.push({ name: 'ai-posture:dependency-scope', value: scope });
      components.push(component);
    }
  }
  components.push(
    ...builtNpmMcpServer(path, root),
    ...workspacePackageParts(path, root, Object.keys(DEPENDENCY_SECTIONS)),
    ...dependencyMcpServers(path, root, Object.keys(DEPENDENCY_SECTIONS)),
  );
  // A private package is never published: its name is the project's, not an SDK's.
  if (root.get('private')?.value !== true) components.push(...ownPackageComponent('npm', root.get('name'), path));
  return components;
}

/** `package-lock.json` v1–v3. Lockfiles can be large, so entries are read one field at a time. */
function packageLock(path: string, text: string): PartialComponent[] {
  const root = strictRoot(text, 'json');
  if (root?.kind !== 'object') return [];
  const components: PartialComponent[] = [];
  const packages = root.get('packages');
  if (packages?.kind === 'object') {
    const rootPackage = packages.get('');
    const direct = new Set(
      Object.keys(DEPENDENCY_SECTIONS).flatMap((section) => (rootPackage?.get(section)?.entries() ?? []).map(([name]) => name)),
    );
    for (const [key, entry] of packages.entries()) {
      const cut = key.lastIndexOf('node_modules/');
      const version = entry.get('version')?.string;
      if (cut < 0 || entry.get('link')?.value === true || !version) continue;
      const name = entry.get('name')?.string ?? key.slice(cut + 'node_modules/'.length);
      const nested = cut > 0;
      lockEntry(components, path, name, version, lineOf(entry), { transitive: nested || !direct.has(name) });
    }
    return components;
  }
  // v1: a tree of `dependencies`; the top level holds direct and hoisted packages alike.
  const walk = (deps: ConfigNode | undefined, depth: number) => {
    for (const [name, entry] of deps?.entries() ?? []) {
      const version = entry.get('version')?.string;
      if (version) lockEntry(components, path, name, version, lineOf(entry), { transitive: depth > 0 ? true : undefined });
      walk(entry.get('dependencies'), depth + 1);
    }
  };
  walk(root.get('dependencies'), 0);
  return components;
}

function lockEntry(
  components: PartialComponent[],
  path: string,
  name: string,
  version: string,
  line: number | undefined,
  extra: Pick<VersionEvidence, 'transitive'>,
): void {
  const info = lookupPackage('npm', name);
  // Tarball URLs and git references are not versions.
  if (!info || !/^\d/.test(version)) return;
  components.push(sdkComponent(info, { path, line, evidence: 'lockfile', symbol: name }, { version, versionSource: 'lockfile', ...extra }));
}

/** `pnpm-lock.yaml` v5–v9: package keys `/name/1.0.0`, `/name@1.0.0`, `name@1.0.0(peer@2)`. */
function pnpmLock(path: string, text: string): PartialComponent[] {
  const root = strictRoot(text, 'yaml');
  if (root?.kind !== 'object') return [];
  const direct = new Set<string>();
  const importers = root.get('importers');
  for (const importer of importers ? importers.children : [root]) {
    for (const section of Object.keys(DEPENDENCY_SECTIONS)) {
      for (const [name] of importer.get(section)?.entries() ?? []) direct.add(name);
    }
  }
  const components: PartialComponent[] = [];
  for (const [key, entry] of root.get('packages')?.entries() ?? []) {
    const parsed = pnpmKey(key);
    if (parsed) lockEntry(components, path, parsed.name, parsed.version, lineOf(entry), { transitive: !direct.has(parsed.name) });
  }
  return components;
}

export function pnpmKey(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  // v5: `@scope/name/1.2.3_peer@x` or `name/1.2.3`: the last segment is the version.
  const cut = bare.lastIndexOf('/');
  if (cut > 0 && /^\d+\.\d+/.test(bare.slice(cut + 1)))
    return { name: bare.slice(0, cut), version: bare.slice(cut + 1).replace(/_.*$/, '') };
  const at = bare.lastIndexOf('@');
  return at > 0 ? { name: bare.slice(0, at), version: bare.slice(at + 1) } : undefined;
}

/** Yarn classic: `"name@range", name@range2:` headers followed by an indented `version "x"`. */
function yarnClassicLock(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  const rows = text.split(/\r?\n/);
  let names: string[] = [];
  let headerLine = 0;
  rows.forEach((row, index) => {
    if (/^\S.*:$/.test(row) && !row.startsWith('#')) {
      names = row
        .slice(0, -1)
        .split(/,\s*/)
        .map((spec) => specName(spec.replace(/^"|"$/g, '')));
      headerLine = index + 1;
      return;
    }
    const version = /^\s+version:?\s+"?([^"\s]+)"?/.exec(row);
    if (version && names.length > 0) {
      const line = headerLine;
      for (const name of new Set(names)) lockEntry(components, path, name, version[1], line, {});
      names = [];
    }
  });
  return components;
}

/** Yarn Berry: a YAML map of `"name@npm:range, …"` to `{ version, resolution, … }`. */
function yarnBerryLock(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const [key, entry] of strictRoot(text, 'yaml')?.entries() ?? []) {
    const version = entry.get('version')?.value;
    if (key === '__metadata' || !version || key.includes('@workspace:')) continue;
    const names = new Set(key.split(/,\s*/).map(specName));
    for (const name of names) lockEntry(components, path, name, String(version), lineOf(entry), {});
  }
  return components;
}

/** `@scope/name@npm:^1.0` → `@scope/name`. */
function specName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
}
