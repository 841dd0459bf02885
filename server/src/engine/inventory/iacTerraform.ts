import { type Node, type Tree, withTree } from '../parse/treeSitter';
import { LineIndex } from '../text/lineIndex';
import { type IacDeclaration, type IacProperty, type IacPropertyKind, IacResource } from './iacResource';

/**
 * Terraform `resource "<type>" "<name>" { … }` blocks, read with the tree-sitter HCL grammar: the
 * grammar already knows comments, heredocs and interpolation, so only plain literals (`literal_value`
 * nodes without interpolation) are literal properties; any other expression keeps its text. Nested
 * blocks (`model { name = … }`) add a path segment. Ranges come from the syntax nodes.
 */
export function readTerraform(text: string): Promise<IacResource[]> {
  return withTree('hcl', text, (tree) => terraformResources(tree, text));
}

/**
 * The resources of a Terraform file already parsed (a rule's `context.tree` for `.tf` files).
 * `var.x` resolves to the default of a `variable "x"` declared in the same file (a `default`
 * value: callers may override it) and `local.x` to a literal in a `locals` block (a constant).
 * `module` calls are listed too, as resources of type `module` whose properties are their arguments.
 */
export function terraformResources(tree: Tree, text: string): IacResource[] {
  return readTerraformFile(tree, text).resources;
}

/** The resources and the literal declarations (`variable` defaults, `locals`) of a parsed Terraform file. */
export function readTerraformFile(tree: Tree, text: string): { resources: IacResource[]; declarations: IacDeclaration[] } {
  const lines = new LineIndex(text);
  const resources: IacResource[] = [];
  const body = tree.rootNode.namedChildren.find((child) => child?.type === 'body');
  const blocks = children(body, 'block');
  const declarations = declarationsOf(blocks, lines);
  const reader = new BodyReader(lines, symbolsOf(declarations));
  for (const block of blocks) {
    const labels = children(block, 'string_lit');
    const keyword = blockName(block);
    const isResource = keyword === 'resource' && labels.length === 2;
    if (!isResource && !(keyword === 'module' && labels.length === 1)) continue;
    const type = isResource ? stringLiteral(labels[0]) : 'module';
    if (!type) continue;
    const nameLabel = labels[labels.length - 1];
    const resource = new IacResource(
      'terraform',
      type,
      stringLiteral(nameLabel),
      lines.rangeOf(block.startIndex, block.endIndex),
      lines.rangeOf(block.startIndex, nameLabel.endIndex),
    );
    reader.read(bodyOf(block), '', resource);
    resources.push(type === 'azapi_resource' ? (azapiResource(resource) ?? resource) : resource);
  }
  return { resources, declarations };
}

/**
 * `azapi_resource` declares an ARM resource from Terraform: `type = "Microsoft.X/y@version"` and
 * the ARM body as an HCL object (`body = { properties = { … } }`). It is listed under its ARM type
 * with the body's members at the top (`properties.disableLocalAuth`), as ARM and Bicep read, so
 * the Azure rules and the AI-BOM apply unchanged. A body built with `jsonencode(…)` or a `for`
 * expression is one expression, so nothing in it can be judged.
 */
function azapiResource(resource: IacResource): IacResource | undefined {
  const written = resource.known('type')?.value;
  // Without a readable body nothing can be judged; listed as an ARM type, its settings would look missing.
  if (typeof written !== 'string' || !written.includes('/') || resource.get('body')?.kind !== 'object') return undefined;
  const arm = new IacResource('terraform', written.split('@')[0], resource.name, resource.range, resource.declarationRange);
  for (const property of resource.properties) {
    if (property.path === 'type') continue;
    arm.add(property.path.startsWith('body.') ? { ...property, path: property.path.slice('body.'.length) } : property);
  }
  return arm;
}

type Resolved = NonNullable<IacProperty['resolved']>;

/** `variable` defaults and `locals` that are plain literals, by reference (`var.x`, `local.x`). */
function symbolsOf(declarations: IacDeclaration[]): Map<string, Resolved> {
  const symbols = new Map<string, Resolved>();
  for (const { name, value, source } of declarations) symbols.set(`${source === 'default' ? 'var' : 'local'}.${name}`, { value, source });
  return symbols;
}

/** `variable "x" { default = <literal> }` (a default) and `locals { x = <literal> }` (a constant). */
function declarationsOf(blocks: Node[], lines: LineIndex): IacDeclaration[] {
  const declarations: IacDeclaration[] = [];
  const add = (name: string | undefined, source: Resolved['source'], value: ReturnType<typeof attributeLiteral>) => {
    if (name && value)
      declarations.push({ name, value: value.value, source, range: lines.rangeOf(value.node.startIndex, value.node.endIndex) });
  };
  for (const block of blocks) {
    const keyword = blockName(block);
    if (keyword === 'variable') {
      const label = children(block, 'string_lit')[0];
      const name = label && stringLiteral(label);
      add(name, 'default', attributeLiteral(bodyOf(block), 'default'));
      if (name) declarations.push(...collectionMembers(bodyOf(block), name, lines));
    } else if (keyword === 'locals') {
      for (const attribute of children(bodyOf(block), 'attribute')) {
        const name = attribute.namedChildren.find((part) => part?.type === 'identifier')?.text;
        add(name, 'constant', name ? attributeLiteral(bodyOf(block), name) : undefined);
      }
    }
  }
  return declarations;
}

