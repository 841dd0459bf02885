import { type ConfigDocument, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { type IacDeclaration, type IacProperty, type IacPropertyKind, IacResource } from './iacResource';

type Classified = { kind: IacPropertyKind; value: unknown; resolved?: IacProperty['resolved'] };

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
  readArmResources(document, document.root.get('resources'), undefined, armClassifier(document.root), resources);
  return resources;
}

/**
 * `[parameters('x')]` resolves to the parameter's literal `defaultValue` (a default: a deployment
 * may pass another), `[variables('x')]` to a literal variable (a constant).
 */
function armClassifier(root: ConfigNode): (node: ConfigNode) => Classified {
  const named = (section: string, name: string) =>
    root
      .get(section)
      ?.entries()
      .find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  return (node) => {
    const classified = armKind(node);
    const reference = classified.kind === 'expression' && /^\[\s*(parameters|variables)\(\s*'([^']+)'\s*\)\s*\]$/i.exec(String(node.value));
    if (!reference) return classified;
    const isParameter = reference[1].toLowerCase() === 'parameters';
    const target = isParameter ? named('parameters', reference[2])?.get('defaultValue') : named('variables', reference[2]);
    const value = target && armKind(target);
    if (value?.kind !== 'literal') return classified;
    return { ...classified, resolved: { value: value.value, source: isParameter ? 'default' : 'constant' } };
  };
}

/** `resources` is an array, or an object keyed by symbolic names (language version 2.0). */
function readArmResources(
  document: ConfigDocument,
  node: ConfigNode | undefined,
  parentType: string | undefined,
  classify: (node: ConfigNode) => Classified,
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
    addProperties(resource, entry, '', classify, (key) => key.toLowerCase() !== 'resources');
    out.push(resource);
    readArmResources(document, entry.get('resources'), type, classify, out);
    // Nested deployments carry a whole template of their own, with parameters of their own.
    const template = type.toLowerCase() === 'microsoft.resources/deployments' ? entry.get(['properties', 'template']) : undefined;
    if (template) readArmResources(document, template.get('resources'), undefined, armClassifier(template), out);
  }
}

/** Plain strings only: `[…]` is an expression, `[[…` an escaped literal bracket. */
function armLiteral(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('[[')) return value.slice(1);
  return value.startsWith('[') && value.endsWith(']') ? undefined : value;
}

function armKind(node: ConfigNode): Classified {
  if (node.kind === 'string') {
    const literal = armLiteral(node.value);
    return literal === undefined ? { kind: 'expression', value: node.value } : { kind: 'literal', value: literal };
  }
  return plainKind(node);
}

/** An ARM template's parameters with a literal `defaultValue` and its literal `variables`. */
export function armDeclarations(text: string): IacDeclaration[] {
  const document = configDocumentFor(text, 'json');
  const root = document.root;
  const schema = root?.get('$schema')?.string ?? '';
  if (root && /deploymentParameters/i.test(schema)) return parameterFileDeclarations(root);
  if (!root || !/deploymentTemplate/i.test(schema)) return [];
  const parameters = root.get('parameters')?.entries() ?? [];
  const collections = parameters.flatMap(([name, node]) => {
    const value = node.get('defaultValue');
    return value?.kind === 'array' || value?.kind === 'object' ? collectionMembers(name, value, 'default') : [];
  });
  return [
    ...collections,
    ...declarationsOf(
      parameters.map(([name, node]) => [name, node.get('defaultValue')]),
      'default',
      armKind,
    ),
    ...declarationsOf(root.get('variables')?.entries() ?? [], 'constant', armKind),
  ];
}

/**
 * A parameters file (`main.parameters.json`): each `value` is what the deployment passes. The Azure
 * Developer CLI writes `"\${AZURE_OPENAI_MODEL=gpt-4o}"`: the environment may override the default.
 */
function parameterFileDeclarations(root: ConfigNode): IacDeclaration[] {
  const declarations: IacDeclaration[] = [];
  for (const [name, parameter] of root.get('parameters')?.entries() ?? []) {
    const node = parameter.get('value');
    if (node?.kind === 'array' || node?.kind === 'object') declarations.push(...collectionMembers(name, node, 'default'));
    if (node?.kind !== 'string') continue;
    const substitution = /^\$\{\w+(?:=([^}]*))?\}$/.exec(node.string ?? '');
    const value = substitution ? substitution[1] : node.string;
    if (value) declarations.push({ name, value, source: 'default', range: node.range });
  }
  return declarations;
}

// -------------------------------------------------------------------------------- CloudFormation

/** A CloudFormation template's parameters with a literal `Default`. */
export function cloudFormationDeclarations(text: string, kind: 'json' | 'yaml'): IacDeclaration[] {
  const parameters = configDocumentFor(text, kind).root?.get('Parameters')?.entries() ?? [];
  return declarationsOf(
    parameters.map(([name, node]) => [name, node.get('Default')]),
    'default',
    (node) => (cfnIntrinsic(node) ? { kind: 'expression', value: node.value } : plainKind(node)),
  );
}

