import type { CodeFacts } from '../facts';
import { namedArg, positionalArg } from '../facts/loaders';
import type { Node } from '../parse/treeSitter';
import type { CodeSite } from './codeImports';
import { property } from './components';
import { candidatePaths, evaluationDataFile } from './datasets';
import { builtPath } from './evalDataFiles';
import type { Occurrence, PartialComponent, PartialInventory } from './types';

/**
 * The evaluation sets an agent framework runs an agent on, named by their workspace path:
 * - Google ADK's `AgentEvaluator.evaluate(agent_module, eval_dataset_file_path_or_dir, …)` (in
 *   `eval/test_eval.py` of most ADK agents): a file, or a folder whose `*.test.json` and
 *   `*.evalset.json` files, at any depth, the evaluator runs. The path is usually built from the test
 *   file's own folder (`pathlib.Path(__file__).parent / "data"`, `os.path.join(os.path.dirname(__file__), …)`);
 *   a plain relative path resolves from the folder the tests run in, which may be the test's folder
 *   or one above it, so each of those is a candidate and only the ones the workspace has count.
 * - ADK eval set files (`*.evalset.json` with `eval_set_id` and `eval_cases`), wherever they are:
 *   `adk eval` and the ADK web UI run them too.
 */

/** Eval set files by name and schema: `*.evalset.json` with its `eval_set_id` and `eval_cases`. */
export function isEvalSetFile(path: string, text: string): boolean {
  return path.endsWith('.evalset.json') && text.includes('"eval_set_id"') && text.includes('"eval_cases"');
}

export function collectEvalSetFile(path: string): PartialComponent[] {
  return [evaluationDataFile(path, { path, evidence: 'file' }, false)];
}

/** A word the code view of a Python file must hold before it may run an ADK evaluation. */
export const AGENT_EVALUATOR_HINT = 'AgentEvaluator';

export function collectAgentEvalSets(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !facts.text.includes(AGENT_EVALUATOR_HINT)) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (call.method !== 'evaluate' || !call.origin?.startsWith('google.adk.evaluation')) continue;
    const arg = namedArg(call.args, 'eval_dataset_file_path_or_dir') ?? positionalArg(call.args, 1);
    const written = arg ? builtPath(facts, unwrapped(facts, arg.node)) : undefined;
    if (!arg || !written) continue;
    const occurrence: Occurrence = { path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee };
    for (const candidate of candidatePaths(written, site.path, arg.node.text.includes('__file__'), ANY_PATH)) {
      components.push(candidate.endsWith('.json') ? evaluationDataFile(candidate, occurrence, true) : evalFolder(candidate, occurrence));
    }
  }
  return components;
}

/** `str(path)` and `os.fspath(path)` pass their argument through. */
function unwrapped(facts: CodeFacts, node: Node): Node {
  const call = node.type === 'call' ? facts.callAt(node) : undefined;
  const only = call?.args.length === 1 && !call.args[0].name ? call.args[0].node : undefined;
  return only && (call?.callee === 'str' || call?.callee === 'os.fspath') ? only : node;
}

/** Any path: the eval set is a JSON file or a folder of them. */
const ANY_PATH = /[^/]$/;

/** Marks a folder of eval sets, replaced by the eval set files in it at the end of a scan (`withEvalSetFolders`). */
const EVAL_FOLDER = 'dataset:eval-set-folder';
const EVAL_FOLDER_PROPERTY = `ai-posture:${EVAL_FOLDER}`;

function evalFolder(path: string, occurrence: Occurrence): PartialComponent {
  return {
    ref: `dataset:eval-set-folder/${path}`,
    kind: 'dataset',
    name: path,
    occurrences: [occurrence],
    properties: [property(EVAL_FOLDER, 'true')],
    dependsOn: [],
  };
}

/** The files an ADK evaluator runs in a folder: `*.test.json` and `*.evalset.json`. */
const EVAL_SET_FILE = /\.(?:test|evalset)\.json$/;

/**
 * Replaces each folder of eval sets by the eval set files the workspace has in it (`files` lists the
 * workspace paths of the files under a folder, at any depth); a folder with none is dropped. Runs on
 * the partials before they are merged, so the files merge with what other collectors say of them.
 */
export function withEvalSetFolders(partials: PartialInventory[], files: (folder: string) => readonly string[]): PartialInventory[] {
  const isFolder = (component: PartialComponent) => component.properties.some((entry) => entry.name === EVAL_FOLDER_PROPERTY);
  return partials.map((partial) => {
    if (!partial.components.some(isFolder)) return partial;
    const components = partial.components.flatMap((component) => {
      if (!isFolder(component)) return [component];
      const occurrence = component.occurrences[0];
      return files(component.name)
        .filter((file) => EVAL_SET_FILE.test(file))
        .map((file) => evaluationDataFile(file, occurrence, false));
    });
    return { ...partial, components };
  });
}
