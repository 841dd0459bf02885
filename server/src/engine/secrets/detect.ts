import providerData from '../data/secret-providers.json';

/**
 * Credential detection shared by the secret rules (AIP201 literal keys, AIP202 public variables,
 * AIP204 committed `.env` files, AIP205 secrets in prompts, AIP602 secrets in MCP configs).
 *
 * The provider formats are data (`data/secret-providers.json`, knowledge file §3). A format with a
 * prefix (`sk-ant-`, `gsk_`) is tried only when one of its literal triggers occurs; a prefix-less
 * one (Cohere's 40 characters, Azure's 32 hex) only in a window around its context words (the
 * provider's name or key variable), so the regex never runs over a whole file that lacks them.
 * A match must then look random: placeholders and documentation examples (`your-key-here`,
 * `xxxx`, repeated or ascending characters, low entropy, `<…>`, a trailing `...`) are not keys.
 */

export type SecretAlphabet = 'hex' | 'lower' | 'alnum' | 'base64url';

export interface SecretProvider {
  /** Stable id (`openai`, `azure-openai-legacy`). */
  readonly id: string;
  /** Shown in messages: `OpenAI`, `Azure OpenAI / Azure AI Services`. */
  readonly provider: string;
  /** The environment variable the quick fixes read (`OPENAI_API_KEY`). */
  readonly envVar: string;
  readonly pattern: string;
  readonly triggers: readonly string[];
  readonly shortPrefixes?: readonly string[];
  /** Lower-case words that must occur near the value (prefix-less formats). */
  readonly context?: readonly string[];
  /** Lower-case words that, near the value, say it is something else. */
  readonly notNear?: readonly string[];
  readonly alphabet: SecretAlphabet;
  /** False for the credentials of other services, which only AIP205 and AIP602 report. */
  readonly ai: boolean;
}

export interface SecretMatch {
  /** UTF-16 offsets of the value in the text searched. */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly provider: SecretProvider;
}

export interface FindOptions {
  /** Only AI provider keys (AIP201, AIP204), or every credential (AIP205, AIP602). */
  readonly aiOnly?: boolean;
  /** Text that counts as nearby context (an MCP `env` key name for its value). */
  readonly extraContext?: string;
  /** Whether one of a provider's literals occurs in the text (a rule passes the file's one pass: `RuleContext.mentions`). */
  readonly mentions?: (literals: readonly string[]) => boolean;
}

/** Characters either side of a context word within which a prefix-less key is looked for. */
const CONTEXT_WINDOW = 200;
/** What may come right before a short prefix for it to start a token (`"hf_`, `=hf_`, ` hf_`). */
const SHORT_PREFIX_OPENERS = ['"', "'", '`', '=', ':', ' ', '(', '>', ','];
const TOKEN_CHAR = '[A-Za-z0-9_\\-]';

interface CompiledProvider extends SecretProvider {
  readonly regex: RegExp;
  /** Literals of which one must occur (triggers and short-prefix variants). */
  readonly literals: readonly string[];
}

const OTHER_CREDENTIALS: SecretProvider[] = [
  {
    id: 'github',
    provider: 'GitHub',
    envVar: 'GITHUB_TOKEN',
    pattern: 'gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}',
    triggers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    alphabet: 'alnum',
    ai: false,
  },
  {
    id: 'gitlab',
    provider: 'GitLab',
    envVar: 'GITLAB_TOKEN',
    pattern: 'glpat-[A-Za-z0-9_-]{20}',
    triggers: ['glpat-'],
    alphabet: 'base64url',
    ai: false,
  },
  {
    id: 'slack',
    provider: 'Slack',
    envVar: 'SLACK_BOT_TOKEN',
    pattern: 'xox[baprs]-[0-9]{10,13}-[0-9]{10,13}(?:-[A-Za-z0-9]{24,34})?',
    triggers: ['xoxb-', 'xoxa-', 'xoxp-', 'xoxr-', 'xoxs-'],
    alphabet: 'alnum',
    ai: false,
  },
  {
    id: 'stripe',
    provider: 'Stripe',
    envVar: 'STRIPE_SECRET_KEY',
    pattern: '(?:sk|rk)_live_[A-Za-z0-9]{24,}',
    triggers: ['sk_live_', 'rk_live_'],
    alphabet: 'alnum',
    ai: false,
  },
];

let compiled: CompiledProvider[] | undefined;

function providers(): CompiledProvider[] {
  compiled ??= [
    ...(providerData.providers as Omit<SecretProvider, 'ai'>[]).map((provider) => ({ ...provider, ai: true })),
    ...OTHER_CREDENTIALS,
  ].map((provider) => ({
    ...provider,
    regex: new RegExp(`(?<!${TOKEN_CHAR})(?:${provider.pattern})(?!${TOKEN_CHAR})`, 'g'),
    literals: [
      ...provider.triggers,
      ...(provider.shortPrefixes ?? []).flatMap((prefix) => SHORT_PREFIX_OPENERS.map((opener) => `${opener}${prefix}`)),
    ],
  }));
  return compiled;
}

/** Every provider format, AI first (for docs and tests). */
export function secretProviders(): readonly SecretProvider[] {
  return providers();
}

/** The literal triggers of the AI key formats: a rule over them runs only on files holding one. */
export function aiSecretTriggers(): string[] {
  return [...new Set(providers().flatMap((provider) => (provider.ai ? provider.literals : [])))];
}

