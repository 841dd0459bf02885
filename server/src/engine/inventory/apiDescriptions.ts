import { type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { type ApiOperation, apiDescriptionRef } from './pluginFacts';
import type { PartialComponent } from './types';

/**
 * OpenAPI (and Swagger 2) descriptions, read for the AI plugins that reference them: an API plugin
 * manifest names its description by path, and whether that API can change state (POST, PUT, PATCH,
 * DELETE) decides how much its missing authentication matters. A description contributes a
 * candidate part that never becomes a component on its own; the merge joins it to the manifests.
 */

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** Cheap text test before parsing: a top-level `openapi`/`swagger` member in JSON or YAML. */
export function mightBeApiDescription(text: string): boolean {
  return /^(?:openapi|swagger)\s*:|"(?:openapi|swagger)"\s*:/m.test(text);
}

/** The write operations of an OpenAPI document, or undefined when the text is not one. */
export function apiWriteOperations(text: string, format: ConfigFormat): ApiOperation[] | undefined {
  const root = configDocumentFor(text, format).root;
  if (root?.kind !== 'object' || !(root.get('openapi')?.string ?? root.get('swagger')?.string)) return undefined;
  const operations: ApiOperation[] = [];
  const rootSecurity = root.get('security');
  for (const [path, item] of root.get('paths')?.entries() ?? []) {
    for (const method of WRITE_METHODS) {
      const operation = item.get(method);
      if (operation?.kind !== 'object' || requiresCredentials(operation.get('security') ?? rootSecurity)) continue;
      const write = writeOperation(method, path, operation);
      if (!isSearch(write)) operations.push(write);
    }
  }
  return operations;
}

/**
 * A security requirement with a scheme: the API itself demands credentials, so a plugin without
 * auth cannot call it at all (a broken plugin, not an open write). `[]` or `[{}]` means anonymous.
 */
function requiresCredentials(security: ConfigNode | undefined): boolean {
  return (security?.items() ?? []).some((requirement) => requirement.entries().length > 0);
}

/** POST is also how APIs take a search body (Microsoft Graph `POST /search/query`): not a change of state. */
function isSearch(operation: ApiOperation): boolean {
  if (operation.method !== 'POST') return false;
  const lastSegment = operation.path.split('/').filter(Boolean).pop() ?? '';
  return [operation.operationId ?? '', lastSegment].some((name) => /search|query/i.test(name));
}

function writeOperation(method: string, path: string, operation: ConfigNode): ApiOperation {
  const operationId = operation.get('operationId')?.string;
  return { method: method.toUpperCase(), path, ...(operationId ? { operationId } : {}) };
}

/** The candidate part of a description file: its write operations, for the plugins that reference it. */
export function collectApiDescription(path: string, text: string, format: ConfigFormat): PartialComponent[] {
  const writeOperations = apiWriteOperations(text, format);
  if (!writeOperations) return [];
  return [
    {
      ref: apiDescriptionRef(path),
      kind: 'plugin',
      name: path,
      candidate: true,
      occurrences: [{ path, line: 1, evidence: 'config' }],
      properties: [],
      dependsOn: [],
      pluginFacts: { writeOperations },
    },
  ];
}
