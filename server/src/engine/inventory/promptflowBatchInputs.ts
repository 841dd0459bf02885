import * as posix from 'node:path/posix';
import { configDocumentFor } from '../parse/configDocument';
import { evaluationDataFile } from './datasets';
import { lineOf } from './manifestText';
import type { PartialComponent } from './types';

/**
 * The batch inputs of a Prompt flow (`flow.meta.yaml` or `flow.dag.yaml`: `properties:
 * promptflow.batch_inputs: samples.json`): the data file a batch run or an evaluation of the flow
 * runs on, beside the flow. It counts when the workspace has it.
 */

/** The property without which a flow names no batch inputs. */
export const BATCH_INPUTS_KEY = 'promptflow.batch_inputs';

export function collectPromptflowBatchInputs(path: string, text: string): PartialComponent[] {
  const node = configDocumentFor(text, 'yaml').root?.get('properties')?.get(BATCH_INPUTS_KEY);
  const file = node?.string?.trim();
  if (!file || /[$\\{}]|:\/\//.test(file) || posix.isAbsolute(file)) return [];
  const dataPath = posix.join(posix.dirname(path), file);
  if (dataPath.startsWith('..')) return [];
  return [evaluationDataFile(dataPath, { path, line: lineOf(node), evidence: 'config', symbol: BATCH_INPUTS_KEY }, true)];
}
