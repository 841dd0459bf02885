import type { Node, Tree } from '../parse/treeSitter';
import { firstLine, type RawCall, urlsIn } from './common';
import { ConstantSyntax } from './flow';
import type { LanguageAdapter } from './language';
import type { CodeArg, CodeImport } from './types';

/** Go facts: import paths (packages by their conventional name), calls, and struct literals of imported types. */

const GO_STRINGS = ['interpreted_string_literal', 'raw_string_literal'];

export function goAdapter(tree: Tree): LanguageAdapter {
  const imports = goImports(tree);
  return {
    syntax: new ConstantSyntax(tree.rootNode, goString, ['const_spec', 'var_spec', 'short_var_declaration'], goBindings),
    imports: () => imports.list,
    calls: (resolve) => goCalls(tree, imports.packages, resolve),
  };
}

function goString(node: Node | null | undefined): string | undefined {
  if (node?.type === 'interpreted_string_literal') {
    return node.namedChildren
      .filter((child): child is Node => child?.type === 'interpreted_string_literal_content' || child?.type === 'escape_sequence')
      .map((child) => child.text)
      .join('');
  }
  if (node?.type === 'raw_string_literal') return node.text.slice(1, -1);
  return undefined;
}

/** The package name an import path conventionally binds (`…/anthropic-sdk-go` → `anthropic`, `…/openai-go/v2` → `openai`). */
export function goPackageName(importPath: string): string {
  const segments = importPath.split('/');
  let last = segments[segments.length - 1];
  if (/^v\d+$/.test(last) && segments.length > 1) last = segments[segments.length - 2];
  return last
    .replace(/^go-/, '')
    .replace(/(?:-sdk)?-go$/, '')
    .replace(/-.*$/, '')
    .replace(/\./g, '_');
}

function goImports(tree: Tree): { list: CodeImport[]; packages: Map<string, string> } {
  const list: CodeImport[] = [];
  const packages = new Map<string, string>();
  for (const spec of tree.rootNode.descendantsOfType('import_spec')) {
    const importPath = goString(spec?.childForFieldName('path'));
    if (!spec || !importPath) continue;
    list.push({ module: importPath, row: spec.startPosition.row });
    const alias = spec.childForFieldName('name')?.text;
    if (alias !== '_' && alias !== '.') packages.set(alias ?? goPackageName(importPath), importPath);
  }
  return { list, packages };
}

function goCalls(tree: Tree, packages: Map<string, string>, resolve: (node: Node) => string | undefined): RawCall[] {
  const calls: RawCall[] = [];
  for (const node of tree.rootNode.descendantsOfType(['call_expression', 'composite_literal'])) {
    if (!node) continue;
    const base = { node, row: node.startPosition.row, assignedTo: goAssignmentTarget(node) };
    if (node.type === 'composite_literal') {
      // `openai.ChatCompletionNewParams{Model: "gpt-4o"}` carries model ids like a call's named arguments.
      const type = node.childForFieldName('type');
      if (type?.type !== 'qualified_type') continue;
      const pkg = type.childForFieldName('package')?.text ?? '';
      const name = type.childForFieldName('name')?.text ?? '';
      const origin = packages.get(pkg);
      if (!origin) continue;
      calls.push({
        ...base,
        callee: `${pkg}.${name}`,
        method: name,
        typeName: name,
        origin: `${origin}.${name}`,
        args: goKeyed(node, resolve),
        urls: [],
      });
      continue;
    }
    const fn = node.childForFieldName('function');
    const argumentList = node.childForFieldName('arguments');
    if (!fn) continue;
    const operand = fn.type === 'selector_expression' ? fn.childForFieldName('operand') : undefined;
    const field = fn.type === 'selector_expression' ? (fn.childForFieldName('field')?.text ?? '') : fn.text;
    const pkgPath = operand?.type === 'identifier' ? packages.get(operand.text) : undefined;
    const args = (argumentList?.namedChildren ?? []).flatMap((child): CodeArg[] => {
      if (!child) return [];
      if (child.type === 'composite_literal' || child.type === 'unary_expression') return goKeyed(child, resolve);
      return [{ node: child, value: resolve(child) }];
    });
    calls.push({
      ...base,
      callee: firstLine(fn.text),
      method: field,
      origin: pkgPath ? `${pkgPath}.${field}` : undefined,
      args,
      urls: urlsIn(argumentList, GO_STRINGS, goString),
      receiverNode: operand && !pkgPath && operand.type === 'call_expression' ? operand : undefined,
      receiverText: operand && !pkgPath && /^[\w.]+$/.test(operand.text) ? operand.text : undefined,
    });
  }
  return calls;
}

/** `x := f()`, `x = f()` and `var x = f()` bind the first name on the left to the first value on the right. */
function goAssignmentTarget(node: Node): string | undefined {
  const parent = node.parent;
  const declaration = parent?.parent;
  if (parent?.type !== 'expression_list' || !declaration || parent.namedChildren[0]?.id !== node.id) return undefined;
  if (declaration.type === 'var_spec') {
    return declaration.childForFieldName('value')?.id === parent.id ? declaration.childForFieldName('name')?.text : undefined;
  }
  if (!['short_var_declaration', 'assignment_statement'].includes(declaration.type)) return undefined;
  if (declaration.childForFieldName('right')?.id !== parent.id) return undefined;
  const left = declaration.childForFieldName('left')?.namedChildren[0];
  return left?.type === 'identifier' ? left.text : undefined;
}

function goKeyed(node: Node, resolve: (node: Node) => string | undefined): CodeArg[] {
  const composite = node.type === 'unary_expression' ? node.namedChildren[0] : node;
  const body = composite?.childForFieldName('body');
  return (body?.namedChildren ?? []).flatMap((element) => {
    if (element?.type !== 'keyed_element') return [];
    const key = element.namedChildren[0]?.text;
    const value = element.namedChildren[1];
    const expression = value?.namedChildren[0] ?? value;
    return expression ? [{ name: key, node: expression, value: resolve(expression) }] : [];
  });
}

/** `const x = "…"`, `var x = "…"`, `x := "…"`: names paired with their values. */
export function goBindings(node: Node): [Node | null | undefined, Node | null | undefined][] {
  // The binding's `childrenForFieldName` also returns the commas between the names: keep the names.
  const names = (
    node.type === 'short_var_declaration' ? node.childForFieldName('left')?.namedChildren : node.childrenForFieldName('name')
  )?.filter((name) => name?.type === 'identifier');
  const values = (node.type === 'short_var_declaration' ? node.childForFieldName('right') : node.childForFieldName('value'))?.namedChildren;
  return (names ?? []).map((name, index) => [name, values?.[index]]);
}
