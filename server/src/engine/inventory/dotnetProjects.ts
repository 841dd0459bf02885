import * as posix from 'node:path/posix';
import { packageFact } from './builtMcpServers';
import { lookupPackage } from './catalog';
import { property, sdkComponent } from './components';
import { escapeRegExp, type Lines } from './manifestText';
import type { PartialComponent, PartialInventory } from './types';
import { attribute, childText, descendants, type XmlElement } from './xml';

/**
 * Project references in .NET SDK monorepos: a sample's `<ProjectReference Include="..\src\Agents.Core.csproj" />`
 * builds against the in-repository project that is published as a NuGet package
 * (`Microsoft.SemanticKernel.Agents.Core`). The referenced project's file says its published id
 * (`PackageId`, else `AssemblyName`, else the file name); the two files meet in the merge: each
 * project file whose id is an AI package leaves a fact, each reference a placeholder, and the merge
 * turns a placeholder whose target left a fact into that package, found at the reference.
 * Both are candidates, so neither ever becomes a component by itself.
 */

const PLACEHOLDER = 'sdk:nuget-project/';
const FACT = 'dotnet-project:';

/** Placeholders for the project references of a project file, by the referenced file's workspace path. */
export function projectReferences(path: string, doc: XmlElement, lines: Lines): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const element of descendants(doc, 'ProjectReference')) {
    const include = attribute(element, 'Include');
    if (!include || include.includes('$(') || !/\.(?:cs|fs|vb)proj$/i.test(include)) continue;
    const target = posix.normalize(posix.join(posix.dirname(path), include.replace(/\\/g, '/')));
    if (target.startsWith('../')) continue;
    const line = lines.find(new RegExp(`Include\\s*=\\s*["']${escapeRegExp(include)}["']`, 'i'));
    components.push({
      ref: `${PLACEHOLDER}${target}`,
      kind: 'sdk',
      name: posix.basename(target).replace(/\.\w+proj$/i, ''),
      occurrences: [{ path, ...(line !== undefined ? { line } : {}), evidence: 'manifest', symbol: include }],
      properties: [],
      dependsOn: [],
      candidate: true,
      projectReference: target,
    });
  }
  return components;
}

/** The package a project publishes: its `PackageId`, else `AssemblyName`, else the file's name. */
function projectPackageId(path: string, doc: XmlElement): string {
  const group = (tag: string) =>
    descendants(doc, 'PropertyGroup')
      .map((element) => childText(element, tag))
      .find((value) => value !== undefined && value !== '' && !value.includes('$('));
  return group('PackageId') ?? group('AssemblyName') ?? posix.basename(path).replace(/\.\w+proj$/i, '');
}

/** The fact a project file leaves when the package it publishes is an AI package of the catalogue. */
export function publishedProject(path: string, doc: XmlElement): PartialComponent[] {
  const id = projectPackageId(path, doc);
  // Any project may hold an MCP server its code makes (`builder.Services.AddMcpServer()`): it is named by the project.
  if (!lookupPackage('nuget', id)) return [packageFact(path, 'nuget', id, undefined)];
  return [
    {
      ref: `${FACT}${path}`,
      kind: 'sdk',
      name: id,
      occurrences: [{ path, evidence: 'manifest', symbol: id }],
      properties: [],
      dependsOn: [],
      candidate: true,
      projectFact: true,
    },
  ];
}

/**
 * Turns each project reference whose target publishes an AI package into that package (found at
 * the reference), and drops the facts and the other placeholders. Partials may be cached: they are
 * copied, never changed in place.
 */
export function resolveProjectReferences(partials: PartialInventory[]): PartialInventory[] {
  const published = new Map<string, string>();
  for (const partial of partials) {
    for (const component of partial.components) if (component.projectFact) published.set(component.ref.slice(FACT.length), component.name);
  }
  const touched = (partial: PartialInventory) =>
    partial.components.some((component) => component.projectFact || component.projectReference);
  if (!partials.some(touched)) return partials;
  return partials.map((partial) => {
    if (!touched(partial)) return partial;
    const components: PartialComponent[] = [];
    for (const component of partial.components) {
      if (component.projectFact) continue;
      if (!component.projectReference) {
        components.push(component);
        continue;
      }
      const id = published.get(component.projectReference);
      const info = id ? lookupPackage('nuget', id) : undefined;
      if (!info) continue;
      const sdk = sdkComponent({ ...info, name: id ?? info.name }, component.occurrences[0]);
      sdk.properties.push(property('sdk:project-reference', component.projectReference));
      components.push(sdk);
    }
    return { ...partial, components };
  });
}
