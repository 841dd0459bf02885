import loadersData from '../data/loaders.json';
import { notebookCells } from '../parse/notebook';
import { LineIndex } from '../text/lineIndex';
import { hubDataset } from './datasets';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Datasets of lighteval tasks named by their task strings (`"leaderboard|mmlu:anatomy|5|0"`, comma lists of
 * them, on the `lighteval` command line, in `Pipeline(tasks=…)` and in configs): a task of a built-in suite
 * reads a known Hub dataset (`loaders.json` `lightevalTasks`). A custom suite's task is defined by the
 * project (its `LightevalTaskConfig(hf_repo=…)` is read as a loader), and an unknown task names nothing.
 */

const SUITES: readonly string[] = loadersData.lightevalSuites;
const TASK_DATASETS: Readonly<Record<string, string>> = loadersData.lightevalTasks;

/** The literals a task string of a built-in suite starts with; the engine's one pass looks for them. */
export const LIGHTEVAL_TASK_LITERALS = SUITES.map((suite) => `${suite}|`);

/** `suite|task[:subset]|few_shot[|truncate]`, delimited by a quote, a comma, a space or the line's end. */
const TASK_STRING = new RegExp(`(?<![\\w|])(${SUITES.join('|')})\\|([A-Za-z][\\w.-]*)(?::[\\w.-]+)?\\|\\d+(?:\\|[01])?(?![\\w|])`, 'g');

/** A notebook is read in its code cells: a markdown cell that explains the format runs nothing. */
export function collectLightevalTasks(path: string, text: string, notebook: boolean): PartialComponent[] {
  if (!notebook) {
    const lines = new Lines(text);
    return tasksIn(path, text, (offset) => lines.at(offset));
  }
  return notebookCells(text).flatMap((cell) => {
    const index = new LineIndex(cell.text);
    return tasksIn(path, cell.text, (offset) => cell.toFile(index.positionAt(offset)).line + 1);
  });
}

function tasksIn(path: string, text: string, lineAt: (offset: number) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(TASK_STRING)) {
    const dataset = Object.hasOwn(TASK_DATASETS, match[2]) ? TASK_DATASETS[match[2]] : undefined;
    if (!dataset) continue;
    components.push(hubDataset('huggingface', dataset, { path, line: lineAt(match.index), evidence: 'config', symbol: match[0] }));
  }
  return components;
}
