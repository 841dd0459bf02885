import { findNodeAtLocation, type Node as JsonNode, parseTree } from 'jsonc-parser';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { IacResource } from './iac';
import { Lines } from './manifestText';

/**
 * Resources of ARM templates (JSON with a `deploymentTemplate` `$schema`) and CloudFormation
 * templates (YAML or JSON whose resources have `AWS::` types). ARM expressions (`"[parameters('x')]"`)
 * and CloudFormation intrinsics (`!Ref`, `!Sub`, `{"Fn::Sub": …}`) are not literals, so only plain
 * strings become values.
 */

// ------------------------------------------------------------------------------------------- ARM

export function readArmTemplate(text: string): IacResource[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const schema = root && findNodeAtLocation(root, ['$schema']);
  if (!root || typeof schema?.value !== 'string' || !/deploymentTemplate/i.test(schema.value)) return [];
  const lines = new Lines(text);
  const resources: IacResource[] = [];
  readArmResources(findNodeAtLocation(root, ['resources']), undefined, lines, resources);
  return resources;
}

/** `resources` is an array, or an object keyed by symbolic names (language version 2.0). */
function readArmResources(node: JsonNode | undefined, parentType: string | undefined, lines: Lines, out: IacResource[]): void {
  const entries = node?.type === 'array' ? node.children : node?.type === 'object' ? node.children?.map((pair) => pair.children?.[1]) : [];
  for (const entry of entries ?? []) {
    if (entry?.type !== 'object') continue;
    const written = armLiteral(findNodeAtLocation(entry, ['type'])?.value);
    // Nested resources may give their type relative to the parent (`deployments`).
    const type = written && parentType && !written.includes('/') ? `${parentType}/${written}` : written;
    if (!type) continue;
    const resource: IacResource = { type, line: lines.at(entry.offset), values: new Map() };
    flattenJson(entry, '', resource, lines);
    out.push(resource);
    readArmResources(findNodeAtLocation(entry, ['resources']), type, lines, out);
    // Nested deployments carry a whole template of their own.
    if (type.toLowerCase() === 'microsoft.resources/deployments') {
      readArmResources(findNodeAtLocation(entry, ['properties', 'template', 'resources']), undefined, lines, out);
    }
  }
}

/** Plain strings only: `[…]` is an expression, `[[…` an escaped literal bracket. */
function armLiteral(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('[[')) return value.slice(1);
  return value.startsWith('[') && value.endsWith(']') ? undefined : value;
}

function flattenJson(node: JsonNode, prefix: string, resource: IacResource, lines: Lines): void {
  for (const pair of node.children ?? []) {
    const [keyNode, valueNode] = pair.children ?? [];
    if (typeof keyNode?.value !== 'string' || !valueNode) continue;
    const key = keyNode.value.toLowerCase();
    // Child resources are resources of their own.
    if (prefix === '' && key === 'resources') continue;
    const path = `${prefix}${key}`;
    if (valueNode.type === 'object') flattenJson(valueNode, `${path}.`, resource, lines);
    const value = valueNode.type === 'string' ? armLiteral(valueNode.value) : undefined;
    if (value !== undefined && !resource.values.has(path)) resource.values.set(path, { value, line: lines.at(valueNode.offset) });
  }
}

// -------------------------------------------------------------------------------- CloudFormation

export function readCloudFormation(text: string, kind: 'json' | 'yaml'): IacResource[] {
  return kind === 'json' ? readCloudFormationJson(text) : readCloudFormationYaml(text);
}

function readCloudFormationJson(text: string): IacResource[] {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const resourcesNode = root && findNodeAtLocation(root, ['Resources']);
  if (resourcesNode?.type !== 'object') return [];
  const lines = new Lines(text);
  const resources: IacResource[] = [];
  for (const pair of resourcesNode.children ?? []) {
    const body = pair.children?.[1];
    const type = body?.type === 'object' ? findNodeAtLocation(body, ['Type'])?.value : undefined;
    if (typeof type !== 'string' || !type.startsWith('AWS::')) continue;
    const resource: IacResource = { type, line: lines.at(pair.offset), values: new Map() };
    const properties = findNodeAtLocation(body as JsonNode, ['Properties']);
    // Intrinsic functions are objects (`{"Ref": …}`), so plain strings are the literals.
    if (properties?.type === 'object') flattenCfnJson(properties, '', resource, lines);
    resources.push(resource);
  }
  return resources;
}

function flattenCfnJson(node: JsonNode, prefix: string, resource: IacResource, lines: Lines): void {
  for (const pair of node.children ?? []) {
    const [keyNode, valueNode] = pair.children ?? [];
    if (typeof keyNode?.value !== 'string' || !valueNode) continue;
    const path = `${prefix}${keyNode.value.toLowerCase()}`;
    if (valueNode.type === 'object') flattenCfnJson(valueNode, `${path}.`, resource, lines);
    else if (valueNode.type === 'string' && !resource.values.has(path)) {
      resource.values.set(path, { value: valueNode.value, line: lines.at(valueNode.offset) });
    }
  }
}

function readCloudFormationYaml(text: string): IacResource[] {
  const lineCounter = new LineCounter();
  // Short-form intrinsics (`!Ref`, `!Sub`) are unknown tags to a plain YAML parser: they stay
  // tagged nodes, which `flattenYaml` skips.
  const doc = parseDocument(text, { lineCounter });
  const resourcesNode = doc.get('Resources', true);
  if (!isMap(resourcesNode)) return [];
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 0);
  const resources: IacResource[] = [];
  for (const pair of resourcesNode.items) {
    if (!isMap(pair.value)) continue;
    const type = pair.value.get('Type');
    if (typeof type !== 'string' || !type.startsWith('AWS::')) continue;
    const resource: IacResource = { type, line: lineOf(pair.key as YamlNode), values: new Map() };
    const properties = pair.value.get('Properties', true);
    if (isMap(properties)) flattenYaml(properties, '', resource, lineOf);
    resources.push(resource);
  }
  return resources;
}

function flattenYaml(node: YamlNode, prefix: string, resource: IacResource, lineOf: (node: YamlNode) => number): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key !== 'string') continue;
    const path = `${prefix}${key.toLowerCase()}`;
    const value = pair.value as YamlNode | null;
    if (!value || value.tag?.startsWith('!')) continue;
    if (isMap(value)) flattenYaml(value, `${path}.`, resource, lineOf);
    else if (isScalar(value) && typeof value.value === 'string' && !resource.values.has(path)) {
      resource.values.set(path, { value: value.value, line: lineOf(value) });
    }
  }
}
