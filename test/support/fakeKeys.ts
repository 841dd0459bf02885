/**
 * Fake credentials for tests and fixtures, assembled at run time from parts so that no key-shaped
 * string is ever committed (code hosts' secret scanning blocks pushes that contain one).
 *
 * A fixture writes `@@FAKE_KEY:<provider-id>@@` (optionally `@@FAKE_KEY:<provider-id>:<n>@@` for a
 * second, different key of the same provider) where the key goes; `expandFakeKeys` replaces each
 * token by a key of that provider's format, random-looking but deterministic (seeded by the
 * token), so snapshots are stable. The shapes below follow `data/secret-providers.json`; a test
 * checks that every provider has one and that the generated key matches the provider's pattern.
 */

type Part = string | [alphabet: keyof typeof ALPHABETS, length: number];

const ALPHABETS = {
  hex: '0123456789abcdef',
  lower: '0123456789abcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  letters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  base64url: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-',
  upper: 'ABCDEFGHIJKL',
  digits: '0123456789',
};

/** Prefixes are split so that not even the prefix of a key is one literal in this file. */
const p = (...parts: string[]) => parts.join('');

export const FAKE_KEY_SHAPES: Readonly<Record<string, Part[]>> = {
  openai: [p('sk-', 'proj-'), ['base64url', 74], p('T3Blb', 'kFJ'), ['base64url', 74]],
  anthropic: [p('sk-', 'ant-', 'api03-'), ['base64url', 93], 'AA'],
  'azure-openai': [['alnum', 52], p('JQQJ', '99'), ['alnum', 1], ['upper', 1], ['alnum', 12], p('AAAB', 'ACOG'), ['alnum', 4]],
  'azure-openai-legacy': [['hex', 32]],
  'google-ai': [p('AI', 'za'), ['base64url', 35]],
  huggingface: [p('h', 'f_'), ['letters', 34]],
  groq: [p('gs', 'k_'), ['alnum', 52]],
  replicate: [p('r', '8_'), ['alnum', 37]],
  perplexity: [p('pp', 'lx-'), ['alnum', 48]],
  xai: [p('xa', 'i-'), ['alnum', 80]],
  openrouter: [p('sk-', 'or-', 'v1-'), ['hex', 64]],
  deepseek: [p('s', 'k-'), ['hex', 32]],
  together: [['hex', 64]],
  fireworks: [p('f', 'w_'), ['alnum', 24]],
  cohere: [['alnum', 40]],
  mistral: [['alnum', 32]],
  langsmith: [p('lsv2', '_pt_'), ['hex', 32], '_', ['hex', 10]],
  langfuse: [p('sk-', 'lf-'), ['hex', 8], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 4], '-', ['hex', 12]],
  pinecone: [p('pc', 'sk_'), ['alnum', 5], '_', ['alnum', 63]],
  wandb: [['hex', 40]],
  nvidia: [p('nv', 'api-'), ['base64url', 64]],
  elevenlabs: [p('s', 'k_'), ['hex', 48]],
  braintrust: [p('s', 'k-'), ['alnum', 48]],
  sourcegraph: [p('sl', 'k_'), ['hex', 64]],
  jina: [p('ji', 'na_'), ['alnum', 60]],
  tavily: [p('tv', 'ly-'), ['alnum', 32]],
  firecrawl: [p('f', 'c-'), ['hex', 32]],
  deepgram: [['hex', 40]],
  assemblyai: [['hex', 32]],
  clarifai: [['hex', 32]],
  databricks: [p('da', 'pi'), ['hex', 32]],
  github: [p('gh', 'p_'), ['alnum', 36]],
  gitlab: [p('gl', 'pat-'), ['alnum', 20]],
  slack: [p('xo', 'xb-'), ['digits', 11], '-', ['digits', 12], '-', ['alnum', 24]],
  stripe: [p('sk', '_live_'), ['alnum', 24]],
};

/** Words a random-looking key must not contain, or the placeholder checks would rightly drop it. */
const FORBIDDEN =
  /x{4}|your|here|example|placeholder|dummy|sample|redacted|changeme|replace|insert|fake|mock|demo|test|secret|qwerty|0123456|123456789|abcdefgh|(.)\1{4}/i;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** A deterministic fake key of a provider; `variant` gives a different key of the same format. */
export function fakeKey(providerId: string, variant = 0): string {
  const shape = FAKE_KEY_SHAPES[providerId];
  if (!shape || shape.length === 0) throw new Error(`no fake key shape for provider ${providerId}`);
  for (let attempt = 0; ; attempt++) {
    const random = mulberry32(seedOf(`${providerId}:${variant}:${attempt}`));
    const key = shape
      .map((part) => {
        if (typeof part === 'string') return part;
        const [alphabet, length] = part;
        const chars = ALPHABETS[alphabet];
        return Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
      })
      .join('');
    // Retry until the key mixes character classes the way a real one does (the detector asks for it).
    if (!FORBIDDEN.test(key) && mixesClasses(key)) return key;
  }
}

function mixesClasses(key: string): boolean {
  const classes = [/\d/, /[a-z]/, /[A-Z]/].filter((regex) => regex.test(key)).length;
  return classes >= 2 && (/[g-z]/i.test(key) || (/\d/.test(key) && /[a-f]/.test(key)));
}

const TOKEN = /@@FAKE_KEY:([a-z0-9-]+)(?::(\d+))?@@/g;

/** Replaces every `@@FAKE_KEY:<provider>[:n]@@` of a fixture text by its fake key. */
export function expandFakeKeys(text: string): string {
  return text.replace(TOKEN, (_, provider: string, variant: string | undefined) => fakeKey(provider, Number(variant ?? 0)));
}

/** Providers with a shape, in the order above. */
export function fakeKeyProviders(): string[] {
  return Object.entries(FAKE_KEY_SHAPES)
    .filter(([, shape]) => shape.length > 0)
    .map(([id]) => id);
}
