/**
 * Short phrase shapes of instructions hidden for a model (tool poisoning in MCP tool descriptions,
 * backdoors in agent instruction files). Each is a literal shape, not a grammar: they are matched
 * on one description or one line, and callers decide how much each is worth.
 */

export type DirectiveKind = 'concealment' | 'override' | 'exfiltration' | 'sensitive-path' | 'hidden-tag' | 'base64';

export interface Directive {
  kind: DirectiveKind;
  /** UTF-16 offsets in the searched text. */
  start: number;
  end: number;
  /** What matched, shortened for a message (never a secret: these are phrases and paths). */
  text: string;
}

const SHAPES: [DirectiveKind, RegExp][] = [
  [
    'concealment',
    /\b(?:do not|don't|never|must not)\s+(?:tell|mention|inform|reveal|disclose|notify|alert)\s+(?:this\s+|it\s+|that\s+)?(?:to\s+)?(?:the\s+)?users?(?:\s+(?:about|of|regarding|that)\s+[^.\n]{1,60}?)?(?=\s*(?:[.,;:!)]|$))|\bwithout\s+(?:telling|informing|notifying|alerting)\s+(?:the\s+)?users?\b|\b(?:hide|conceal|keep)\s+(?:this|it|these)\s+(?:secret\s+|hidden\s+)?from\s+(?:the\s+)?users?\b|\bthe\s+user\s+(?:must|should)\s+(?:not|never)\s+(?:know|see|notice|find out)\b/im,
  ],
  [
    'override',
    /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|other)\s+(?:instructions|rules|directions|prompts?)\b/i,
  ],
  ['hidden-tag', /<\s*\/?\s*(?:IMPORTANT|SYSTEM|HIDDEN|SECRET|INSTRUCTIONS?)\s*>/],
  [
    'sensitive-path',
    /~\/\.ssh\b|\bid_(?:rsa|ed25519|ecdsa)\b|~\/\.aws\/credentials|~\/\.(?:cursor|claude)\/mcp\.json|\bclaude_desktop_config\.json|~\/\.netrc|~\/\.docker\/config\.json|~\/\.kube\/config/,
  ],
  [
    'exfiltration',
    /\b(?:send|post|upload|exfiltrate|transmit|forward|leak|append)\b[^.\n]{0,80}\b(?:keys?|tokens?|credentials|secrets?|passwords?|env(?:ironment)? variables|ssh|cookies)\b[^.\n]{0,80}\b(?:to|into)\s+(?:https?:\/\/\S+|(?:a|the|this|my)\s+webhook|webhook\.site|\S*ngrok\S*)/i,
  ],
  [
    'base64',
    /(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/]*[0-9])(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])[A-Za-z0-9+/]{80,}={0,2}(?![A-Za-z0-9+/=])/,
  ],
];

const MAX_SHOWN = 60;

/**
 * Words before an exfiltration shape on the same line that make it a rule against exfiltration
 * ("never send tokens to …", "flag code that posts keys to …"), not a directive to do it.
 */
const AGAINST = /\b(?:never|not|don't|avoid|prevent|flag|detect|block|warn|reject|report|catch|check|forbid|disallow)\b/i;

/** The directives of the given kinds in a text, each found once at its first place. */
export function findDirectives(text: string, kinds: readonly DirectiveKind[]): Directive[] {
  const found: Directive[] = [];
  for (const [kind, shape] of SHAPES) {
    if (!kinds.includes(kind)) continue;
    const match = firstMatch(text, kind, shape);
    if (!match) continue;
    const shown = match[0].replace(/\s+/g, ' ');
    found.push({
      kind,
      start: match.index,
      end: match.index + match[0].length,
      text: shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

function firstMatch(text: string, kind: DirectiveKind, shape: RegExp): RegExpExecArray | undefined {
  const global = new RegExp(shape.source, `${shape.flags}g`);
  for (let match = global.exec(text); match; match = global.exec(text)) {
    if (kind !== 'exfiltration') return match;
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    if (!AGAINST.test(text.slice(lineStart, match.index))) return match;
  }
  return undefined;
}

/** What a directive is, in words for a message. */
export function directiveLabel(kind: DirectiveKind): string {
  switch (kind) {
    case 'concealment':
      return 'hides its actions from the user';
    case 'override':
      return 'tells the model to ignore its other instructions';
    case 'exfiltration':
      return 'sends secrets to an outside address';
    case 'sensitive-path':
      return 'points the model at credentials';
    case 'hidden-tag':
      return 'wraps instructions in an <IMPORTANT>-style tag';
    case 'base64':
      return 'carries a long base64 blob';
  }
}
