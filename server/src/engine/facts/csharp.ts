import type { Node, Tree } from '../parse/treeSitter';
import { assignmentTarget, firstLine, lastSegment, type RawCall, unwrap, urlsIn } from './common';
import { ConstantSyntax } from './flow';
import type { LanguageAdapter } from './language';
import type { CodeArg, CodeImport } from './types';

/** C# facts: `using` namespaces, invocations and object creations (typed `new()` included). */

const CSHARP_STRINGS = ['string_literal', 'verbatim_string_literal', 'raw_string_literal'];

export function csharpAdapter(tree: Tree): LanguageAdapter {
  return {
    syntax: new ConstantSyntax(tree.rootNode, csString, ['variable_declarator'], (node) => [
      [node.childForFieldName('name'), node.namedChildren[node.namedChildCount - 1]],
    ]),
    imports: () => csImports(tree),
    calls: (resolve) => csCalls(tree, resolve),
  };
}

export function csString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string_literal') {
    return node.namedChildren
      .filter((child): child is Node => child?.type === 'string_literal_content' || child?.type === 'escape_sequence')
      .map((child) => child.text)
      .join('');
  }
  if (node.type === 'verbatim_string_literal') return node.text.slice(2, -1).replace(/""/g, '"');
  if (node.type === 'raw_string_literal') {
    const content = node.namedChildren.find((child) => child?.type === 'raw_string_content');
    return content?.text;
  }
  return undefined;
}

function csTypeName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'generic_name') return node.namedChildren.find((child) => child?.type === 'identifier')?.text;
  if (node.type === 'qualified_name') return csTypeName(node.childForFieldName('name'));
  return node.type === 'identifier' ? node.text : undefined;
}

function csImports(tree: Tree): CodeImport[] {
  const imports: CodeImport[] = [];
  for (const node of tree.rootNode.descendantsOfType('using_directive')) {
    const name = node?.namedChildren.filter((child) => child?.type === 'qualified_name' || child?.type === 'identifier').pop();
    if (node && name) imports.push({ module: name.text, row: node.startPosition.row });
  }
  return imports;
}

const ASSIGNMENT = [
  { parent: 'variable_declarator', value: '*last', target: 'name' },
  { parent: 'assignment_expression', value: 'right', target: 'left' },
];

function csCalls(tree: Tree, resolve: (node: Node) => string | undefined): RawCall[] {
  const calls: RawCall[] = [];
  for (const node of tree.rootNode.descendantsOfType([
    'object_creation_expression',
    'implicit_object_creation_expression',
    'invocation_expression',
  ])) {
    if (!node) continue;
    const argumentList = node.childForFieldName('arguments') ?? node.namedChildren.find((child) => child?.type === 'argument_list');
    const base = {
      node,
      row: node.startPosition.row,
      args: csArguments(argumentList, resolve),
      urls: urlsIn(argumentList, CSHARP_STRINGS, csString),
      assignedTo: assignmentTarget(node, ASSIGNMENT),
    };
    if (node.type === 'invocation_expression') {
      const fn = node.childForFieldName('function');
      if (!fn) continue;
      const target = fn.type === 'member_access_expression' ? fn.childForFieldName('expression') : undefined;
      const receiver = target ? unwrap(target) : undefined;
      const method = csTypeName(fn.type === 'member_access_expression' ? fn.childForFieldName('name') : fn) ?? lastSegment(fn.text);
      const typeName = receiver?.type === 'identifier' && /^[A-Z]/.test(receiver.text) ? receiver.text : undefined;
      calls.push({
        ...base,
        callee: firstLine(fn.text),
        method,
        typeName,
        receiverNode: receiver && ['invocation_expression', 'object_creation_expression'].includes(receiver.type) ? receiver : undefined,
        receiverText: receiver && /^[\w.]+$/.test(receiver.text) ? receiver.text : undefined,
      });
      continue;
    }
    // `AzureOpenAIClient client = new(…)` names its type on the declaration.
    const typeNode =
      node.type === 'object_creation_expression'
        ? node.childForFieldName('type')
        : node.parent?.parent?.type === 'variable_declaration'
          ? node.parent.parent.childForFieldName('type')
          : undefined;
    const typeName = csTypeName(typeNode) ?? roleMessageType(node, argumentList);
    if (!typeName) continue;
    calls.push({ ...base, callee: `new ${typeName}`, method: typeName, typeName });
  }
  return calls;
}

/**
 * `List<ChatMessage> history = [new(ChatRole.System, "…")]`: a target-typed message in a collection names no
 * type, but a role as its first argument says it is a chat message (Microsoft.Extensions.AI, Semantic Kernel).
 */
function roleMessageType(node: Node, argumentList: Node | null | undefined): string | undefined {
  if (node.type !== 'implicit_object_creation_expression') return undefined;
  const role = argumentList?.namedChild(0)?.text ?? '';
  if (/^ChatRole\.\w+$/.test(role)) return 'ChatMessage';
  return /^AuthorRole\.\w+$/.test(role) ? 'ChatMessageContent' : undefined;
}

function csArguments(argumentList: Node | null | undefined, resolve: (node: Node) => string | undefined): CodeArg[] {
  return (argumentList?.namedChildren ?? []).flatMap((argument) => {
    if (argument?.type !== 'argument') return [];
    const name = argument.childForFieldName('name')?.text;
    const expression = argument.namedChildren[argument.namedChildCount - 1] ?? argument;
    return [{ name, node: expression, value: resolve(expression) }];
  });
}
