import packagesData from '../data/ai-packages.json';
import { endpointHints, importRoots, lookupPackage } from './catalog';
import type { CodeLanguage } from './codeFacts';
import { escapeRegExp } from './manifestText';

/**
 * One regular expression per language that must match before a source file is parsed for the
 * inventory: an AI import root, a hub loader, or an AI endpoint host. Most files of a large
 * workspace fail it, so they are never parsed twice.
 */

const cache = new Map<CodeLanguage, RegExp>();

export function prefilterFor(language: CodeLanguage): RegExp {
  let pattern = cache.get(language);
  if (!pattern) {
    const hints = endpointHints().map(escapeRegExp);
    pattern = new RegExp([...languagePatterns(language), ...hints].join('|'), language === 'csharp' ? 'i' : '');
    cache.set(language, pattern);
  }
  return pattern;
}

/** Regular-expression sources for the import roots of a language, longest first. */
function languagePatterns(language: CodeLanguage): string[] {
  const alternation = (words: string[]) =>
    [...new Set(words)]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
  switch (language) {
    case 'python':
      // Prefix families (`langchain_*`, `llama_index`) share their first word.
      return [`\\b(?:${alternation([...importRoots('pypi'), ...prefixWords('pypi').map((word) => word.replace(/-/g, '_'))])})`];
    case 'javascript': {
      const names = Object.keys(packagesData.npm);
      const exact = names.filter((name) => !name.endsWith('*'));
      const prefixes = names.filter((name) => name.endsWith('*')).map((name) => name.slice(0, -1));
      return [`["'\`](?:${alternation(exact)})["'\`/]`, `["'\`](?:${alternation(prefixes)})`];
    }
    case 'csharp':
      return [`\\b(?:${alternation(importRootsFull('nuget'))})`];
    case 'java':
      return [`\\b(?:${alternation(importRootsFull('maven'))})`];
    case 'go':
      return [`["\`](?:${alternation(Object.keys(packagesData.golang))})`];
  }
}

function prefixWords(ecosystem: 'pypi'): string[] {
  return Object.keys(packagesData[ecosystem])
    .filter((name) => name.endsWith('*'))
    .map((name) => name.slice(0, -1).replace(/[-_]+$/, ''));
}

/** Whole namespaces for languages whose first segment (`Microsoft`, `com`) says nothing. */
function importRootsFull(ecosystem: 'nuget' | 'maven'): string[] {
  const roots: string[] = [];
  for (const [name, entry] of Object.entries(packagesData[ecosystem] as Record<string, { imports?: string[] }>)) {
    if (name.endsWith('*')) continue;
    const info = lookupPackage(ecosystem, name);
    if (!info) continue;
    roots.push(...(entry.imports ?? (ecosystem === 'nuget' ? [name] : [])));
  }
  return roots;
}
