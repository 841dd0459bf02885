import { type Node, withTree } from '../parse/treeSitter';
import type { IacResource } from './iac';

/**
 * Terraform `resource "<type>" "<name>" { … }` blocks, read with the tree-sitter HCL grammar: the
 * grammar already knows comments, heredocs and interpolation, so only plain string literals
 * (`literal_value` nodes) become values. Nested blocks (`model { name = … }`) add a path segment.
 */
export function readTerraform(text: string): Promise<IacResource[]> {
  return withTree('hcl', text, (tree) => {
    const resources: IacResource[] = [];
    const body = tree.rootNode.namedChildren.find((child) => child?.type === 'body');
    for (const block of children(body, 'block')) {
      const labels = children(block, 'string_lit');
      if (blockName(block) !== 'resource' || labels.length !== 2) continue;
      const type = stringLiteral(labels[0]);
      if (!type) continue;
      const resource: IacResource = { type, line: block.startPosition.row + 1, values: new Map() };
      readBody(bodyOf(block), '', resource);
      resources.push(resource);
    }
    return resources;
  });
}

function readBody(body: Node | undefined, prefix: string, resource: IacResource): void {
  if (!body) return;
  for (const child of body.namedChildren) {
    if (!child) continue;
    const name = child.namedChildren.find((part) => part?.type === 'identifier')?.text.toLowerCase();
    if (!name) continue;
    if (child.type === 'block') readBody(bodyOf(child), `${prefix}${name}.`, resource);
    else if (child.type === 'attribute') {
      const value = literalOf(child.namedChildren.find((part) => part?.type === 'expression'));
      if (value !== undefined && !resource.values.has(`${prefix}${name}`)) {
        resource.values.set(`${prefix}${name}`, { value, line: child.startPosition.row + 1 });
      }
    }
  }
}

/** The text of an expression that is exactly one string literal, without interpolation. */
function literalOf(expression: Node | null | undefined): string | undefined {
  const literal = expression?.namedChildren.length === 1 ? expression.namedChildren[0] : undefined;
  if (literal?.type !== 'literal_value') return undefined;
  const string = literal.namedChildren[0];
  return string?.type === 'string_lit' ? stringLiteral(string) : undefined;
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
