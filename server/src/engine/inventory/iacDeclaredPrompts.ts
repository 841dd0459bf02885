import { createHash } from 'node:crypto';
import { property } from './components';
import type { IacDeclaration } from './iacResource';
import { isNaturalLanguage } from './promptTemplates';
import type { PartialComponent } from './types';

/**
 * Agent instructions kept as a template's variable defaults: `variable "supervisor_instructions" {
 * default = <<EOT … EOT }`, or a map of them (`child_agent_instructions = { 0 = <<EOT … }`), which a
 * Bedrock agent's `instruction` reads (`instruction = var.supervisor_instructions`). One prompt per
 * variable (`variables.tf#supervisor_instructions`), hashed over its texts in order. Only a file that
 * names AI otherwise (a model default, a Bedrock resource) is read for them, and only prose counts.
 */
const INSTRUCTION_NAME = /^(\w*(?:instructions?|_prompt|prompt_template|system_message))(?:$|[.[])/i;

export function declaredPrompts(path: string, declarations: IacDeclaration[]): PartialComponent[] {
  const groups = new Map<string, IacDeclaration[]>();
  for (const declaration of declarations) {
    const root = INSTRUCTION_NAME.exec(declaration.name)?.[1];
    if (!root || declaration.source !== 'default' || typeof declaration.value !== 'string') continue;
    const text = declaration.value.trim();
    if (text.length < 40 || !isNaturalLanguage(text)) continue;
    groups.set(root, [...(groups.get(root) ?? []), declaration]);
  }
  return [...groups].map(([root, texts]) => {
    const hash = createHash('sha256');
    for (const entry of texts) hash.update(String(entry.value));
    const name = `${path}#${root}`;
    return {
      ref: `prompt:${name}`,
      kind: 'prompt',
      name,
      sha256: hash.digest('hex'),
      occurrences: [{ path, line: (texts[0]?.range.start.line ?? 0) + 1, evidence: 'config', symbol: root }],
      properties: [property('prompt:type', 'agent-instructions')],
      dependsOn: [],
    };
  });
}
