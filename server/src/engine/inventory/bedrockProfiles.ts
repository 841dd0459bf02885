import type { CodeFacts } from '../facts';
import { LineIndex } from '../text/lineIndex';
import { providerForModelId } from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent } from './components';
import type { PartialComponent } from './types';

/**
 * Bedrock cross-region inference profiles built at run time from a model id the file writes:
 * `'global.' + model_id`, `f"us.{MODEL_ID}"`, `` `eu.${modelId}` `` with `MODEL_ID = "anthropic.claude-…"`.
 * The profile (`us.anthropic.claude-…`) is what the call is sent; the base id must be a literal of the
 * same file, bound once, and a Bedrock model id without a region of its own.
 */
export function collectBedrockProfiles(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if ((facts.language !== 'python' && facts.language !== 'javascript') || !PROFILE_HINT.test(facts.text)) return [];
  const text = facts.text;
  const components: PartialComponent[] = [];
  let lines: LineIndex | undefined;
  for (const match of text.matchAll(BUILT_PROFILE)) {
    const region = match[1] ?? match[3] ?? match[5];
    const name = match[2] ?? match[4] ?? match[6];
    const base = name ? literalBaseId(text, name) : undefined;
    if (!region || !base) continue;
    lines ??= new LineIndex(text);
    const line = site.line(lines.positionAt(match.index).line);
    components.push(modelComponent(`${region}.${base}`, 'aws-bedrock', { path: site.path, line, evidence: 'constant', symbol: name }));
  }
  return components;
}

/** The geographies of cross-region inference profiles (`us.`, `global.`, …). */
const REGION_NAMES = 'us|eu|apac|global|jp|au|us-gov';
const REGIONS = `(${REGION_NAMES})`;
/** A region prefix and the name it is joined with: concatenation, an f-string, a template literal. */
const BUILT_PROFILE = new RegExp(
  [
    `["']${REGIONS}\\.["']\\s*\\+\\s*([A-Za-z_]\\w*)\\b(?!\\s*[([.])`,
    `\\bf["']${REGIONS}\\.\\{([A-Za-z_]\\w*)\\}["']`,
    `\`${REGIONS}\\.\\$\\{([A-Za-z_]\\w*)\\}\``,
  ].join('|'),
  'g',
);
/** Checked before the walk: a region prefix written to be joined. */
const PROFILE_HINT = new RegExp(`(?:["'\`]|\\bf["'])(?:${REGION_NAMES})\\.(?:["']\\s*\\+|\\{|\\$\\{)`);

/** The Bedrock model id a name is bound to, once, in the file (`MODEL_ID = "anthropic.claude-…"`). */
function literalBaseId(text: string, name: string): string | undefined {
  const bindings = [...text.matchAll(new RegExp(`(?:^|[\\s,(])${name}\\s*(?::[^=\\n]{0,40})?=(?!=)\\s*(["'])([^"'\\n]+)\\1`, 'gm'))];
  const values = new Set(bindings.map((binding) => binding[2] as string));
  const [value] = values;
  if (values.size !== 1 || value === undefined || REGIONAL.test(value)) return undefined;
  return providerForModelId(value) === 'aws-bedrock' ? value : undefined;
}

const REGIONAL = new RegExp(`^(?:${REGION_NAMES})\\.`);
