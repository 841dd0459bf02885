import { lookupPackage } from './catalog';
import { sdkComponent, type VersionEvidence } from './components';
import { escapeRegExp, Lines, lineOf, strictRoot } from './manifestText';
import type { PartialComponent } from './types';
import { children, childText, parseXml, type XmlElement } from './xml';

/**
 * Maven `pom.xml` (with `${property}` versions), Gradle build scripts (Groovy and Kotlin DSL) and
 * Gradle version catalogs (`libs.versions.toml`). Coordinates are `groupId:artifactId`.
 */

export type JvmManifestKind = 'pom' | 'gradle' | 'version-catalog';

export function jvmManifestKind(basename: string): JvmManifestKind | undefined {
  const lower = basename.toLowerCase();
  if (lower === 'pom.xml') return 'pom';
  if (lower === 'build.gradle' || lower === 'build.gradle.kts') return 'gradle';
  if (lower.endsWith('.versions.toml')) return 'version-catalog';
  return undefined;
}

export function collectJvmManifest(path: string, text: string, kind: JvmManifestKind): PartialComponent[] {
  switch (kind) {
    case 'pom':
      return pom(path, text);
    case 'gradle':
      return gradle(path, text);
    case 'version-catalog':
      return versionCatalog(path, text);
  }
}

function add(
  components: PartialComponent[],
  path: string,
  line: number | undefined,
  coordinate: string,
  evidence: VersionEvidence,
  symbol = coordinate,
) {
  const info = lookupPackage('maven', coordinate);
  if (info) components.push(sdkComponent(info, { path, line, evidence: 'manifest', symbol }, evidence));
}

