import { createHash } from 'node:crypto';

/** Characters of a credential a message may show: enough to recognise the key's kind, never to use it. */
const SHOWN_CHARACTERS = 4;
const HASH_HEX_DIGITS = 8;

/**
 * How every message, hover and report names a credential: its first four characters, its length
 * and a short SHA-256 prefix (to tell two keys apart, or find the same one in a vault), e.g.
 * `sk-p… (164 characters, sha256 1f2e3d4c)`. Passwords, which are short and not random, show no
 * characters (`shown = 0`). The value itself never leaves the engine.
 */
export function redactSecret(value: string, shown: number = SHOWN_CHARACTERS): string {
  const start = value.slice(0, Math.min(shown, SHOWN_CHARACTERS));
  const facts = `(${value.length} characters, sha256 ${secretHash(value)})`;
  return start ? `${start}… ${facts}` : facts;
}

/** A short hash of a credential: for fingerprints and messages, never reversible to the value. */
export function secretHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, HASH_HEX_DIGITS);
}
