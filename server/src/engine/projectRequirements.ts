import * as fs from 'node:fs';
import * as path from 'node:path';
import { requirementsOf } from './inventory/bomBuilder';
import { collectFromFile, isManifestPath } from './inventory/collect';
import type { ProjectContext, ProjectRequirement } from './project';
import { decodeBytes } from './text/decode';

/**
 * The requirements of the manifests and lockfiles that may govern one file, read without a scan:
 * the manifests in the file's folder and in each folder up to the workspace root, read by the
 * AI-BOM's own collectors. For `ai-posture fix` and for a file the editor opens before the first
 * workspace scan has finished; a scan has them all from its AI-BOM.
 */
export async function requirementsAround(root: string, relativePath: string): Promise<ProjectRequirement[]> {
  const folders = relativePath.split('/').slice(0, -1);
  const found: ProjectRequirement[] = [];
  for (let depth = folders.length; depth >= 0; depth--) {
    const folder = folders.slice(0, depth).join('/');
    found.push(...(await folderRequirements(root, folder)));
  }
  return found;
}

/** A project context for one file: the root folders and the requirements around it. */
export async function projectAround(project: ProjectContext, root: string, relativePath: string): Promise<ProjectContext> {
  return { ...project, requirements: await requirementsAround(root, relativePath) };
}

/** Requirements by manifest, kept while the manifest's size and modification time stay the same. */
const cache = new Map<string, { stamp: string; requirements: ProjectRequirement[] }>();
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

async function folderRequirements(root: string, folder: string): Promise<ProjectRequirement[]> {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(root, ...folder.split('/').filter(Boolean)));
  } catch {
    return [];
  }
  const found: ProjectRequirement[] = [];
  for (const name of names.sort()) {
    const relative = folder ? `${folder}/${name}` : name;
    if (isManifestPath(relative)) found.push(...(await manifestRequirements(root, relative)));
  }
  return found;
}

async function manifestRequirements(root: string, relative: string): Promise<ProjectRequirement[]> {
  const absolute = path.join(root, ...relative.split('/'));
  try {
    const info = fs.statSync(absolute);
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return [];
    const stamp = `${info.size}:${info.mtimeMs}`;
    const known = cache.get(absolute);
    if (known?.stamp === stamp) return known.requirements;
    const text = decodeBytes(fs.readFileSync(absolute))?.text;
    const requirements = text === undefined ? [] : requirementsOf([await collectFromFile(relative, text)]);
    cache.set(absolute, { stamp, requirements });
    return requirements;
  } catch {
    return [];
  }
}