/** Maven versions are exact unless written as a range (`[1.0,2.0)`); unresolved properties are unknown. */
function mavenVersion(spec: string | undefined): VersionEvidence {
  const trimmed = spec?.trim();
  if (!trimmed || trimmed.includes('${')) return {};
  if (/^[[(]/.test(trimmed)) return { versionRange: trimmed };
  return { version: trimmed, versionSource: 'manifest' };
}

// ---------------------------------------------------------------------------------------------
// pom.xml

function pom(path: string, text: string): PartialComponent[] {
  const project = children(parseXml(text), 'project')[0];
  if (!project) return [];
  const properties = pomProperties(project);
  const resolve = (value: string | undefined) => value?.replace(/\$\{([^}]+)\}/g, (whole, key: string) => properties.get(key) ?? whole);
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  const fromSection = (section: XmlElement | undefined, managed: boolean) => {
    for (const dependency of children(children(section, 'dependencies')[0], 'dependency')) {
      const groupId = resolve(childText(dependency, 'groupId'));
      const artifactId = resolve(childText(dependency, 'artifactId'));
      if (!groupId || !artifactId) continue;
      const line = lines.find(
        new RegExp(`<artifactId>\\s*${escapeRegExp(childText(dependency, 'artifactId') ?? artifactId)}\\s*</artifactId>`),
      );
      // A managed version only constrains what the project declares elsewhere; an imported BOM
      // (`spring-ai-bom`, `<scope>import</scope>`) brings the framework's whole platform in.
      const scope = childText(dependency, 'scope');
      const candidate = managed && scope !== 'import';
      const evidence = { ...mavenVersion(resolve(childText(dependency, 'version'))), ...(candidate ? { candidate: true } : {}) };
      const before = components.length;
      add(components, path, line, `${groupId}:${artifactId}`, evidence);
      if (components.length > before && scope && scope !== 'compile' && scope !== 'import') {
        components[components.length - 1].properties.push({ name: 'ai-posture:dependency-scope', value: scope });
      }
    }
  };
  fromSection(project, false);
  fromSection(children(project, 'dependencyManagement')[0], true);
  for (const profile of children(children(project, 'profiles')[0], 'profile')) fromSection(profile, false);
  return components;
}

function pomProperties(project: XmlElement): Map<string, string> {
  const properties = new Map<string, string>();
  const version = childText(project, 'version') ?? childText(children(project, 'parent')[0], 'version');
  if (version) {
    properties.set('project.version', version);
    properties.set('version', version);
  }
  for (const block of children(project, 'properties')) {
    for (const [key, value] of Object.entries(block)) {
      const first = Array.isArray(value) ? value[0] : undefined;
      if (typeof first === 'string') properties.set(key, first.trim());
    }
  }
  return properties;
}

// ---------------------------------------------------------------------------------------------
// Gradle

/** Dependency configurations whose string coordinates name a dependency. */
const GRADLE_CONFIGURATIONS =
  'implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|testCompileOnly|annotationProcessor|kapt|ksp|compile|runtime|testCompile|developmentOnly|compileOnlyApi|[a-z][A-Za-z]*Implementation';

/**
 * Gradle scripts are programs and no Groovy/Kotlin grammar ships with the extension, so this reads
 * the two literal notations of a dependency: `"group:artifact:version"` and
 * `group: 'g', name: 'a', version: 'v'` (or `group = …` in Kotlin), after a configuration name.
 * Versions with `$` interpolation are left unknown. A `platform(…)` BOM is listed like Maven's
 * imported BOM: the project takes the framework's whole platform at that version.
 */
function gradle(path: string, text: string): PartialComponent[] {
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  const stripped = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');
  const coordinate = new RegExp(
    `\\b(${GRADLE_CONFIGURATIONS})\\s*\\(?\\s*((?:enforcedPlatform|platform)\\s*\\(\\s*)?["']([\\w.-]+):([\\w.-]+)(?::([^"'\\s:@]+))?(?::[^"'\\s@]*)?(?:@\\w+)?["']`,
    'g',
  );
  for (let match = coordinate.exec(stripped); match; match = coordinate.exec(stripped)) {
    add(components, path, lines.at(match.index), `${match[3]}:${match[4]}`, gradleVersion(match[5]));
  }
  const named = new RegExp(
    `\\b(${GRADLE_CONFIGURATIONS})\\s*\\(?\\s*group\\s*[:=]\\s*["']([\\w.-]+)["']\\s*,\\s*name\\s*[:=]\\s*["']([\\w.-]+)["'](?:\\s*,\\s*version\\s*[:=]\\s*["']([^"']+)["'])?`,
    'g',
  );
  for (let match = named.exec(stripped); match; match = named.exec(stripped)) {
    add(components, path, lines.at(match.index), `${match[2]}:${match[3]}`, gradleVersion(match[4]));
  }
  return components;
}

function gradleVersion(spec: string | undefined): VersionEvidence {
  if (!spec || spec.includes('$')) return {};
  if (/[+[\](),]/.test(spec) || spec.startsWith('latest.')) return { versionRange: spec };
  return { version: spec, versionSource: 'manifest' };
}

/** `[libraries] x = { module = "g:a", version.ref = "v" }`, `"g:a:1.0"`, or `{ group, name, version }`. */
function versionCatalog(path: string, text: string): PartialComponent[] {
  const root = strictRoot(text, 'toml');
  if (!root) return [];
  const versions = root.get('versions');
  const components: PartialComponent[] = [];
  for (const [alias, entry] of root.get('libraries')?.entries() ?? []) {
    let coordinate: string | undefined;
    let version: unknown;
    if (entry.string !== undefined) {
      const [group, artifact, exact] = entry.string.split(':');
      coordinate = artifact ? `${group}:${artifact}` : undefined;
      version = exact;
    } else if (entry.kind === 'object') {
      const group = entry.get('group')?.value;
      const name = entry.get('name')?.value;
      coordinate = entry.get('module')?.string ?? (group && name ? `${group}:${name}` : undefined);
      const spec = entry.get('version');
      const ref = spec?.get('ref');
      version = spec?.string ?? (ref !== undefined ? versions?.get(String(ref.value))?.value : undefined);
    }
    if (!coordinate) continue;
    add(components, path, lineOf(entry), coordinate, gradleVersion(typeof version === 'string' ? version : undefined), alias);
  }
  return components;
}
