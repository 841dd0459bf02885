import type { Tree } from '../parse/treeSitter';
import type { FileKind } from '../types';
import { readBicep } from './iacBicep';
import type { IacResource } from './iacResource';
import { readArmTemplate, readCloudFormation } from './iacTemplates';
import { terraformResources } from './iacTerraform';

/**
 * The IaC resources of one file version, read once and shared by every IaC rule and the AI-BOM
 * collector: fifteen rules on one template read it once. Terraform needs the file's HCL tree (the
 * one the engine parsed); Bicep, ARM and CloudFormation are read from the text (ARM and
 * CloudFormation through the cached config documents).
 */
export function iacResourcesOf(kind: FileKind, text: string, tree: Tree | undefined): IacResource[] {
  // Without its tree a Terraform file reads as empty; that must not be remembered for the text.
  if (kind === 'terraform' && !tree) return [];
  const index = cache.findIndex((entry) => entry.kind === kind && entry.text === text);
  const entry = index >= 0 ? cache.splice(index, 1)[0] : { kind, text, resources: read(kind, text, tree) };
  cache.unshift(entry);
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return entry.resources;
}

const CACHE_SIZE = 4;
const cache: { kind: FileKind; text: string; resources: IacResource[] }[] = [];

function read(kind: FileKind, text: string, tree: Tree | undefined): IacResource[] {
  switch (kind) {
    case 'terraform':
      return tree ? terraformResources(tree, text) : [];
    case 'bicep':
      return readBicep(text);
    case 'json':
      return [...readArmTemplate(text), ...(text.includes('AWS::') ? readCloudFormation(text, 'json') : [])];
    case 'yaml':
      return text.includes('AWS::') ? readCloudFormation(text, 'yaml') : [];
    default:
      return [];
  }
}
