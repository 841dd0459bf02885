import type { CodeFacts } from '../facts';
import { insideString } from '../facts/common';
import { providerForModelId } from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent } from './components';
import { isModelIdShape } from './models';
import type { PartialComponent } from './types';

/**
 * Bedrock models code names by ARN, whatever the setting is called and however the ARN is put
 * together (`embeddingModelArn: f"arn:aws:bedrock:{region}::foundation-model/amazon.titan-embed-text-v1"`,
 * `` `arn:aws:bedrock:${region}:${account}:inference-profile/us.anthropic.claude-…` ``): the model part
 * of the ARN is the id. Only ARNs inside string literals count, not comments.
 */
export function collectBedrockArnModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!facts.text.includes(':foundation-model/') && !facts.text.includes(':inference-profile/')) return [];
  const components: PartialComponent[] = [];
  for (const match of facts.text.matchAll(BEDROCK_ARN)) {
    const id = match[1];
    const at = match.index ?? 0;
    if (!isModelIdShape(id) || !insideString(facts.tree, at)) continue;
    const provider = providerForModelId(id) ?? 'aws-bedrock';
    const row = facts.tree.rootNode.descendantForIndex(at)?.startPosition.row ?? 0;
    components.push(modelComponent(id, provider, { path: site.path, line: site.line(row), evidence: 'constant', symbol: 'arn' }));
  }
  return components;
}

/**
 * `arn:aws:bedrock:<region>:<account>:foundation-model/<id>` (or `inference-profile/`), the region and
 * account possibly interpolated; an IAM pattern (`…/anthropic.claude-*`) names a family, not a model.
 */
const BEDROCK_ARN = /arn:aws[\w-]*:bedrock:[^"'`\s:]*:[^"'`\s:]*:(?:foundation-model|inference-profile)\/([\w.:-]+)(?![\w.:*-])/g;
