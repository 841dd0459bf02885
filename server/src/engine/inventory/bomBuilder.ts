import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as posix from 'node:path/posix';
import type { ProjectRequirement } from '../project';
import type { FileKind } from '../types';
import { withEvalSetFolders } from './agentEvalSets';
import { withExistingDataFiles } from './aiDataFiles';
import { collectFromFile, collectRequirementInclude, isManifestPath } from './collect';
import { withoutLocalModuleImports } from './localModules';
import { mergeInventory } from './merge';
import { listsAsModelFile, modelFileComponent, modelFileInfo } from './modelFiles';
import { pythonManifestKind } from './pythonManifests';
import type { AiBom, PartialInventory, RequirementInclude } from './types';
import { withPickledIndexes, withVectorIndexFolders } from './vectorIndexes';

/**
 * "Does this workspace path exist", answered from one directory listing per folder asked about. The
 * AI-BOM asks for every Python import whether a local module shadows it: on AI-dense trees that was
 * thousands of `existsSync` calls, most for the same few folders.
 */
export function listedExists(root: string): (relativePath: string) => boolean {
  const listings = new Map<string, ReadonlySet<string>>();
  const listing = (folder: string): ReadonlySet<string> => {
    let names = listings.get(folder);
    if (!names) {
      names = folder === '' || exists(folder) ? readNames(path.join(root, ...folder.split('/'))) : new Set<string>();
      listings.set(folder, names);
    }
    return names;
  };
  const exists = (relativePath: string): boolean => {
    // Anything but a plain relative path (`..`, `.`, empty segments) is asked of the disk.
    if (relativePath.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
      return fs.existsSync(path.join(root, relativePath));
    }
    const slash = relativePath.lastIndexOf('/');
    return listing(slash < 0 ? '' : relativePath.slice(0, slash)).has(relativePath.slice(slash + 1));
  };
  return exists;
}

/**
 * The workspace paths of the files under a folder, at any depth (hidden folders and `node_modules`
 * left out, a few levels and entries at most): an evaluation that names a folder runs the files in it.
 */
export function filesUnder(root: string): (relativeFolder: string) => string[] {
  return (relativeFolder) => {
    const found: string[] = [];
    const walk = (folder: string, depth: number): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(root, ...folder.split('/')), { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (found.length >= MAX_LISTED_FILES) return;
        const child = `${folder}/${entry.name}`;
        if (entry.isFile()) found.push(child);
        else if (entry.isDirectory() && depth < MAX_LISTED_DEPTH && !entry.name.startsWith('.') && entry.name !== 'node_modules')
          walk(child, depth + 1);
      }
    };
    if (isInside(relativeFolder)) walk(posix.normalize(relativeFolder), 0);
    return found;
  };
}

const MAX_LISTED_FILES = 500;
const MAX_LISTED_DEPTH = 4;

function readNames(folder: string): ReadonlySet<string> {
  try {
    return new Set(fs.readdirSync(folder));
  } catch {
    return new Set();
  }
}

/**
 * Builds a workspace BOM while a scan streams its files: each file's text is collected and dropped,
 * only small partial inventories are kept, and model files are hashed as streams.
 */
export class BomBuilder {
  private readonly partials: PartialInventory[] = [];
  /** Requirements files already collected under their own name. */
  private readonly collected = new Set<string>();
  private readonly includes: RequirementInclude[] = [];
  /** Files whose collection failed in part, with the reason. */
  readonly notices: { path: string; reason: string }[] = [];

  /** Collects a file's text; returns its partial inventory (the language server keeps it per file). */
  async addFile(path: string, text: string, kind?: FileKind): Promise<PartialInventory> {
    const partial = await cachedCollect(path, text, kind);
    this.addPartial(path, partial);
    return partial;
  }

  /** Adds a partial collected earlier: the language server merges its per-file partials again after a change. */
  addPartial(path: string, partial: PartialInventory): void {
    const manifest = pythonManifestKind(path, path.slice(path.lastIndexOf('/') + 1));
    if (manifest === 'requirements' || manifest === 'constraints') this.collected.add(path);
    this.keep(path, partial);
  }

  async addModelFile(relativePath: string, absolutePath: string, options: { maxHashBytes?: number } = {}): Promise<PartialInventory> {
    const info = await modelFileInfo(absolutePath, options);
    const partial = { components: listsAsModelFile(relativePath, info) ? [modelFileComponent(relativePath, info)] : [] };
    this.partials.push(partial);
    return partial;
  }

