import { lookupPackage } from './catalog';
import { sdkComponent, type VersionEvidence } from './components';
import { projectReferences, publishedProject } from './dotnetProjects';
import { escapeRegExp, Lines, lineOf, strictRoot } from './manifestText';
import type { PartialComponent } from './types';
import { attribute, childText, descendants, parseXml } from './xml';

/**
 * NuGet: `PackageReference` in project files, central versions in `Directory.Packages.props`,
 * legacy `packages.config`, and the `packages.lock.json` lockfile.
 */

export type DotnetManifestKind = 'project' | 'central-versions' | 'packages-config' | 'lock';

export function dotnetManifestKind(basename: string): DotnetManifestKind | undefined {
  const lower = basename.toLowerCase();
  if (/\.(?:cs|fs|vb)proj$/.test(lower)) return 'project';
  if (lower === 'directory.packages.props') return 'central-versions';
  if (lower === 'packages.config') return 'packages-config';
  if (lower === 'packages.lock.json') return 'lock';
  return undefined;
}

export function collectDotnetManifest(path: string, text: string, kind: DotnetManifestKind): PartialComponent[] {
  if (kind === 'lock') return packagesLock(path, text);
  const doc = parseXml(text);
  if (!doc) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  const add = (name: string | undefined, spec: string | undefined, extra: VersionEvidence = {}) => {
    const info = name ? lookupPackage('nuget', name) : undefined;
    if (!info || !name) return;
    const line = lines.find(new RegExp(`(?:Include|Update|id)\\s*=\\s*["']${escapeRegExp(name)}["']`, 'i'));
    components.push(sdkComponent(info, { path, line, evidence: 'manifest', symbol: name }, { ...nugetVersion(spec), ...extra }));
  };
  if (kind === 'packages-config') {
    for (const element of descendants(doc, 'package')) add(attribute(element, 'id'), attribute(element, 'version'));
    return components;
  }
  if (kind === 'central-versions') {
    // A central version applies only to projects that reference the package.
    for (const element of descendants(doc, 'PackageVersion')) {
      add(attribute(element, 'Include'), attribute(element, 'Version'), { candidate: true });
    }
    return components;
  }
  for (const element of descendants(doc, 'PackageReference')) {
    const name = attribute(element, 'Include') ?? attribute(element, 'Update');
    const spec = attribute(element, 'Version') ?? attribute(element, 'VersionOverride') ?? childText(element, 'Version');
    add(name, spec);
  }
  components.push(...projectReferences(path, doc, lines), ...publishedProject(path, doc));
  return components;
}

/** `2.1.0` is the version NuGet restores; `[1.0,2.0)` and floating `1.*` are ranges; `$(Prop)` is unknown. */
function nugetVersion(spec: string | undefined): VersionEvidence {
  const trimmed = spec?.trim();
  if (!trimmed || trimmed.includes('$(')) return {};
  if (/^\d+(?:\.\d+){1,3}(?:-[\w.-]+)?$/.test(trimmed)) return { version: trimmed, versionSource: 'manifest' };
  return { versionRange: trimmed };
}

/** `packages.lock.json`: `dependencies.<framework>.<package>.{type, resolved}`. */
function packagesLock(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const [, framework] of strictRoot(text, 'json')?.get('dependencies')?.entries() ?? []) {
    for (const [name, entry] of framework.entries()) {
      const info = lookupPackage('nuget', name);
      const resolved = entry.get('resolved')?.string;
      if (!info || !resolved) continue;
      const type = entry.get('type')?.value;
      components.push(
        sdkComponent(
          info,
          { path, line: lineOf(entry), evidence: 'lockfile', symbol: name },
          { version: resolved, versionSource: 'lockfile', transitive: type === 'Transitive' || type === 'CentralTransitive' },
        ),
      );
    }
  }
  return components;
}
