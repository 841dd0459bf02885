// Copies the languages and grammars of syntaxes/contributes.json (owned with the grammars) into
// package.json `contributes`, replacing entries with the same language id or scope name and leaving
// every other key as it is. Run it after changing the fragment: `node scripts/sync-contributes.mjs`.

import { readFileSync, writeFileSync } from 'node:fs';

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** `entries` first, then the existing ones they do not replace. */
function merge(existing = [], entries, key) {
  const replaced = new Set(entries.map(key));
  return [...entries, ...existing.filter((item) => !replaced.has(key(item)))];
}

const fragment = readJson('syntaxes/contributes.json');
const manifest = readJson('package.json');
const contributes = manifest.contributes ?? {};
const isGrammarLanguage = (language) => fragment.languages.some((entry) => entry.id === language.id);
contributes.languages = [...(contributes.languages ?? []).filter((language) => !isGrammarLanguage(language)), ...fragment.languages];
contributes.grammars = merge(contributes.grammars, fragment.grammars, (grammar) => grammar.scopeName);
manifest.contributes = contributes;
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
