import type { Tree } from '../parse/treeSitter';
import type { FileKind } from '../types';
import { readBicepFile } from './iacBicep';
import type { IacDeclaration, IacResource } from './iacResource';
import { armDeclarations, cloudFormationDeclarations, readArmTemplate, readCloudFormation } from './iacTemplates';
import { readTerraformFile } from './iacTerraform';

/**
 * The IaC resources of one file version, read once and shared by every IaC rule and the AI-BOM
 * collector: fifteen rules on one template read it once. Terraform needs the file's HCL tree (the
 * one the engine parsed); Bicep, ARM and CloudFormation are read from the text (ARM and
 * CloudFormation through the cached config documents).
 */
export function iacResourcesOf(kind: FileKind, text: string, tree: Tree | undefined): IacResource[] {
  return iacFileOf(kind, text, tree).resources;
}

/** The literal declarations (variables, parameters, locals) of the same file version, read with its resources. */
export function iacDeclarationsOf(kind: FileKind, text: string, tree: Tree | undefined): IacDeclaration[] {
  return iacFileOf(kind, text, tree).declarations;
}

interface IacFileModel {
  resources: IacResource[];
  declarations: IacDeclaration[];
}

function iacFileOf(kind: FileKind, text: string, tree: Tree | undefined): IacFileModel {
  // Without its tree a Terraform file reads as empty; that must not be remembered for the text.
  if (kind === 'terraform' && !tree) return { resources: [], declarations: [] };
  const index = cache.findIndex((entry) => entry.kind === kind && entry.text === text);
  const entry = index >= 0 ? cache.splice(index, 1)[0] : { kind, text, ...read(kind, text, tree) };
  cache.unshift(entry);
  cache.length = Math.min(cache.length, CACHE_SIZE);
  return entry;
}

const CACHE_SIZE = 4;
const cache: ({ kind: FileKind; text: string } & IacFileModel)[] = [];

function read(kind: FileKind, text: string, tree: Tree | undefined): IacFileModel {
  const cloudFormation = text.includes('AWS::');
  switch (kind) {
    case 'terraform':
      return tree ? readTerraformFile(tree, text) : { resources: [], declarations: [] };
    case 'bicep':
      return readBicepFile(text);
    case 'json':
      return {
        resources: [...readArmTemplate(text), ...(cloudFormation ? readCloudFormation(text, 'json') : [])],
        declarations: [...armDeclarations(text), ...(cloudFormation ? cloudFormationDeclarations(text, 'json') : [])],
      };
    case 'yaml':
      return cloudFormation
        ? { resources: readCloudFormation(text, 'yaml'), declarations: cloudFormationDeclarations(text, 'yaml') }
        : { resources: [], declarations: [] };
    default:
      return { resources: [], declarations: [] };
  }
}