/**
 * The literal members of a collection default (`default = [{ name = "chat", model = { name = "gpt-4o" } }]`),
 * by path (`deployments[0].model.name`): module inputs often list their model deployments this way.
 */
function collectionMembers(body: Node | undefined, name: string, lines: LineIndex): IacDeclaration[] {
  const attribute = children(body, 'attribute').find(
    (entry) => entry.namedChildren.find((part) => part?.type === 'identifier')?.text === 'default',
  );
  const expression = attribute?.namedChildren.find((part) => part?.type === 'expression');
  const collection = expression?.namedChildren.length === 1 ? expression.namedChildren[0] : undefined;
  if (!expression || collection?.type !== 'collection_value') return [];
  const scratch = new IacResource('terraform', 'variable', name, lines.rangeOf(0, 0), lines.rangeOf(0, 0));
  new BodyReader(lines, new Map()).readExpression(expression, name, lines.rangeOf(expression.startIndex, expression.endIndex), scratch);
  const keys = mapKeysOf(collection);
  return scratch.properties
    .filter((property) => property.kind === 'literal' && property.path !== name)
    .map((property) => {
      const mapKey = keys.find((key) => property.path === `${name}.${key}` || property.path.startsWith(`${name}.${key}.`));
      return {
        name: property.path,
        value: property.value,
        source: 'default' as const,
        range: property.range,
        ...(mapKey ? { mapKey } : {}),
      };
    });
}

/** The keys of a map default (`{ "gpt-4o" = …, "o3-mini" = … }`), longest first so a dotted key wins over its prefix. */
function mapKeysOf(collection: Node): string[] {
  const literal = collection.namedChildren[0];
  if (literal?.type !== 'object') return [];
  const keys = children(literal, 'object_elem').map((element) => {
    const key = element.childForFieldName('key');
    return key ? objectKey(key) : undefined;
  });
  return keys.filter((key): key is string => key !== undefined).sort((a, b) => b.length - a.length);
}

function attributeLiteral(body: Node | undefined, name: string): { value: unknown; node: Node } | undefined {
  for (const attribute of children(body, 'attribute')) {
    if (attribute.namedChildren.find((part) => part?.type === 'identifier')?.text !== name) continue;
    const expression = attribute.namedChildren.find((part) => part?.type === 'expression');
    const value = expression ? expressionValue(expression) : undefined;
    return expression && value?.kind === 'literal' ? { value: value.value, node: expression } : undefined;
  }
  return undefined;
}

/** Attributes and nested blocks; the tree is only lent, so properties keep plain values and ranges. */
class BodyReader {
  constructor(
    private readonly lines: LineIndex,
    private readonly symbols: Map<string, Resolved>,
  ) {}

  /**
   * A block repeated under one name (`filters_config { … } filters_config { … }`) is listed as
   * `name`, `name[1]`, `name[2]`, …: single blocks read by plain paths (`IacResource.items` knows).
   */
  read(body: Node | undefined, prefix: string, resource: IacResource): void {
    if (!body) return;
    const counts = new Map<string, number>();
    for (const child of body.namedChildren) {
      const identifier = child?.namedChildren.find((part) => part?.type === 'identifier');
      if (!child || !identifier) continue;
      const path = `${prefix}${identifier.text}`;
      const keyRange = this.lines.rangeOf(identifier.startIndex, identifier.endIndex);
      if (child.type === 'block') {
        const index = counts.get(path) ?? 0;
        counts.set(path, index + 1);
        const range = this.lines.rangeOf(child.startIndex, child.endIndex);
        const written = index === 0 ? path : `${path}[${index}]`;
        resource.add({ path: written, kind: 'object', value: undefined, range, keyRange });
        this.read(bodyOf(child), `${written}.`, resource);
      } else if (child.type === 'attribute') {
        const expression = child.namedChildren.find((part) => part?.type === 'expression');
        if (expression) this.readExpression(expression, path, keyRange, resource);
      }
    }
  }

