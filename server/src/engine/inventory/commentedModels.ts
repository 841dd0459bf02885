import type { CodeFacts } from '../facts';
import { type HubIdEvidence, hubIdEvidence, hubIdKind } from '../facts/hubIds';
import { isModelEnvName, providerForModelId } from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent } from './components';
import { settingKey, strongModelId } from './modelSettings';
import type { PartialComponent } from './types';

/**
 * Models kept as commented-out alternatives of the active model setting, the way examples offer a
 * choice (`const MODEL_NAME = 'meta-llama/Llama-3.3-70B-Instruct-Turbo'` followed by
 * `// const MODEL_NAME = 'Qwen/Qwen2.5-7B-Instruct-Turbo'`, `#MODEL = "claude-3-opus-…"` above
 * `MODEL = "claude-3-haiku-…"`): a reader switches by moving the comment, so each is a model the
 * project is written for.
 *
 * Strict, so prose in comments is never mined: the commented line is nothing but the same
 * declaration of the same name as an uncommented line of its block (consecutive lines, no blank
 * line), the name says model (`MODEL_NAME`, `llm_model`), the file imports an AI package, and the
 * value is a hosted provider's id by pattern or has the active value's shape (a Hub `org/name` beside
 * an `org/name`). The active setting itself is the settings collectors'.
 */
export function collectCommentedModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.packages.packages.length === 0 || !COMMENTED_HINT.test(facts.text)) return [];
  const lines = facts.text.split('\n');
  const components: PartialComponent[] = [];
  let evidence: HubIdEvidence | undefined;
  for (const block of settingBlocks(lines)) {
    const active = block.filter((entry) => !entry.commented);
    if (active.length !== 1) continue;
    const shape = providerForModelId(active[0].value);
    for (const entry of block) {
      if (!entry.commented || entry.value === active[0].value) continue;
      evidence ??= hubIdEvidence(facts, site.project);
      const model = alternativeModel(entry.value, shape, evidence);
      if (!model) continue;
      const occurrence = {
        path: site.path,
        line: site.line(entry.row),
        evidence: 'constant' as const,
        symbol: entry.name,
        commented: true,
      };
      components.push(modelComponent(model.id, model.provider, occurrence));
    }
  }
  return components;
}

interface SettingLine {
  row: number;
  commented: boolean;
  /** The declaration up to the name (`const MODEL_NAME`), so only the same statement is compared. */
  declaration: string;
  name: string;
  value: string;
}

/** A comment marker followed by an assignment of a quoted string: the cheap test before lines are split. */
const COMMENTED_HINT =
  /^[ \t]*(?:\/\/|#)[ \t]*(?:(?:export[ \t]+)?(?:const|let|var)[ \t]+)?[A-Za-z_]\w*[ \t]*(?::[ \t]*\w+[ \t]*)?=[ \t]*["']/m;

/** One line that is only `[// | #] [const] NAME [: type] = "value"[;]`, with an optional trailing comment. */
const SETTING_LINE =
  /^[ \t]*(\/\/|#)?[ \t]*((?:(?:export[ \t]+)?(?:const|let|var)[ \t]+)?([A-Za-z_]\w*))[ \t]*(?::[ \t]*\w+[ \t]*)?=[ \t]*(["'])([^"'\s]+)\4[ \t]*;?[ \t]*(?:(?:\/\/|#).*)?\r?$/;

/** Runs of consecutive setting lines of one declaration whose name says model. */
function settingBlocks(lines: string[]): SettingLine[][] {
  const blocks: SettingLine[][] = [];
  let current: SettingLine[] = [];
  lines.forEach((text, row) => {
    const match = SETTING_LINE.exec(text);
    const entry = match ? { row, commented: match[1] !== undefined, declaration: match[2], name: match[3], value: match[5] } : undefined;
    if (entry && current.length > 0 && current[0].declaration === entry.declaration) {
      current.push(entry);
      return;
    }
    if (current.length > 1) blocks.push(current);
    current = entry && isModelEnvName(settingKey(entry.name)) ? [entry] : [];
  });
  if (current.length > 1) blocks.push(current);
  return blocks;
}

/**
 * A hosted provider's id, or an id of the same shape as the active one: a Hub `org/name` beside an
 * `org/name` (never a local folder or a placeholder), an Ollama `name:tag` beside a `name:tag`.
 */
function alternativeModel(
  value: string,
  activeShape: string | undefined,
  evidence: HubIdEvidence,
): { id: string; provider?: string } | undefined {
  const strong = strongModelId(value);
  if (strong) return { id: strong.id, provider: strong.provider };
  const shape = providerForModelId(value);
  if (shape === undefined || shape !== activeShape) return undefined;
  if (shape === 'ollama' || (shape === 'huggingface' && value.includes('/') && hubIdKind(value, evidence) === 'hub'))
    return { id: value, provider: shape };
  return undefined;
}
