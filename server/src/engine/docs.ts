/** Where users read about a rule: `docs/rules.md` of the project, one section per rule. */
export const DOCS_BASE_URL = 'https://github.com/ai-posture/ai-posture/blob/main/docs/rules.md';

export const PRODUCT = { name: 'ai-posture', displayName: 'AI Posture', informationUri: 'https://github.com/ai-posture/ai-posture' };

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}#${ruleId.toLowerCase()}`;
}
