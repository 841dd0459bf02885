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

/**
 * A live test: test code that sends its messages to a real hosted model, so the prompts it writes
 * are prompts the project runs (end-to-end tests of an agent, an LLM-as-judge matcher:
 * `generateObject({ model: anthropic("claude-sonnet-4-6"), messages: [{ role: "system", … }] })`).
 * It is an end-to-end or integration test by name (`projects.e2e.ts`, `agent.int.test.ts`,
 * `tests/integration/…`), or it names a hosted model in a call of an AI package
 * (`anthropic("claude-…")`, `new ChatOpenAI({ model: "gpt-4o" })`). A file that uses a test double
 * (`MockLanguageModelV2`, `MagicMock`, `vi.mock`, recorded cassettes, an HTTP mock) stays a test's
 * placeholder. The caller checks that the file imports an LLM package.
 */
export function isLiveTest(path: string, facts: CodeFacts): boolean {
  if (TEST_DOUBLE.test(facts.text)) return false;
  return LIVE_TEST_PATH.test(path) || namesHostedModel(facts);
}

/** End-to-end and integration tests by their file or folder name. */
const LIVE_TEST_PATH =
  /(?:^|\/)(?:e2e|integration|integration_tests|live)\/|[._-](?:e2e|int|integration|live)(?:[._-]test)?\.[cm]?[jt]sx?$|(?:^|\/)test_(?:e2e|integration|live)\w*\.py$|_(?:e2e|integration|live)_test\.py$/;

/** Test doubles of a model, a client or the HTTP layer: the messages of such a test reach no real model. */
const TEST_DOUBLE =
  /\b(?:Mock[A-Z]\w*|MagicMock|AsyncMock|mock\.patch|unittest\.mock|pytest_mock|mocker|monkeypatch|vi\.mock|jest\.mock|vi\.fn|jest\.fn|Fake\w*(?:LLM|Model|Client|Embeddings)|respx|nock|msw|cassette|vcr|httpretty|simulateReadableStream)\b/;

/** A call of an AI package given a hosted provider's model id, first or under a model-named key. */
function namesHostedModel(facts: CodeFacts): boolean {
  return facts.calls.some((call) => {
    if (!facts.packageOf(call)) return false;
    return call.args.some((arg, index) => {
      const named = arg.name ? isModelEnvName(settingKey(arg.name)) : index === 0;
      return named && arg.value !== undefined && strongModelId(arg.value) !== undefined;
    });
  });
}