  /**
   * An attribute's value: object (`{ a = 1 }`) and tuple (`[1, 2]`) constructors become `object`
   * and `array` properties with members (`path.a`, `path[0]`), as the AWS Cloud Control provider
   * writes nested settings; anything else is a literal or an expression.
   */
  readExpression(expression: Node, path: string, keyRange: IacProperty['keyRange'], resource: IacResource): void {
    const range = this.lines.rangeOf(expression.startIndex, expression.endIndex);
    const collection = expression.namedChildren.length === 1 ? expression.namedChildren[0] : undefined;
    const literal = collection?.type === 'collection_value' ? collection.namedChildren[0] : undefined;
    if (literal?.type === 'object') {
      resource.add({ path, kind: 'object', value: expression.text, range, keyRange });
      for (const element of children(literal, 'object_elem')) {
        const key = element.childForFieldName('key');
        const value = element.childForFieldName('val');
        const name = key ? objectKey(key) : undefined;
        if (key && value && name) this.readExpression(value, `${path}.${name}`, this.lines.rangeOf(key.startIndex, key.endIndex), resource);
      }
      return;
    }
    if (literal?.type === 'tuple') {
      resource.add({ path, kind: 'array', value: expression.text, range, keyRange });
      children(literal, 'expression').forEach((item, index) => {
        this.readExpression(item, `${path}[${index}]`, this.lines.rangeOf(item.startIndex, item.endIndex), resource);
      });
      return;
    }
    const value = expressionValue(expression);
    const resolved = value.kind === 'expression' ? this.symbols.get(String(value.value).trim()) : undefined;
    resource.add({ path, ...value, range, keyRange, ...(resolved ? { resolved } : {}) });
  }
}

/** An object key: a bare name (`a`), a literal string (`"a"`) or number (`0 = …`, a map by index); a computed key (`(var.k)`) has none. */
function objectKey(key: Node): string | undefined {
  const inner = key.namedChildren.length === 1 ? key.namedChildren[0] : undefined;
  if (inner?.type === 'variable_expr') return inner.text;
  const value = expressionValue(key);
  if (value.kind === 'literal' && typeof value.value === 'number' && Number.isInteger(value.value)) return String(value.value);
  return value.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
}

/** A literal's value (a string without interpolation, a number, a boolean, null), else the expression's text. */
function expressionValue(expression: Node): { kind: IacPropertyKind; value: unknown } {
  const literal = expression.namedChildren.length === 1 ? expression.namedChildren[0] : undefined;
  const heredoc = literal?.type === 'template_expr' ? heredocLiteral(literal.namedChildren[0]) : undefined;
  if (heredoc !== undefined) return { kind: 'literal', value: heredoc };
  const inner = literal?.type === 'literal_value' ? literal.namedChildren[0] : undefined;
  switch (inner?.type) {
    case 'string_lit': {
      const value = stringLiteral(inner);
      if (value !== undefined) return { kind: 'literal', value };
      break;
    }
    case 'numeric_lit':
      return { kind: 'literal', value: Number(inner.text) };
    case 'bool_lit':
      return { kind: 'literal', value: inner.text === 'true' };
    case 'null_lit':
      return { kind: 'literal', value: null };
  }
  return { kind: 'expression', value: expression.text };
}

function stringLiteral(node: Node): string | undefined {
  if (node.namedChildren.some((part) => part?.type === 'template_interpolation' || part?.type === 'template_directive')) return undefined;
  const raw = children(node, 'template_literal')
    .map((part) => part.text)
    .join('');
  return decodeHclString(raw);
}

/**
 * A heredoc without interpolation (`<<EOT … EOT`, `<<-EOT` with its indentation removed) is a plain
 * string: agent instructions and prompt templates are usually written this way.
 */
function heredocLiteral(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'heredoc_template') return undefined;
  if (node.namedChildren.some((part) => part?.type === 'template_interpolation' || part?.type === 'template_directive')) return undefined;
  // The grammar's literal part skips leading blanks; the lines between the markers are the value.
  const text = node.text;
  const raw = text
    .slice(text.indexOf('\n') + 1, text.lastIndexOf('\n') + 1)
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
  const start = node.namedChildren.find((part) => part?.type === 'heredoc_start')?.text ?? '';
  return start.includes('-') ? stripIndentation(raw) : raw;
}

/** `<<-` removes the indentation its lines share. */
function stripIndentation(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/** HCL quoted-string escapes are JSON's (plus `\U`), and `$${`/`%%{` stand for `${`/`%{`. */
function decodeHclString(raw: string): string {
  let text = raw;
  if (text.includes('\\')) {
    try {
      text = JSON.parse(`"${text}"`) as string;
    } catch {
      // An escape JSON does not know: keep the text as written.
    }
  }
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

function blockName(block: Node): string | undefined {
  return block.namedChildren.find((part) => part?.type === 'identifier')?.text;
}

function bodyOf(block: Node): Node | undefined {
  return block.namedChildren.find((part) => part?.type === 'body') ?? undefined;
}

function children(node: Node | null | undefined, type: string): Node[] {
  return (node?.namedChildren ?? []).filter((child): child is Node => child?.type === type);
}
