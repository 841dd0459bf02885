import type { RuleMeta, RuleReference } from '../types';

/** OWASP Top 10 for LLM Applications 2025: names and page slugs under `genai.owasp.org/llmrisk/`. */
const OWASP_LLM_2025: Readonly<Record<string, [name: string, slug: string]>> = {
  'LLM01:2025': ['Prompt Injection', 'llm01-prompt-injection'],
  'LLM02:2025': ['Sensitive Information Disclosure', 'llm022025-sensitive-information-disclosure'],
  'LLM03:2025': ['Supply Chain', 'llm032025-supply-chain'],
  'LLM04:2025': ['Data and Model Poisoning', 'llm042025-data-and-model-poisoning'],
  'LLM05:2025': ['Improper Output Handling', 'llm052025-improper-output-handling'],
  'LLM06:2025': ['Excessive Agency', 'llm062025-excessive-agency'],
  'LLM07:2025': ['System Prompt Leakage', 'llm072025-system-prompt-leakage'],
  'LLM08:2025': ['Vector and Embedding Weaknesses', 'llm082025-vector-and-embedding-weaknesses'],
  'LLM09:2025': ['Misinformation', 'llm092025-misinformation'],
  'LLM10:2025': ['Unbounded Consumption', 'llm102025-unbounded-consumption'],
};

const OWASP_LLM_TOP_10 = 'https://genai.owasp.org/llm-top-10/';

export function owaspReference(id: string): RuleReference {
  const known = OWASP_LLM_2025[id];
  if (!known) return { title: `OWASP ${id}`, url: OWASP_LLM_TOP_10 };
  return { title: `OWASP ${id} ${known[0]}`, url: `https://genai.owasp.org/llmrisk/${known[1]}/` };
}

export function cweReference(id: string): RuleReference {
  return { title: id, url: `https://cwe.mitre.org/data/definitions/${id.replace(/^CWE-/, '')}.html` };
}

export function atlasReference(id: string): RuleReference {
  return { title: `MITRE ATLAS ${id}`, url: `https://atlas.mitre.org/techniques/${id}` };
}

/** Every link a rule's docs list: the OWASP, CWE and ATLAS entries its ids name, then its own further reading. */
export function ruleReferences(meta: RuleMeta): RuleReference[] {
  return [...meta.owasp.map(owaspReference), ...meta.cwe.map(cweReference), ...meta.atlas.map(atlasReference), ...meta.references];
}
