import { promptKindOf } from '../inventory/prompts';
import { hasNonAscii } from '../text/hiddenUnicode';
import { HIDDEN_CHARACTER_MESSAGES, reportHiddenRuns } from './hiddenCharacters';
import type { Rule, RuleContext } from './rule';

/**
 * Hidden characters in prompt assets: `.prompty` files and Semantic Kernel `skprompt.txt` templates
 * (the prompt files the AI-BOM lists by name). Semantic Kernel YAML templates are known by content,
 * not name, and are not read yet: gating every YAML file on non-ASCII text would decode them all. Agent instruction files are AIP607 and
 * MCP tool descriptions AIP606 (the more specific rule reports). A file of ASCII only is skipped
 * before any work: it cannot hold a hidden character.
 */
export const aip303: Rule = {
  meta: {
    id: 'AIP303',
    name: 'hidden-unicode-in-prompt',
    title: 'Invisible or bidi-control characters in a prompt',
    explanation:
      'Zero-width characters, bidi controls and Unicode Tag characters are invisible in editors and code review but reach the model as text. A prompt template that contains them can carry instructions nobody reviewed (Tag characters encode whole ASCII sentences invisibly: "ASCII smuggling"), or reorder what a reviewer reads so it differs from what the model gets.',
    remediation:
      'Remove the characters (the fix does). Keep prompts in plain visible text and let CI reject hidden characters in prompt files. Emoji sequences (ZWJ, variation selectors) are not affected.',
    owasp: ['LLM01:2025'],
    cwe: ['CWE-1007'],
    atlas: ['AML.T0051', 'AML.T0068'],
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    confidence: 'high',
    fileKinds: ['prompty', 'text'],
    fixable: true,
    // Safe: deleting characters nobody can see changes nothing the author of the prompt meant.
    fixApplicability: 'safe',
    messages: HIDDEN_CHARACTER_MESSAGES,
    references: [
      { title: 'Unicode Tags block (U+E0000–U+E007F)', url: 'https://www.unicode.org/charts/PDF/UE0000.pdf' },
      {
        title: 'Embrace The Red: ASCII smuggling',
        url: 'https://embracethered.com/blog/posts/2024/hiding-and-finding-text-with-unicode-tags/',
      },
    ],
    since: '0.2.0',
    example: {
      language: 'text',
      bad: 'Summarise {{$input}}.\u200b\u200b (with invisible characters)',
      good: 'Summarise {{$input}}.',
    },
  },
  triggers: [],
  appliesTo: isPromptTemplate,
  mayMatch: (source) => hasNonAscii(source.text),
  check(context: RuleContext) {
    if (isPromptTemplate(context.path)) reportHiddenRuns(context, context.text, 'this prompt');
  },
};

/** `.prompty` files and Semantic Kernel `skprompt.txt` templates. */
function isPromptTemplate(path: string): boolean {
  const type = promptKindOf(path)?.type;
  return type === 'prompty' || type === 'semantic-kernel';
}
