import type { CodeCall, CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';
import { isConventionalTestPath } from '../testCode';
import { isModelEnvName } from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent } from './components';
import { settingKey, strongModelId } from './modelSettings';
import type { PartialComponent } from './types';

/**
 * Models a live test sends to a real provider: in test code, a call given a model id under a
 * model-named keyword (`MarkItDown(llm_client=openai.OpenAI(), llm_model="gpt-4o")`) together with a
 * real SDK client, created in the call or bound to a name by one (`client = openai.OpenAI()` …
 * `llm_client=client`). A test double (`MagicMock()`, a fake client of the test) is no client, so a
 * model given beside it stays a placeholder of the test, as everywhere else in test code. Only a
 * hosted provider's id by pattern counts.
 */
export function collectLiveTestModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!isConventionalTestPath(site.path) || facts.clients.size === 0) return [];
  const clientNames = boundClientNames(facts);
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (facts.clients.has(call) || !call.args.some((arg) => isRealClient(arg.node, facts, clientNames))) continue;
    for (const arg of call.args) {
      const model = arg.name && isModelEnvName(settingKey(arg.name)) && arg.value ? strongModelId(arg.value) : undefined;
      if (!model) continue;
      const occurrence = { path: site.path, line: site.line(arg.node.startPosition.row), evidence: 'call' as const, symbol: arg.name };
      components.push(modelComponent(model.id, model.provider, occurrence));
    }
  }
  return components;
}

/**
 * Names a client creation is assigned to (`client = openai.OpenAI()`, `const client = new OpenAI()`),
 * keyed by the function that binds them: another test's `client` may be a mock.
 */
function boundClientNames(facts: CodeFacts): Set<string> {
  const names = new Set<string>();
  for (const call of facts.clients.keys()) {
    const name = assignedName(call);
    if (name) names.add(scopedName(call.node, name));
  }
  return names;
}

function scopedName(node: Node, name: string): string {
  let scope: Node | null = node.parent;
  while (scope && !FUNCTIONS.has(scope.type)) scope = scope.parent;
  return `${scope?.id ?? 0}\u0000${name}`;
}

const FUNCTIONS = new Set(['function_definition', 'function_declaration', 'function_expression', 'arrow_function', 'method_definition']);

function assignedName(call: CodeCall): string | undefined {
  let node: Node | null = call.node.parent;
  if (node?.type === 'await' || node?.type === 'await_expression') node = node.parent;
  if (node?.type === 'assignment') return identifierText(node.childForFieldName('left'));
  if (node?.type === 'variable_declarator') return identifierText(node.childForFieldName('name'));
  return undefined;
}

function identifierText(node: Node | null): string | undefined {
  return node?.type === 'identifier' ? node.text : undefined;
}

function isRealClient(node: Node, facts: CodeFacts, clientNames: Set<string>): boolean {
  if (node.type === 'identifier') return clientNames.has(scopedName(node, node.text));
  const call = facts.callAt(node);
  return call !== undefined && facts.clients.has(call);
}