/** The triggers of every credential format (AI keys and other services' tokens). */
export function allSecretTriggers(): string[] {
  return [...new Set(providers().flatMap((provider) => provider.literals))];
}

/** Credentials in a text, in order, one per span (the first format listed wins an overlap). */
export function findSecrets(text: string, options: FindOptions = {}): SecretMatch[] {
  let lower: string | undefined;
  const lowerText = () => {
    lower ??= text.toLowerCase();
    return lower;
  };
  const matches: SecretMatch[] = [];
  for (const provider of providers()) {
    if (options.aiOnly && !provider.ai) continue;
    if (provider.context) {
      matches.push(...contextMatches(text, lowerText(), provider, options.extraContext?.toLowerCase()));
      continue;
    }
    const mentioned = options.mentions ? options.mentions(provider.literals) : provider.literals.some((literal) => text.includes(literal));
    if (!mentioned && !startsWithShortPrefix(text, provider)) continue;
    matches.push(...regexMatches(text, provider, 0, text.length));
  }
  return withoutOverlaps(matches.filter((match) => looksLikeCredential(text, match)));
}

/** A value that is the key alone (`hf_…` as an MCP `env` value) has no opener before its short prefix. */
function startsWithShortPrefix(text: string, provider: SecretProvider): boolean {
  return (provider.shortPrefixes ?? []).some((prefix) => text.startsWith(prefix));
}

function regexMatches(text: string, provider: CompiledProvider, from: number, to: number): SecretMatch[] {
  const found: SecretMatch[] = [];
  const regex = provider.regex;
  const slice = text.slice(from, to);
  regex.lastIndex = 0;
  for (let match = regex.exec(slice); match; match = regex.exec(slice)) {
    found.push({ start: from + match.index, end: from + match.index + match[0].length, value: match[0], provider });
  }
  return found;
}

/** A prefix-less format, tried only in windows around its context words. */
function contextMatches(text: string, lower: string, provider: CompiledProvider, extraContext: string | undefined): SecretMatch[] {
  const words = provider.context ?? [];
  if (extraContext !== undefined && words.some((word) => extraContext.includes(word))) {
    return regexMatches(text, provider, 0, text.length);
  }
  const windows: [number, number][] = [];
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
      windows.push([Math.max(0, at - CONTEXT_WINDOW), Math.min(text.length, at + word.length + CONTEXT_WINDOW)]);
    }
  }
  const found: SecretMatch[] = [];
  for (const [from, to] of mergeWindows(windows)) found.push(...regexMatches(text, provider, from, to));
  return found;
}

function mergeWindows(windows: [number, number][]): [number, number][] {
  const sorted = windows.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push([...window]);
  }
  return merged;
}

function withoutOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const kept: SecretMatch[] = [];
  for (const match of matches) {
    if (!kept.some((other) => match.start < other.end && other.start < match.end)) kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// -------------------------------------------------------------------------------- placeholders

/** Words of documentation examples and templates (four letters or more: a random key rarely holds one). */
const PLACEHOLDER_WORDS =
  /x{4}|your|here|example|placeholder|dummy|sample|redacted|changeme|replace|insert|fake|mock|demo|test|secret|qwerty/i;
const ASCENDING = /0123456|123456789|abcdefgh/i;
const REPEATED = /(.)\1{4}/;
const ALPHABET_SIZE: Record<SecretAlphabet, number> = { hex: 16, lower: 36, alnum: 62, base64url: 64 };
/** A key's characters must carry at least this share of the entropy a random string of its alphabet has. */
const ENTROPY_SHARE = 0.75;

/** Whether a match is a real-looking credential rather than a placeholder, an example or a hash. */
export function looksLikeCredential(text: string, match: SecretMatch): boolean {
  const { value, provider } = match;
  if (PLACEHOLDER_WORDS.test(value) || ASCENDING.test(value) || REPEATED.test(value)) return false;
  if (isWrapped(text, match.start, match.end)) return false;
  if (shannonEntropy(value) < ENTROPY_SHARE * Math.log2(Math.min(value.length, ALPHABET_SIZE[provider.alphabet]))) return false;
  if (!hasMixedCharacters(value, provider)) return false;
  if (provider.notNear && isNear(text, match, provider.notNear)) return false;
  return true;
}

/** `<sk-…>`, `{{key}}`, `${KEY}` and `key...` are templates and truncated examples. */
function isWrapped(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 3);
  return before.endsWith('<') || before.endsWith('{') || after.startsWith('...') || after.startsWith('…') || after.startsWith('>');
}

/**
 * A random key mixes character classes: hex keys hold digits and letters; the letters-and-digits
 * formats hold two of lower case, upper case and digits. Prefix-less ones (a 40-character Cohere
 * key) must not be plain hex, which is what hashes and commit ids are.
 */
function hasMixedCharacters(value: string, provider: SecretProvider): boolean {
  const digits = /\d/.test(value);
  const lowerCase = /[a-z]/.test(value);
  const upperCase = /[A-Z]/.test(value);
  if (provider.alphabet === 'hex') return digits && (lowerCase || upperCase);
  if ([digits, lowerCase, upperCase].filter(Boolean).length < 2) return false;
  return !(provider.context && /^[a-f0-9]+$/i.test(value));
}

function isNear(text: string, match: SecretMatch, words: readonly string[]): boolean {
  const around = text.slice(Math.max(0, match.start - CONTEXT_WINDOW * 2), match.end + CONTEXT_WINDOW * 2).toLowerCase();
  return words.some((word) => around.includes(word));
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