/** The string members of an array or object value, by path (`openAiDeployments[1].model.name`). */
function collectionMembers(path: string, node: ConfigNode, source: IacDeclaration['source']): IacDeclaration[] {
  if (node.kind === 'string') return node.string ? [{ name: path, value: node.string, source, range: node.range }] : [];
  if (node.kind === 'array') return node.items().flatMap((item, index) => collectionMembers(`${path}[${index}]`, item, source));
  if (node.kind === 'object') return node.entries().flatMap(([key, child]) => collectionMembers(`${path}.${key}`, child, source));
  return [];
}

function declarationsOf(
  entries: [string, ConfigNode | undefined][],
  source: IacDeclaration['source'],
  classify: (node: ConfigNode) => Classified,
): IacDeclaration[] {
  const declarations: IacDeclaration[] = [];
  for (const [name, node] of entries) {
    const classified = node && classify(node);
    if (node && classified?.kind === 'literal') declarations.push({ name, value: classified.value, source, range: node.range });
  }
  return declarations;
}

export function readCloudFormation(text: string, kind: 'json' | 'yaml'): IacResource[] {
  // Short-form intrinsics (`!Ref`, `!Sub`) are unknown tags to a plain YAML parser: they stay
  // tagged nodes, which read as expressions.
  const document = configDocumentFor(text, kind);
  const resources: IacResource[] = [];
  const classify = cfnClassifier(document.root);
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
    addProperties(resource, body, '', classify, () => true);
    resources.push(resource);
  }
  return resources;
}

/**
 * The intrinsic function a node calls and its argument: `!Ref x`, `!Sub …` (YAML short forms) and
 * `{"Ref": …}`, `{"Fn::GetAtt": …}` (long forms) are computed.
 */
function cfnIntrinsic(node: ConfigNode): { name: string; argument: unknown } | undefined {
  if (node.tag?.startsWith('!') && !node.tag.startsWith('!!')) return { name: node.tag.slice(1), argument: node.value };
  const entries = node.entries();
  const long = entries.length === 1 ? /^(?:(Ref|Condition)|Fn::([A-Za-z]+))$/.exec(entries[0][0]) : null;
  return long ? { name: long[1] ?? long[2], argument: entries[0][1].value } : undefined;
}

/**
 * `!Ref Parameter` resolves to the parameter's literal `Default` (a default), and `!Sub` of a
 * string with no `${…}` placeholder to that string (a constant); `!GetAtt` and the rest stay unknown.
 */
function cfnClassifier(root: ConfigNode | undefined): (node: ConfigNode) => Classified {
  return (node) => {
    const intrinsic = cfnIntrinsic(node);
    if (!intrinsic) return plainKind(node);
    const expression: Classified = { kind: 'expression', value: node.value };
    const argument = intrinsic.argument;
    if (intrinsic.name === 'Sub' && typeof argument === 'string' && !argument.includes('${')) {
      return { ...expression, resolved: { value: argument, source: 'constant' } };
    }
    const parameter = intrinsic.name === 'Ref' && typeof argument === 'string' ? root?.get(['Parameters', argument, 'Default']) : undefined;
    if (parameter && (parameter.kind === 'string' || parameter.kind === 'number' || parameter.kind === 'boolean')) {
      return { ...expression, resolved: { value: parameter.value, source: 'default' } };
    }
    return expression;
  };
}

// ---------------------------------------------------------------------------------------------

function plainKind(node: ConfigNode): Classified {
  if (node.kind === 'object' || node.kind === 'array') return { kind: node.kind, value: node.value };
  return { kind: 'literal', value: node.value };
}

/** Every member of a resource body, objects and array elements (`path[i]`) recursively, by dotted path. */
function addProperties(
  resource: IacResource,
  node: ConfigNode,
  prefix: string,
  classify: (node: ConfigNode) => Classified,
  include: (key: string) => boolean,
): void {
  for (const [key, child] of node.entries()) {
    if (include(key)) addProperty(resource, `${prefix}${key}`, child, child.keyRange ?? child.range, classify);
  }
}

function addProperty(
  resource: IacResource,
  path: string,
  node: ConfigNode,
  keyRange: IacProperty['keyRange'],
  classify: (node: ConfigNode) => Classified,
): void {
  const classified = classify(node);
  resource.add({ path, ...classified, range: node.range, keyRange });
  if (classified.kind === 'object') addProperties(resource, node, `${path}.`, classify, () => true);
  if (classified.kind === 'array') {
    node.items().forEach((item, index) => {
      addProperty(resource, `${path}[${index}]`, item, item.range, classify);
    });
  }
}
