import { type ConfigDocument, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { type IacPropertyKind, IacResource } from './iacResource';

/**
 * Resources of ARM templates (JSON with a `deploymentTemplate` `$schema`) and CloudFormation
 * templates (YAML or JSON whose resources have `AWS::` types), read from the shared config
 * documents. ARM expressions (`"[parameters('x')]"`) and CloudFormation intrinsics (`!Ref`, `!Sub`,
 * `{"Fn::Sub": …}`) are not literals: they become `expression` properties.
 */

// ------------------------------------------------------------------------------------------- ARM

export function readArmTemplate(text: string): IacResource[] {
  const document = configDocumentFor(text, 'json');
  const schema = document.root?.get('$schema')?.string;
  if (!document.root || !schema || !/deploymentTemplate/i.test(schema)) return [];
  const resources: IacResource[] = [];
  readArmResources(document, document.root.get('resources'), undefined, resources);
  return resources;
}

/** `resources` is an array, or an object keyed by symbolic names (language version 2.0). */
function readArmResources(
  document: ConfigDocument,
  node: ConfigNode | undefined,
  parentType: string | undefined,
  out: IacResource[],
): void {
  for (const entry of node?.kind === 'array' || node?.kind === 'object' ? node.children : []) {
    if (entry.kind !== 'object') continue;
    const typeNode = entry.get('type');
    const written = armLiteral(typeNode?.value);
    // Nested resources may give their type relative to the parent (`deployments`).
    const type = written && parentType && !written.includes('/') ? `${parentType}/${written}` : written;
    if (!type || !typeNode) continue;
    const name = entry.get('name')?.string;
    const declaration = document.lines.rangeOf(typeNode.keyStart ?? typeNode.start, typeNode.end);
    const resource = new IacResource('arm', type, name, entry.range, declaration);
    // Child resources are resources of their own.
    addProperties(resource, entry, '', armKind, (key) => key.toLowerCase() !== 'resources');
    out.push(resource);
    readArmResources(document, entry.get('resources'), type, out);
    // Nested deployments carry a whole template of their own.
    if (type.toLowerCase() === 'microsoft.resources/deployments') {
      readArmResources(document, entry.get(['properties', 'template', 'resources']), undefined, out);
    }
  }
}

/** Plain strings only: `[…]` is an expression, `[[…` an escaped literal bracket. */
function armLiteral(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('[[')) return value.slice(1);
  return value.startsWith('[') && value.endsWith(']') ? undefined : value;
}

function armKind(node: ConfigNode): { kind: IacPropertyKind; value: unknown } {
  if (node.kind === 'string') {
    const literal = armLiteral(node.value);
    return literal === undefined ? { kind: 'expression', value: node.value } : { kind: 'literal', value: literal };
  }
  return plainKind(node);
}

// -------------------------------------------------------------------------------- CloudFormation

export function readCloudFormation(text: string, kind: 'json' | 'yaml'): IacResource[] {
  // Short-form intrinsics (`!Ref`, `!Sub`) are unknown tags to a plain YAML parser: they stay
  // tagged nodes, which read as expressions.
  const document = configDocumentFor(text, kind);
  const resources: IacResource[] = [];
  for (const [logicalId, body] of document.root?.get('Resources')?.entries() ?? []) {
    const type = body.get('Type')?.string;
    if (body.kind !== 'object' || !type?.startsWith('AWS::')) continue;
    const keyRange = body.keyRange ?? body.range;
    const resource = new IacResource(
      'cloudformation',
      type,
      logicalId,
      document.lines.rangeOf(body.keyStart ?? body.start, body.end),
      keyRange,
    );
    addProperties(resource, body, '', cfnKind, () => true);
    resources.push(resource);
  }
  return resources;
}

/** `!Ref x`, `!Sub …` (YAML short forms) and `{"Ref": …}`, `{"Fn::GetAtt": …}` (long forms) are computed. */
function cfnKind(node: ConfigNode): { kind: IacPropertyKind; value: unknown } {
  const shortForm = node.tag?.startsWith('!') && !node.tag.startsWith('!!');
  const entries = node.entries();
  const longForm = entries.length === 1 && /^(?:Ref|Condition|Fn::[A-Za-z]+)$/.test(entries[0][0]);
  if (shortForm || longForm) return { kind: 'expression', value: node.value };
  return plainKind(node);
}

// ---------------------------------------------------------------------------------------------

function plainKind(node: ConfigNode): { kind: IacPropertyKind; value: unknown } {
  if (node.kind === 'object' || node.kind === 'array') return { kind: node.kind, value: node.value };
  return { kind: 'literal', value: node.value };
}

/** Every member of a resource body, objects recursively, by dotted path. */
function addProperties(
  resource: IacResource,
  node: ConfigNode,
  prefix: string,
  classify: (node: ConfigNode) => { kind: IacPropertyKind; value: unknown },
  include: (key: string) => boolean,
): void {
  for (const [key, child] of node.entries()) {
    if (!include(key)) continue;
    const path = `${prefix}${key}`;
    const { kind, value } = classify(child);
    resource.add({ path, kind, value, range: child.range, keyRange: child.keyRange ?? child.range });
    if (kind === 'object') addProperties(resource, child, `${path}.`, classify, () => true);
  }
}
