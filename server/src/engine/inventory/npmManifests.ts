import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { sdkComponent, type VersionEvidence } from './build';
import { lookupPackage } from './catalog';
import { escapeRegExp, Lines, splitVersion } from './manifestText';
import type { PartialComponent } from './types';

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
  const root = parseTree(text);
  if (root?.type !== 'object') return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const [section, scope] of Object.entries(DEPENDENCY_SECTIONS)) {
    const deps = findNodeAtLocation(root, [section]);
    if (deps?.type !== 'object') continue;
    for (const pair of deps.children ?? []) {
      const [keyNode, valueNode] = pair.children ?? [];
      if (typeof keyNode?.value !== 'string' || typeof valueNode?.value !== 'string') continue;
      // `"alias": "npm:openai@^4"` installs openai under another name.
      const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@?(.*)$/.exec(valueNode.value);
      const name = alias ? alias[1] : keyNode.value;
      const info = lookupPackage('npm', name);
      if (!info) continue;
      const component = sdkComponent(
        info,
        { path, line: lines.at(keyNode.offset), evidence: 'manifest', symbol: keyNode.value },
        splitVersion(alias ? alias[2] : valueNode.value),
      );
      if (scope) component.properties.push({ name: 'ai-posture:dependency-scope', value: scope });
      components.push(component);
    }
  }
  return components;
}

interface LockPackage {
  version?: string;
  name?: string;
  link?: boolean;
  dependencies?: Record<string, LockPackage>;
}

/** `package-lock.json` v1–v3. Lockfiles can be large, so only AI entries are located in the text. */
function packageLock(path: string, text: string): PartialComponent[] {
  let lock: { packages?: Record<string, LockPackage>; dependencies?: Record<string, LockPackage> };
  try {
    lock = JSON.parse(text);
  } catch {
    return [];
  }
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  if (lock.packages) {
    const rootPackage = lock.packages[''] as Record<string, Record<string, string> | undefined> | undefined;
    const direct = new Set(Object.keys(DEPENDENCY_SECTIONS).flatMap((section) => Object.keys(rootPackage?.[section] ?? {})));
    for (const [key, entry] of Object.entries(lock.packages)) {
      const cut = key.lastIndexOf('node_modules/');
      if (cut < 0 || entry.link || !entry.version) continue;
      const name = entry.name ?? key.slice(cut + 'node_modules/'.length);
      const nested = cut > 0;
      lockEntry(components, path, name, entry.version, () => lines.find(new RegExp(`"${escapeRegExp(key)}"\\s*:`)), {
        transitive: nested || !direct.has(name),
      });
    }
    return components;
  }
  // v1: a tree of `dependencies`; the top level holds direct and hoisted packages alike.
  const walk = (deps: Record<string, LockPackage> | undefined, depth: number) => {
    for (const [name, entry] of Object.entries(deps ?? {})) {
      if (entry.version) {
        lockEntry(components, path, name, entry.version, () => lines.find(new RegExp(`"${escapeRegExp(name)}"\\s*:\\s*\\{`)), {
          transitive: depth > 0 ? true : undefined,
        });
      }
      walk(entry.dependencies, depth + 1);
    }
  };
  walk(lock.dependencies, 0);
  return components;
}

function lockEntry(
  components: PartialComponent[],
  path: string,
  name: string,
  version: string,
  line: () => number | undefined,
  extra: Pick<VersionEvidence, 'transitive'>,
): void {
  const info = lookupPackage('npm', name);
  // Tarball URLs and git references are not versions. Lines are looked up only for AI entries.
  if (!info || !/^\d/.test(version)) return;
  components.push(
    sdkComponent(info, { path, line: line(), evidence: 'lockfile', symbol: name }, { version, versionSource: 'lockfile', ...extra }),
  );
}

/** `pnpm-lock.yaml` v5–v9: package keys `/name/1.0.0`, `/name@1.0.0`, `name@1.0.0(peer@2)`. */
function pnpmLock(path: string, text: string): PartialComponent[] {
  let lock: { packages?: Record<string, unknown>; importers?: Record<string, Record<string, unknown>>; dependencies?: unknown };
  try {
    lock = parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch {
    return [];
  }
  const direct = new Set<string>();
  const importers = lock.importers ?? { '.': lock as Record<string, unknown> };
  for (const importer of Object.values(importers)) {
    for (const section of Object.keys(DEPENDENCY_SECTIONS)) {
      for (const name of Object.keys((importer?.[section] as Record<string, unknown>) ?? {})) direct.add(name);
    }
  }
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const key of Object.keys(lock.packages ?? {})) {
    const parsed = pnpmKey(key);
    if (!parsed) continue;
    const line = () => lines.find(new RegExp(`^\\s*['"]?${escapeRegExp(key)}['"]?:`, 'm'));
    lockEntry(components, path, parsed.name, parsed.version, line, { transitive: !direct.has(parsed.name) });
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
      for (const name of new Set(names)) lockEntry(components, path, name, version[1], () => line, {});
      names = [];
    }
  });
  return components;
}

/** Yarn Berry: a YAML map of `"name@npm:range, …"` to `{ version, resolution, … }`. */
function yarnBerryLock(path: string, text: string): PartialComponent[] {
  let lock: Record<string, { version?: string }>;
  try {
    lock = parseYaml(text, { maxAliasCount: 100 }) ?? {};
  } catch {
    return [];
  }
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const [key, entry] of Object.entries(lock)) {
    if (key === '__metadata' || !entry?.version || key.includes('@workspace:')) continue;
    const names = new Set(key.split(/,\s*/).map(specName));
    const line = () => lines.find(new RegExp(`^["']?${escapeRegExp(key)}["']?:`, 'm'));
    for (const name of names) lockEntry(components, path, name, entry.version, line, {});
  }
  return components;
}

/** `@scope/name@npm:^1.0` → `@scope/name`. */
function specName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
}