  /**
   * Follows `-r`/`-c` includes that discovery did not already collect (for example a
   * `constraints/prod.txt`), then merges. `readText` returns undefined for unreadable files.
   */
  async finish(
    readText: (relativePath: string) => Promise<string | undefined>,
    exists: (relativePath: string) => boolean = () => false,
    filesIn: (relativeFolder: string) => readonly string[] = () => [],
  ): Promise<AiBom> {
    const queue = [...this.includes];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const include = queue.shift() as RequirementInclude;
      const key = `${include.mode}\u0000${include.path}`;
      if (seen.has(key) || this.collected.has(include.path) || !isInside(include.path)) continue;
      seen.add(key);
      const text = await readText(include.path);
      if (text === undefined) continue;
      const partial = await collectRequirementInclude(include, text);
      this.keep(include.path, partial, queue);
    }
    const withFolders = withVectorIndexFolders(withEvalSetFolders(this.partials, filesIn), filesIn);
    const merged = mergeInventory(withPickledIndexes(withFolders, exists));
    return withExistingDataFiles(withoutLocalModuleImports(merged, exists), exists);
  }

  /**
   * Lockfiles of big projects exceed the rules' `maxFileBytes`; the BOM still reads manifests and
   * lockfiles up to `MAX_MANIFEST_BYTES`, one at a time.
   */
  async addLargeManifest(relativePath: string, absolutePath: string, size: number): Promise<PartialInventory | undefined> {
    if (size > MAX_MANIFEST_BYTES || !isManifestPath(relativePath)) return undefined;
    const text = await readText(absolutePath, MAX_MANIFEST_BYTES);
    return text === undefined ? undefined : this.addFile(relativePath, text);
  }

  /** What the manifests and lockfiles kept so far require (the project context's `requirements`). */
  requirements(): ProjectRequirement[] {
    return requirementsOf(this.partials);
  }

  /** `finish` reading includes from a workspace folder on disk. */
  finishFromDisk(root: string): Promise<AiBom> {
    const absolute = (relativePath: string) => path.join(root, ...relativePath.split('/'));
    return this.finish((relativePath) => readText(absolute(relativePath), MAX_INCLUDE_BYTES), listedExists(root), filesUnder(root));
  }

  private keep(path: string, partial: PartialInventory, queue: RequirementInclude[] = this.includes): void {
    for (const reason of partial.notices ?? []) this.notices.push({ path, reason });
    if (partial.includes) queue.push(...partial.includes);
    const promptFiles = partial.promptFiles ? { promptFiles: partial.promptFiles } : {};
    const wrappers = partial.modelWrappers ? { modelWrappers: partial.modelWrappers } : {};
    if (partial.components.length > 0 || partial.promptFiles || partial.modelWrappers)
      this.partials.push({ components: partial.components, ...promptFiles, ...wrappers });
  }
}

/**
 * Partials by path, kind and content hash. Collection is a pure function of those, so a re-scan
 * (the language server rescans after edits) only re-parses files that changed. Entries are small;
 * the oldest go first past the cap.
 */
const partialCache = new Map<string, PartialInventory>();
const PARTIAL_CACHE_ENTRIES = 50_000;

/** Forgets cached partials (tests; a catalog change at runtime would need it too). */
export function clearPartialCache(): void {
  partialCache.clear();
}

async function cachedCollect(path: string, text: string, kind: FileKind | undefined): Promise<PartialInventory> {
  const key = createHash('sha256')
    .update(`${path}\u0000${kind ?? ''}\u0000`)
    .update(text)
    .digest('base64');
  const hit = partialCache.get(key);
  if (hit) return hit;
  const partial = await collectFromFile(path, text, kind);
  if (partialCache.size >= PARTIAL_CACHE_ENTRIES) partialCache.delete(partialCache.keys().next().value as string);
  partialCache.set(key, partial);
  return partial;
}

export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_INCLUDE_BYTES = 1024 * 1024;

/** A text file's content, or undefined when it is missing, too big or binary. */
async function readText(absolutePath: string, maxBytes: number): Promise<string | undefined> {
  try {
    const stat = await fs.promises.stat(absolutePath);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const bytes = await fs.promises.readFile(absolutePath);
    return bytes.subarray(0, 8000).includes(0) ? undefined : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/** Includes that climb out of the workspace (`-r ../x.txt` from the root) are not followed. */
function isInside(relativePath: string): boolean {
  const normalized = posix.normalize(relativePath);
  return !normalized.startsWith('../') && normalized !== '..' && !posix.isAbsolute(normalized);
}

/** Packages declared by manifests and lockfiles (constraints included), one entry per file and package. */
export function requirementsOf(partials: Iterable<PartialInventory>): ProjectRequirement[] {
  const found = new Map<string, ProjectRequirement>();
  for (const partial of partials) {
    for (const component of partial.components) {
      const occurrence = component.occurrences[0];
      if (component.kind !== 'sdk' || !component.ecosystem || !occurrence) continue;
      if (occurrence.evidence !== 'manifest' && occurrence.evidence !== 'lockfile') continue;
      const requirement: ProjectRequirement = {
        manifest: occurrence.path,
        package: `${component.ecosystem}:${component.name.toLowerCase()}`,
        ...(component.version ? { version: component.version } : {}),
        ...(component.versionRange ? { range: component.versionRange } : {}),
      };
      found.set(`${requirement.manifest}\u0000${requirement.package}`, requirement);
    }
  }
  return [...found.values()].sort((a, b) => (a.manifest < b.manifest ? -1 : a.manifest > b.manifest ? 1 : a.package < b.package ? -1 : 1));
}
