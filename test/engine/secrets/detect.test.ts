import * as assert from 'node:assert/strict';
import { TriggerIndex } from '../../../server/src/engine/prefilter/triggers';
import { aip201 } from '../../../server/src/engine/rules/aip201-ai-api-key-literal';
import { findSecrets, secretProviders, shannonEntropy } from '../../../server/src/engine/secrets/detect';
import { redactSecret } from '../../../server/src/engine/secrets/redact';
import { expandFakeKeys, FAKE_KEY_SHAPES, fakeKey } from '../../support/fakeKeys';

/** A prefix-less format needs its context word nearby; give it the provider's variable name. */
function inContext(providerId: string, key: string): string {
  const provider = secretProviders().find((candidate) => candidate.id === providerId);
  return `${provider?.envVar ?? 'KEY'} = "${key}"`;
}

describe('secret detection', () => {
  it('has a fake key shape for every provider, and finds each fake key as its own provider', () => {
    for (const provider of secretProviders()) {
      assert.ok(FAKE_KEY_SHAPES[provider.id], `no fake key shape for ${provider.id}`);
      const key = fakeKey(provider.id);
      const found = findSecrets(inContext(provider.id, key));
      assert.deepEqual(
        found.map((match) => [match.provider.id, match.value]),
        [[provider.id, key]],
        provider.id,
      );
    }
  });

  it('gives each provider an environment variable and triggers the one pass accepts', () => {
    for (const provider of secretProviders()) {
      assert.match(provider.envVar, /^[A-Z][A-Z0-9_]+$/, provider.id);
      assert.ok(provider.triggers.length > 0 || (provider.shortPrefixes ?? []).length > 0, `${provider.id} has no trigger`);
    }
    // The scanner throws for a literal it cannot anchor (shorter than four characters, not printable ASCII).
    assert.doesNotThrow(() => new TriggerIndex([aip201]));
  });

  it('finds a short-prefix key after any opener and at the start of a value', () => {
    const key = fakeKey('huggingface');
    for (const text of [`token="${key}"`, `token='${key}'`, `HF_TOKEN=${key}`, `token: ${key}`, `login(${key})`, key]) {
      assert.equal(findSecrets(text).length, 1, text);
    }
  });

  it('leaves placeholders, documentation examples and templates alone', () => {
    const examples = [
      'sk-proj-...',
      `sk-proj-${'x'.repeat(80)}`,
      `hf_${'x'.repeat(34)}`,
      `pplx-${'a'.repeat(48)}`,
      `gsk_your${'Key'.repeat(16)}1234`,
      `<${fakeKey('google-ai').slice(0, 6)}YourKeyGoesHere0123456789abcdefghij>`,
      `${fakeKey('anthropic')}...`,
      `lsv2_pt_${'0123456789abcdef'.repeat(2)}_0123456789`,
      `COHERE_API_KEY = "${'ab12'.repeat(10)}"`,
    ];
    for (const text of examples) assert.deepEqual(findSecrets(text), [], text);
  });

  it('needs the context of prefix-less keys: the provider name near the value', () => {
    const key = fakeKey('cohere');
    assert.equal(findSecrets(`value = "${key}"`).length, 0, 'no context');
    assert.equal(findSecrets(`co = cohere.Client("${key}")`).length, 1, 'next to cohere');
    assert.equal(findSecrets(`cohere is used elsewhere\n${'#'.repeat(400)}\nvalue = "${key}"`).length, 0, 'too far away');
    const azure = fakeKey('azure-openai-legacy');
    assert.equal(findSecrets(`key = "${azure}"`).length, 0, 'a 32-hex value alone');
    assert.equal(findSecrets(`endpoint = "https://x.openai.azure.com"\nkey = "${azure}"`).length, 1, 'next to an Azure endpoint');
  });

  it('does not take hashes, commit ids and UUIDs next to a provider name for keys', () => {
    const sha1 = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
    const md5 = '5d41402abc4b2a76b9719d911017c592';
    const uuid = '123e4567-e89b-42d3-a456-426614174000';
    assert.deepEqual(findSecrets(`cohere model revision ${sha1}`), []);
    assert.deepEqual(findSecrets(`MISTRAL_API_KEY checksum ${md5}`), []);
    assert.deepEqual(findSecrets(`deepseek request id ${uuid}`), []);
  });

  it('skips a Google key in a Firebase web config', () => {
    const key = fakeKey('google-ai');
    assert.deepEqual(findSecrets(`const firebaseConfig = { apiKey: "${key}", authDomain: "app.firebaseapp.com" };`), []);
    assert.equal(findSecrets(`genai.configure(api_key="${key}")`).length, 1);
  });

  it('separates the AI keys from other credentials', () => {
    const github = fakeKey('github');
    assert.equal(findSecrets(`token = "${github}"`).length, 1);
    assert.equal(findSecrets(`token = "${github}"`, { aiOnly: true }).length, 0);
  });

  it('redacts to the first four characters, the length and a short hash', () => {
    const key = fakeKey('openai');
    const redacted = redactSecret(key);
    assert.match(redacted, /^sk-p… \(164 characters, sha256 [0-9a-f]{8}\)$/);
    assert.ok(!redacted.includes(key.slice(4, 12)));
    assert.match(redactSecret('hunter2hunter2', 0), /^\(14 characters, sha256 [0-9a-f]{8}\)$/);
  });

  it('measures entropy in bits per character', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });

  it('expands fixture tokens deterministically', () => {
    assert.equal(expandFakeKeys('k = "@@FAKE_KEY:groq@@"'), `k = "${fakeKey('groq')}"`);
    assert.notEqual(fakeKey('groq', 1), fakeKey('groq'));
  });
});
