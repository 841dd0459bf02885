import type { CodeCall, CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';
import { boundName } from './cdkPrompts';
import type { CodeSite } from './codeImports';
import { enclosingFunctionName, promptComponent, proseOf } from './codePrompts';
import { property } from './components';
import { isNaturalLanguage } from './promptTemplates';
import type { PartialComponent } from './types';

/**
 * crewAI agents and tasks written in code (the same prompts `agents.yaml` / `tasks.yaml` hold in a
 * `@CrewBase` project): `Agent(role=…, goal=…, backstory=…)` becomes the agent's system prompt and
 * `Task(description=…, expected_output=…)` its user message. Each is named by the variable it is bound to
 * (`path#researcher`), or by the function that returns it (`def product_analysis(…): return Task(…)` as
 * `path#product_analysis`). An agent built from its YAML (`Agent(config=self.agents_config["x"])`) writes no
 * text here: its file is listed instead.
 */

/** `Agent(… backstory=…)`, `Task(description=…)`: the cheap test before a file's crewAI calls are read. */
const CREW_KEYWORD_HINT = /\b(?:backstory|expected_output|goal|description)\s*=/;

export function mayWriteCrewPrompts(code: string): boolean {
  return (code.includes('Agent(') || code.includes('Task(')) && CREW_KEYWORD_HINT.test(code);
}

/** The keywords crewAI sends to the model, per class. */
const PROMPT_KEYWORDS: Record<string, { texts: string[]; required: string[] }> = {
  Agent: { texts: ['role', 'goal', 'backstory'], required: ['goal', 'backstory'] },
  Task: { texts: ['description', 'expected_output'], required: ['description'] },
};

export function collectCrewPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python' || !facts.packages.packages.some((pkg) => pkg.name === 'crewai')) return [];
  if (!mayWriteCrewPrompts(facts.text)) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const keywords = PROMPT_KEYWORDS[call.method];
    if (!keywords || facts.packageOf(call)?.name !== 'crewai') continue;
    const text = crewText(facts, call, keywords);
    const name = text && ownerName(call.node);
    if (!text || !name) continue;
    components.push(
      promptComponent(site.path, name, text, [property('prompt:type', call.method === 'Agent' ? 'agent' : 'task')], {
        path: site.path,
        line: site.line(call.row),
        evidence: 'call',
        symbol: call.method,
      }),
    );
  }
  return components;
}

/** The texts of the call's prompt keywords joined, when a required one is prose. */
function crewText(facts: CodeFacts, call: CodeCall, keywords: { texts: string[]; required: string[] }): string | undefined {
  const texts = new Map<string, string>();
  for (const arg of call.args) {
    const prose = arg.name && keywords.texts.includes(arg.name) ? proseOf(facts, arg.node) : undefined;
    if (arg.name && prose !== undefined) texts.set(arg.name, prose);
  }
  if (!keywords.required.some((name) => texts.has(name))) return undefined;
  const joined = keywords.texts.flatMap((name) => texts.get(name) ?? []).join('\n');
  return isNaturalLanguage(joined) ? joined : undefined;
}

/** The variable (or attribute) the call is bound to, else the function that returns it. */
function ownerName(call: Node): string | undefined {
  return boundName(call) ?? (call.parent?.type === 'return_statement' ? enclosingFunctionName(call) : undefined);
}
