import type { CodeFacts } from '../facts';
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
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (facts.clients.has(call) || !call.args.some((arg) => isRealClient(arg.node, facts))) continue;
    for (const arg of call.args) {
      const model = arg.name && isModelEnvName(settingKey(arg.name)) && arg.value ? strongModelId(arg.value) : undefined;
      if (!model) continue;
      const occurrence = { path: site.path, line: site.line(arg.node.startPosition.row), evidence: 'call' as const, symbol: arg.name };
      components.push(modelComponent(model.id, model.provider, occurrence));
    }
  }
  return components;
}

/** A client creation, written in the argument or reaching it through the variable it is bound to (that test's own). */
function isRealClient(node: Node, facts: CodeFacts): boolean {
  const found = facts.flow.origin(node, (current) => {
    const call = facts.callAt(current);
    return call && facts.clients.has(call) ? true : undefined;
  });
  return found === true;
}
