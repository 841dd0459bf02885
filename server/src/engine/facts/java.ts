import modelsData from '../data/models.json';
import { providerForModelId } from '../inventory/catalog';
import type { Node, Tree } from '../parse/treeSitter';
import { assignmentTarget, firstLine, lastSegment, type RawCall, unwrap, urlsIn } from './common';
import { ConstantSyntax } from './flow';
import type { LanguageAdapter } from './language';
import type { CodeImport } from './types';

/** Java facts: imports (classes resolve through them), method invocations and object creations. */

export function javaAdapter(tree: Tree): LanguageAdapter {
  const imports = javaImports(tree);
  return {
    syntax: new ConstantSyntax(
      tree.rootNode,
      (node) => javaString(node) ?? modelEnumValue(node, imports),
      ['variable_declarator'],
      (node) => [[node.childForFieldName('name'), node.childForFieldName('value')]],
    ),
    imports: () => imports,
    calls: (resolve) => javaCalls(tree, importedClasses(imports), resolve),
  };
}

function javaString(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string_literal') return undefined;
  return node.namedChildren
    .filter(
      (child): child is Node =>
        child?.type === 'string_fragment' || child?.type === 'escape_sequence' || child?.type === 'multiline_string_fragment',
    )
    .map((child) => child.text)
    .join('');
}

const MODEL_ENUMS = new Map(Object.entries(modelsData.modelEnums).filter(([name]) => name !== '$comment'));

/**
 * The model id a LangChain4j model-name enum constant stands for: `OpenAiChatModelName.GPT_4_O_MINI`, or
 * `GPT_4_O_MINI` imported statically from it (`import static …OpenAiChatModelName.GPT_4_O_MINI;`, `.*`).
 * The enums' values follow their constants' names by the rule `models.json` gives per enum.
 */
function modelEnumValue(node: Node, imports: CodeImport[]): string | undefined {
  let enumName: string | undefined;
  let constant: string | undefined;
  if (node.type === 'field_access') {
    enumName = node.childForFieldName('object')?.text.split('.').pop();
    constant = node.childForFieldName('field')?.text;
  } else if (node.type === 'identifier' && /^[A-Z][A-Z0-9_]*[A-Za-z0-9]$/.test(node.text)) {
    constant = node.text;
    enumName = imports
      .map((entry) => entry.module.split('.'))
      .filter((parts) => parts[parts.length - 1] === node.text || parts[parts.length - 1] === '*')
      .map((parts) => parts[parts.length - 2] ?? '')
      .find((name) => MODEL_ENUMS.has(name));
  }
  const rule = enumName ? MODEL_ENUMS.get(enumName) : undefined;
  if (!rule || !constant || !/^[A-Z][A-Za-z0-9_]*$/.test(constant)) return undefined;
  const lower = constant.toLowerCase().replace(/_/g, '-');
  // `GPT_3_5_TURBO` is `gpt-3.5-turbo`, `GPT_4_1_MINI` `gpt-4.1-mini`, `GPT_4_O_MINI` `gpt-4o-mini`.
  const id = rule === 'openai' ? lower.replace(/^(gpt-\d)-(\d)(?=-|$)/, '$1.$2').replace(/(\d)-o(?=-|$)/, '$1o') : lower;
  // Through a wildcard import any upper-case name reaches here (`MAX_TOKENS`): only a model id's shape counts.
  return providerForModelId(id) ? id : undefined;
}

function javaTypeName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'generic_type') return javaTypeName(node.namedChildren[0]);
  if (node.type === 'scoped_type_identifier') return javaTypeName(node.namedChildren[node.namedChildCount - 1]);
  return node.type === 'type_identifier' || node.type === 'identifier' ? node.text : undefined;
}

function javaImports(tree: Tree): CodeImport[] {
  const imports: CodeImport[] = [];
  for (const node of tree.rootNode.descendantsOfType('import_declaration')) {
    const name = node?.namedChildren.find((child) => child?.type === 'scoped_identifier' || child?.type === 'identifier');
    if (!node || !name) continue;
    const wildcard = node.namedChildren.some((child) => child?.type === 'asterisk');
    imports.push({ module: wildcard ? `${name.text}.*` : name.text, row: node.startPosition.row });
  }
  return imports;
}

/** Simple class name → qualified name, for single-type imports. */
function importedClasses(imports: CodeImport[]): Map<string, string> {
  const classes = new Map<string, string>();
  for (const entry of imports) if (!entry.module.endsWith('.*')) classes.set(lastSegment(entry.module), entry.module);
  return classes;
}

const ASSIGNMENT = [
  { parent: 'variable_declarator', value: 'value', target: 'name' },
  { parent: 'assignment_expression', value: 'right', target: 'left' },
];

function javaCalls(tree: Tree, classes: Map<string, string>, resolve: (node: Node) => string | undefined): RawCall[] {
  const calls: RawCall[] = [];
  for (const node of tree.rootNode.descendantsOfType(['object_creation_expression', 'method_invocation'])) {
    if (!node) continue;
    const argumentList = node.childForFieldName('arguments');
    const base = {
      node,
      row: node.startPosition.row,
      args: (argumentList?.namedChildren ?? []).flatMap((child) => (child ? [{ node: child, value: resolve(child) }] : [])),
      urls: urlsIn(argumentList, ['string_literal'], javaString),
      assignedTo: assignmentTarget(node, ASSIGNMENT),
    };
    if (node.type === 'object_creation_expression') {
      const typeName = javaTypeName(node.childForFieldName('type'));
      if (typeName) calls.push({ ...base, callee: `new ${typeName}`, method: typeName, typeName, origin: classes.get(typeName) });
      continue;
    }
    const object = node.childForFieldName('object');
    const receiver = object ? unwrap(object) : undefined;
    const typeName = receiver?.type === 'identifier' && /^[A-Z]/.test(receiver.text) ? receiver.text : undefined;
    calls.push({
      ...base,
      callee: firstLine(
        `${object ? `${object.type === 'identifier' ? object.text : '…'}.` : ''}${node.childForFieldName('name')?.text ?? ''}`,
      ),
      method: node.childForFieldName('name')?.text ?? '',
      typeName,
      origin: typeName ? classes.get(typeName) : undefined,
      receiverNode: receiver && ['method_invocation', 'object_creation_expression'].includes(receiver.type) ? receiver : undefined,
      receiverText: receiver && /^[\w.]+$/.test(receiver.text) ? receiver.text : undefined,
    });
  }
  return calls;
}
