import type { Node } from '../parse/treeSitter';
import { goBindings } from './go';
import type { CodeFacts } from './index';

/**
 * Named string constants at module or class level: `SYSTEM_PROMPT = """…"""` (Python),
 * `export const SYSTEM_PROMPT = \`…\`` and class fields (JavaScript/TypeScript), `const string` /
 * `static readonly string` fields (C#). Only names bound to a plain literal (no interpolation) count,
 * through the shared value engine, so a constant built at run time is never guessed at.
 */
export interface StringConstant {
  name: string;
  value: string;
  /** 0-based row of the name. */
  row: number;
  /** The name node, for flow lookups from a use back to this binding. */
  node: Node;
}

/** Constants of a parsed file, in source order (a Python script's entry point included). Valid while the facts are. */
export function stringConstants(facts: CodeFacts): StringConstant[] {
  const found: StringConstant[] = [];
  const add = (name: Node | null | undefined, value: Node | null | undefined) => {
    if (!name || !value) return;
    const text = facts.valueOf(value) ?? facts.valueOf(textOfWrapper(value));
    if (text !== undefined) found.push({ name: name.text, value: text, row: name.startPosition.row, node: name });
  };
  for (const statement of containerStatements(facts)) {
    for (const [name, value] of BINDINGS[facts.language]?.(statement) ?? []) add(name, value);
  }
  return found;
}

/**
 * Prompts are often written indented and cleaned up where they are bound: `dedent("""…""")`,
 * `inspect.cleandoc(…)`, `"""…""".strip()`, `dedent\`…\``. The string inside is the constant's text.
 */
const TEXT_CLEANERS = new Set(['dedent', 'cleandoc', 'strip', 'lstrip', 'rstrip', 'trim', 'trimStart', 'trimEnd', 'Trim', 'stripIndent']);
/** common-tags' template tags (`source\`…\``, `oneLine\`…\``): only as tags, since `source(…)` is a common name. */
const TEXT_TAGS = new Set(['source', 'stripIndents', 'oneLine', 'oneLineTrim']);

export function textOfWrapper(node: Node): Node | undefined {
  if (node.type !== 'call' && node.type !== 'call_expression' && node.type !== 'invocation_expression') return undefined;
  const callee = node.childForFieldName('function');
  const name = (
    callee?.childForFieldName('attribute') ??
    callee?.childForFieldName('property') ??
    callee?.childForFieldName('name') ??
    callee
  )?.text;
  const args = node.childForFieldName('arguments');
  if (!callee || !name || !(TEXT_CLEANERS.has(name) || (TEXT_TAGS.has(name) && args?.type === 'template_string'))) return undefined;
  // `dedent(text)` / dedent`text` take the text as argument; `text.strip()` is called on it.
  const argument = args?.type === 'template_string' ? args : args?.namedChildren.find((child) => child?.type !== 'comment');
  return argument ?? callee.childForFieldName('object') ?? undefined;
}

type Binding = [Node | null | undefined, Node | null | undefined];

const BINDINGS: Partial<Record<CodeFacts['language'], (statement: Node) => Binding[]>> = {
  python: (statement) => {
    const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (assignment?.type !== 'assignment') return [];
    const left = assignment.childForFieldName('left');
    return left?.type === 'identifier' ? [[left, assignment.childForFieldName('right')]] : [];
  },
  javascript: (statement) => {
    const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
    if (declaration?.type === 'lexical_declaration' || declaration?.type === 'variable_declaration') {
      return declaration.namedChildren
        .filter((child) => child?.type === 'variable_declarator')
        .map((child) => [child?.childForFieldName('name'), child?.childForFieldName('value')] as Binding)
        .filter(([name]) => name?.type === 'identifier');
    }
    if (statement.type === 'public_field_definition' || statement.type === 'field_definition') {
      return [[statement.childForFieldName('name') ?? statement.childForFieldName('property'), statement.childForFieldName('value')]];
    }
    return [];
  },
  // `const systemPrompt = "…"` and `var x = \`…\``, alone or in a group.
  go: (statement) => {
    if (statement.type !== 'const_declaration' && statement.type !== 'var_declaration') return [];
    return statement.namedChildren
      .filter((spec): spec is Node => spec?.type === 'const_spec' || spec?.type === 'var_spec')
      .flatMap((spec) => goBindings(spec));
  },
  csharp: (statement) => {
    if (statement.type !== 'field_declaration') return [];
    const declaration = statement.namedChildren.find((child) => child?.type === 'variable_declaration');
    return (declaration?.namedChildren ?? [])
      .filter((child) => child?.type === 'variable_declarator')
      .map((child) => {
        const name = child?.childForFieldName('name') ?? child?.namedChild(0);
        const value = child?.namedChildren[child.namedChildCount - 1];
        return [name, value === name ? undefined : value?.type === 'equals_value_clause' ? value.namedChild(0) : value] as Binding;
      });
  },
};

/** Where class-level constants live, per grammar. */
const CLASS_BODIES = new Set(['block', 'class_body', 'declaration_list']);
const CLASSES = new Set(['class_definition', 'class_declaration', 'abstract_class_declaration']);
/** Wrappers whose inner declaration may be a class (`export class`, `@dataclass class`, C# namespaces). */
const WRAPPERS = new Set(['namespace_declaration', 'file_scoped_namespace_declaration', 'export_statement', 'decorated_definition']);

/** The module's top-level statements and the member statements of its classes (a few levels of nesting). */
function containerStatements(facts: CodeFacts): Node[] {
  const statements: Node[] = [];
  const visit = (nodes: (Node | null)[], depth: number) => {
    for (const child of nodes) {
      if (!child) continue;
      statements.push(child);
      if (depth > 3) continue;
      if (depth === 0 && facts.language === 'python') visitPythonScript(child);
      if (CLASSES.has(child.type)) {
        const body = child.childForFieldName('body') ?? child.namedChildren.find((part) => part && CLASS_BODIES.has(part.type));
        if (body) visit(body.namedChildren, depth + 1);
      } else if (WRAPPERS.has(child.type)) {
        for (const part of child.namedChildren) {
          if (part && CLASSES.has(part.type)) visit([part], depth + 1);
          else if (part && CLASS_BODIES.has(part.type)) visit(part.namedChildren, depth + 1);
        }
      }
    }
  };
  /**
   * A script's constants are often written in its entry point: `if __name__ == "__main__":` is
   * module code, and an UPPER_CASE name bound in a top-level function (`def main(): SYSTEM_PROMPT = …`)
   * is a constant by convention.
   */
  const visitPythonScript = (child: Node) => {
    if (child.type === 'if_statement' && /^__name__\s*==\s*["']__main__["']$/.test(child.childForFieldName('condition')?.text ?? '')) {
      visit(child.childForFieldName('consequence')?.namedChildren ?? [], 1);
      return;
    }
    const definition = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (definition?.type !== 'function_definition') return;
    for (const statement of definition.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
      const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
      if (statement && left?.type === 'identifier' && /^[A-Z][A-Z0-9_]*[A-Z0-9]$/.test(left.text)) statements.push(statement);
    }
  };
  visit(facts.tree.rootNode.namedChildren, 0);
  return statements;
}
