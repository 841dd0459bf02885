import { JsModule, stringValue as jsString, objectPairs } from '../parse/javascript';
import type { Node, Tree } from '../parse/treeSitter';
import { assignmentTarget, computeOnRead, firstLine, lastSegment, lazyArg, type RawCall, unwrap, urlsIn } from './common';
import { type BindingMode, type FlowSyntax, NameIndex } from './flow';
import type { LanguageAdapter } from './language';
import type { CodeArg, CodeImport } from './types';

/**
 * JavaScript and TypeScript facts: ES imports, `require` and dynamic `import()`, calls and `new`
 * with options objects flattened, and the flow syntax (block-scoped bindings, parameter defaults,
 * `process.env.X ?? "default"`).
 */

export function javascriptAdapter(tree: Tree): LanguageAdapter {
  const module = new JsModule(tree);
  return {
    module,
    syntax: new JsSyntax(module.root),
    imports: () => jsImports(tree),
    calls: (resolve) => jsCalls(module, resolve),
  };
}

function jsImports(tree: Tree): CodeImport[] {
  const imports: CodeImport[] = [];
  for (const node of tree.rootNode.descendantsOfType(['import_statement', 'export_statement', 'call_expression'])) {
    if (!node) continue;
    let specifier: string | undefined;
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'import' || fn?.text === 'require') specifier = jsString(node.childForFieldName('arguments')?.namedChildren[0]);
    } else {
      specifier = jsString(node.childForFieldName('source'));
    }
    if (specifier) imports.push({ module: specifier, row: node.startPosition.row });
  }
  return imports;
}

function jsCalls(module: JsModule, resolve: (node: Node) => string | undefined): RawCall[] {
  return module.calls().map((call) => {
    const callee = call.node.childForFieldName(call.isNew ? 'constructor' : 'function') as Node;
    const object = callee.type === 'member_expression' ? callee.childForFieldName('object') : undefined;
    const receiver = object ? unwrap(object) : undefined;
    // `import { openai as o } from '@ai-sdk/openai'; o('gpt-4o')` calls `openai`.
    const named =
      callee.type === 'identifier' && call.origin && !['default', '*'].includes(call.origin.name) ? call.origin.name : undefined;
    const raw: RawCall = {
      node: call.node,
      row: call.node.startPosition.row,
      callee: firstLine(call.calleeText),
      method: named ?? lastSegment(call.calleeText),
      origin: call.origin?.module,
      args: call.args.flatMap((arg) => jsArguments(arg, 0, resolve)),
      urls: [],
      receiverNode: receiver && ['call_expression', 'new_expression'].includes(receiver.type) ? receiver : undefined,
      receiverText: receiver && /^[\w$.]+$/.test(receiver.text) ? receiver.text : undefined,
      assignedTo: assignmentTarget(call.node, [
        { parent: 'variable_declarator', value: 'value', target: 'name' },
        { parent: 'assignment_expression', value: 'right', target: 'left' },
        { parent: 'public_field_definition', value: 'value', target: 'name' },
      ]),
    };
    return computeOnRead(raw, 'urls', () => urlsIn(call.node.childForFieldName('arguments'), ['string', 'template_string'], jsString));
  });
}

/** Positional values, and object-literal options flattened (`{ model: 'x', configuration: { baseURL } }`). */
function jsArguments(node: Node, depth: number, resolve: (node: Node) => string | undefined): CodeArg[] {
  if (node.type === 'object') {
    if (depth >= 3) return [];
    const pairs = objectPairs(node).flatMap(({ key, value }) =>
      value.type === 'object' ? jsArguments(value, depth + 1, resolve) : [lazyArg(key, value, resolve)],
    );
    // `{ model }` passes the variable of the same name.
    const shorthands = node.namedChildren.flatMap((member) =>
      member?.type === 'shorthand_property_identifier' ? [lazyArg(member.text, member, resolve)] : [],
    );
    return [...pairs, ...shorthands].sort((a, b) => a.node.startIndex - b.node.startIndex);
  }
  return depth === 0 ? [lazyArg(undefined, node, resolve)] : [];
}

// ---------------------------------------------------------------------------------------------
// Flow syntax

/** Expressions that pass their operand through unchanged (`(x)`, `x as const`, `x satisfies T`, `x!`). */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression']);

/** Nodes that open a scope for `const`/`let` and parameters. */
const SCOPES = new Set([
  'program',
  'statement_block',
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'class_body',
  'for_statement',
  'for_in_statement',
]);

/** A place that binds a name: a declaration, an assignment, or a parameter (or destructuring) default. */
interface BindingSite {
  node: Node;
  value: Node;
  scope: Node;
}

