import { collectorGateLiterals, collectorLiterals } from '../inventory/prefilter';
import { textRules } from '../rules/index';
import { TriggerIndex } from './triggers';

let index: TriggerIndex | undefined;

/**
 * The one trigger index of the engine: every rule's triggers and every AI-BOM collector's gate
 * literals, so one pass over a file decides which rules, collectors and parsers run at all.
 */
export function engineTriggers(): TriggerIndex {
  index ??= new TriggerIndex(textRules, collectorLiterals(), collectorGateLiterals());
  return index;
}
