import { type Node, type Tree, withTree } from '../parse/treeSitter';
import { LineIndex } from '../text/lineIndex';
import { type IacPropertyKind, IacResource } from './iacResource';

/**
 * Terraform `resource "<type>" "<name>" { … }` blocks, read with the tree-sitter HCL grammar: the
 * grammar already knows comments, heredocs and interpolation, so only plain literals (`literal_value`
 * nodes without interpolation) are literal properties; any other expression keeps its text. Nested
 * blocks (`model { name = … }`) add a path segment. Ranges come from the syntax nodes.
 */
export function readTerraform(text: string): Promise<IacResource[]> {
  return withTree('hcl', text, (tree) => terraformResources(tree, text));
}

/** The resources of a Terraform file already parsed (a rule's `context.tree` for `.tf` files). */
export function terraformResources(tree: Tree, text: string): IacResource[] {
  const lines = new LineIndex(text);
  const resources: IacResource[] = [];
  const body = tree.rootNode.namedChildren.find((child) => child?.type === 'body');
  for (const block of children(body, 'block')) {
    const labels = children(block, 'string_lit');
    if (blockName(block) !== 'resource' || labels.length !== 2) continue;
    const type = stringLiteral(labels[0]);
    if (!type) continue;
    const resource = new IacResource(
      'terraform',
      type,
      stringLiteral(labels[1]),
      lines.rangeOf(block.startIndex, block.endIndex),
      lines.rangeOf(block.startIndex, labels[1].endIndex),
    );
    readBody(bodyOf(block), '', resource, lines);
    resources.push(resource);
  }
  return resources;
}

/** Attributes and nested blocks; the tree is only lent, so properties keep plain values and ranges. */
function readBody(body: Node | undefined, prefix: string, resource: IacResource, lines: LineIndex): void {
  if (!body) return;
  for (const child of body.namedChildren) {
    const identifier = child?.namedChildren.find((part) => part?.type === 'identifier');
    if (!child || !identifier) continue;
    const path = `${prefix}${identifier.text}`;
    const keyRange = lines.rangeOf(identifier.startIndex, identifier.endIndex);
    if (child.type === 'block') {
      resource.add({ path, kind: 'object', value: undefined, range: lines.rangeOf(child.startIndex, child.endIndex), keyRange });
      readBody(bodyOf(child), `${path}.`, resource, lines);
    } else if (child.type === 'attribute') {
      const expression = child.namedChildren.find((part) => part?.type === 'expression');
      if (!expression) continue;
      resource.add({ path, ...expressionValue(expression), range: lines.rangeOf(expression.startIndex, expression.endIndex), keyRange });
    }
  }
}

/** A literal's value (a string without interpolation, a number, a boolean, null), else the expression's text. */
function expressionValue(expression: Node): { kind: IacPropertyKind; value: unknown } {
  const literal = expression.namedChildren.length === 1 ? expression.namedChildren[0] : undefined;
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
