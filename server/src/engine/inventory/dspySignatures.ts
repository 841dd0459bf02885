import type { CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';
import type { CodeSite } from './codeImports';
import { symbolPrompt } from './codePrompts';
import { isNaturalLanguage } from './promptTemplates';
import type { PartialComponent } from './types';

/**
 * DSPy signatures: `class AskQuestion(dspy.Signature): """You are an experienced Wikipedia writer…"""`.
 * DSPy sends the class's docstring as the instruction and its `InputField`/`OutputField` prefixes and
 * descriptions as the prompt's layout, so the class is the prompt, named `path#ClassName`. Only bases
 * that resolve through the file's imports to DSPy count (`dspy.Signature`, `from dspy import Signature`),
 * or a signature class of the same file: a `Signature` of another library (a crypto signature) is not one.
 */
export function dspySignaturePrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !facts.python.importsModule('dspy')) return [];
  const signatures = new Set<string>();
  const components: PartialComponent[] = [];
  for (const definition of facts.tree.rootNode.descendantsOfType('class_definition')) {
    const name = definition?.childForFieldName('name');
    const bases = definition?.childForFieldName('superclasses')?.namedChildren ?? [];
    if (!definition || !name || !bases.some((base) => base && isSignatureBase(facts, base, signatures))) continue;
    signatures.add(name.text);
    const instruction = docstringOf(facts, definition);
    if (instruction === undefined || instruction.trim().length < MIN_INSTRUCTION_LENGTH || !isNaturalLanguage(instruction)) continue;
    components.push(symbolPrompt(site, name, definition.text, 'dspy-signature'));
  }
  return components;
}

/** "Answer questions with short factoid answers." is a whole DSPy instruction. */
const MIN_INSTRUCTION_LENGTH = 20;

/** Where DSPy defines `Signature` (its public name and the modules it lives in). */
const DSPY_SIGNATURES = new Set(['dspy.Signature', 'dspy.signatures.Signature', 'dspy.signatures.signature.Signature']);

function isSignatureBase(facts: CodeFacts, base: Node, local: Set<string>): boolean {
  if (base.type === 'identifier' && local.has(base.text)) return true;
  const qualified = facts.python.qualifiedName(base);
  return !!qualified?.imported && DSPY_SIGNATURES.has(qualified.name);
}

/** The class's docstring: a string literal as the first statement of its body. */
function docstringOf(facts: CodeFacts, definition: Node): string | undefined {
  const first = definition.childForFieldName('body')?.namedChildren.find((child) => child?.type !== 'comment');
  const literal = first?.type === 'expression_statement' ? first.namedChild(0) : undefined;
  return literal?.type === 'string' ? facts.valueOf(literal) : undefined;
}