export class JsSyntax implements FlowSyntax {
  private sitesByName: Map<string, BindingSite[]> | undefined;
  private readonly names: NameIndex;

  constructor(private readonly root: Node) {
    this.names = new NameIndex(root, ['identifier', 'shorthand_property_identifier']);
  }

  literal(node: Node): string | undefined {
    return jsString(node);
  }

  passThrough(node: Node): Node[] {
    if (TRANSPARENT.has(node.type)) return node.namedChildren.slice(0, 1).filter((child): child is Node => child !== null);
    // `process.env.MODEL ?? 'gpt-4o'`, `opts.model || 'gpt-4o'`: the fallback is the value we can know.
    if (node.type === 'binary_expression' && ['??', '||'].includes(node.childForFieldName('operator')?.text ?? '')) {
      return [node.childForFieldName('left'), node.childForFieldName('right')].filter((child): child is Node => child !== null);
    }
    return [];
  }

  /**
   * The bindings of the name in the innermost scope that binds it: `reaching` the latest one before
   * the use (else the first: hoisting, closures), `all` every one.
   */
  bindings(node: Node, mode: BindingMode): Node[] {
    if (node.type !== 'identifier' && node.type !== 'shorthand_property_identifier') return [];
    const visible = this.sitesOf(node.text).filter((site) => contains(site.scope, node) && site.node.id !== node.parent?.id);
    if (visible.length === 0) return [];
    const innermost = visible.reduce((best, site) => (span(site.scope) < span(best.scope) ? site : best)).scope;
    const own = visible.filter((site) => site.scope.id === innermost.id);
    if (mode === 'all') return own.map((site) => site.value);
    const before = own.filter((site) => site.node.endIndex <= node.startIndex);
    const chosen = before.length > 0 ? before[before.length - 1] : own[0];
    return [chosen.value];
  }

  carries(parent: Node, child: Node): boolean {
    if (TRANSPARENT.has(parent.type) || parent.type === 'spread_element' || parent.type === 'object' || parent.type === 'array')
      return true;
    if (parent.type === 'pair') return parent.childForFieldName('value')?.id === child.id;
    return parent.type === 'ternary_expression' && parent.childForFieldName('condition')?.id !== child.id;
  }

  boundVariable(parent: Node, value: Node): Node | undefined {
    const [target, source] =
      parent.type === 'variable_declarator'
        ? [parent.childForFieldName('name'), parent.childForFieldName('value')]
        : parent.type === 'assignment_expression'
          ? [parent.childForFieldName('left'), parent.childForFieldName('right')]
          : [null, null];
    return target?.type === 'identifier' && source?.id === value.id ? target : undefined;
  }

  uses(variable: Node): Node[] {
    return this.names.of(variable.text);
  }

  private sitesOf(name: string): BindingSite[] {
    if (!this.sitesByName) {
      this.sitesByName = new Map();
      const types = [
        'variable_declarator',
        'assignment_expression',
        'assignment_pattern',
        'object_assignment_pattern',
        'required_parameter',
      ];
      for (const node of this.root.descendantsOfType(types)) {
        const site = node ? bindingSite(node) : undefined;
        if (!site) continue;
        const key = site.name;
        const list = this.sitesByName.get(key) ?? [];
        list.push(site);
        this.sitesByName.set(key, list);
      }
    }
    return this.sitesByName.get(name) ?? [];
  }
}

function bindingSite(node: Node): (BindingSite & { name: string }) | undefined {
  const [target, value] =
    node.type === 'variable_declarator'
      ? [node.childForFieldName('name'), node.childForFieldName('value')]
      : node.type === 'required_parameter'
        ? [node.childForFieldName('pattern'), node.childForFieldName('value')]
        : [node.childForFieldName('left'), node.childForFieldName('right')];
  if (!target || !value || !['identifier', 'shorthand_property_identifier_pattern'].includes(target.type)) return undefined;
  const scope = scopeOf(node);
  return scope ? { node, value, scope, name: target.text } : undefined;
}

/** The scope a binding lives in: parameters belong to their function, declarations to their block. */
function scopeOf(node: Node): Node | undefined {
  let current = node.parent;
  while (current && !SCOPES.has(current.type)) {
    if (current.type === 'formal_parameters') return current.parent ?? undefined;
    current = current.parent;
  }
  return current ?? undefined;
}

function contains(scope: Node, node: Node): boolean {
  return scope.startIndex <= node.startIndex && node.endIndex <= scope.endIndex;
}

function span(node: Node): number {
  return node.endIndex - node.startIndex;
}
