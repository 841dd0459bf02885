import endpointsData from '../data/endpoints.json';
import { type ConfigFormat, type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { alignedFragment } from '../parse/shellWords';
import { environmentSettings } from '../rules/environmentSettings';
import type { FileKind } from '../types';
import { property, serviceComponent } from './components';
import { Lines } from './manifestText';
import type { Occurrence, PartialComponent } from './types';

/**
 * AI services named by configuration: the environment variables that carry a provider's key or
 * endpoint (`ANTHROPIC_API_KEY` → Anthropic API, `LANGSMITH_API_KEY` → LangSmith). Only names are
 * read, never values. The names are data (`endpoints.json` `keyNames`), next to each service's hosts.
 *
 * A name counts where configuration sets or passes it: `.env` lines, Compose `environment`,
 * Kubernetes `env` and CI `env` blocks (the shared `environmentSettings` reader), keys of JSON, YAML
 * and TOML settings files, and references in configuration values (`${{ secrets.OPENAI_API_KEY }}`,
 * `${OPENAI_API_KEY}`, `os.environ/OPENAI_API_KEY`). Code that mentions a name is not configuration
 * and is left to the code collectors.
 */

interface KeyName {
  name: string;
  service: string;
  /** A name other products share: it needs the service named in the same file, or found elsewhere. */
  weak: boolean;
}

interface ServiceKeys {
  keyNames?: string[];
  weakKeyNames?: string[];
}

let keyIndex: Map<string, KeyName> | undefined;

function keyNameIndex(): Map<string, KeyName> {
  if (keyIndex) return keyIndex;
  keyIndex = new Map();
  for (const [service, entry] of Object.entries(endpointsData.services as Record<string, ServiceKeys>)) {
    for (const name of entry.keyNames ?? []) keyIndex.set(name, { name, service, weak: false });
    for (const name of entry.weakKeyNames ?? []) keyIndex.set(name, { name, service, weak: true });
  }
  return keyIndex;
}

/**
 * The provider key a variable name is: the name itself, or a known name after a prefix that
 * frameworks add (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, a project prefix), on a `_` boundary.
 */
export function keyNameFor(variable: string): KeyName | undefined {
  const index = keyNameIndex();
  const exact = index.get(variable);
  if (exact) return exact;
  for (let cut = variable.indexOf('_'); cut > 0; cut = variable.indexOf('_', cut + 1)) {
    const found = index.get(variable.slice(cut + 1));
    // `CO_API_KEY` or `HF_TOKEN` after a prefix is too short a word to name the provider.
    if (found && !found.weak && found.name.indexOf('_') >= 3) return found;
  }
  return undefined;
}

/**
 * The service a provider key name stands for, as an entry whose evidence is the name (never a value).
 * A `candidate` waits for the service to be confirmed elsewhere (`keyConfirmation.ts`).
 */
export function keyNamedService(name: string, key: KeyName, at: Occurrence, candidate = false): PartialComponent | undefined {
  const service = serviceComponent(key.service, at);
  if (!service) return undefined;
  service.properties.push(property('service:key-name', name));
  if (candidate) service.candidate = true;
  return service;
}

/** A place a name is written: its 0-based offset in the file. */
interface NamedAt {
  name: string;
  offset: number;
}

/** Services named by key variables in a configuration file (`.env`, YAML, JSON, TOML). */
export function collectKeyNameServices(path: string, text: string, kind: FileKind): PartialComponent[] {
  const lines = new Lines(text);
  // The service's own name in the file confirms a shared name such as `GOOGLE_API_KEY`.
  const lower = text.toLowerCase();
  const components: PartialComponent[] = [];
  const seen = new Set<string>();
  for (const place of namedPlaces(text, kind)) {
    const key = keyNameFor(place.name);
    const line = lines.at(place.offset);
    // `OPENAI_API_KEY: ${OPENAI_API_KEY}` names the variable twice on one line.
    if (!key || seen.has(`${place.name}:${line}`)) continue;
    seen.add(`${place.name}:${line}`);
    const candidate = key.weak && !confirmsService(key.service, lower);
    const service = keyNamedService(place.name, key, { path, line, evidence: 'config', symbol: place.name }, candidate);
    if (service) components.push(service);
  }
  return components;
}

/** Words that name a service whose key name is shared with other products. */
const CONFIRMING_WORDS: Record<string, string[]> = { 'google-gemini': ['gemini', 'genai', 'generativelanguage'] };

function confirmsService(service: string, lowerText: string): boolean {
  return (CONFIRMING_WORDS[service] ?? []).some((word) => lowerText.includes(word));
}

function namedPlaces(text: string, kind: FileKind): NamedAt[] {
  // A `.env` value is on its name's line.
  if (kind === 'dotenv')
    return environmentSettings(kind, text, undefined).map((setting) => ({ name: setting.name, offset: setting.start }));
  const format = configFormatOf(kind);
  if (!format) return [];
  const places: NamedAt[] = [];
  for (const root of configDocumentFor(text, format).documents) visit(root, places, text, 0);
  return places;
}

function configFormatOf(kind: FileKind): ConfigFormat | undefined {
  return kind === 'json' || kind === 'yaml' || kind === 'toml' ? kind : undefined;
}

/**
 * `${{ secrets.NAME }}`, `$NAME`, `${NAME}`, `${{NAME}}` (Teams Toolkit), `env.NAME`, `vars.NAME`,
 * `os.environ/NAME` (LiteLLM), `env:NAME`, and `NAME=value` assignments in scripts (`export NAME=…`).
 */
const REFERENCE =
  /(?:\b(?:secrets|env|vars)\.|\$\{\{\s*|\$\{?|os\.environ\/|\benv:)([A-Z][A-Z0-9_]*[A-Z0-9])\b|(?:^|[\s;&(])([A-Z][A-Z0-9_]*[A-Z0-9])=/gm;
/** Keys whose value names a variable (`api_key_env_var: OPENAI_API_KEY`, `secretKey: HF_TOKEN`). */
const NAMING_KEY = /env|var|key|token|secret/i;
/** A Compose `environment` list item: `NAME=value` or `NAME` alone (passed through from the host). */
const LIST_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:=|$)/;

/**
 * Names in a configuration tree: member keys (`env:` maps, settings files), Kubernetes `env` items
 * (`- name: NAME`), Compose `environment` list items, and references inside string values.
 */
function visit(node: ConfigNode, places: NamedAt[], text: string, depth: number): void {
  if (depth > 64) return;
  for (const child of node.children) {
    if (typeof child.key === 'string' && child.keyStart !== undefined && keyNameFor(child.key)) {
      places.push({ name: child.key, offset: child.keyStart });
    }
    const value = child.string;
    if (value !== undefined) {
      const declared = declaredName(child, value);
      if (declared) places.push({ name: declared, offset: child.start });
      if (!declared && typeof child.key === 'string' && NAMING_KEY.test(child.key) && keyNameIndex().has(value)) {
        places.push({ name: value, offset: child.start });
      }
      places.push(...references(child, value, text));
    } else if (child.kind === 'object' || child.kind === 'array') {
      visit(child, places, text, depth + 1);
    }
  }
}

/**
 * The variable a string declares inside a list of variables: Kubernetes `env` items (`- name: NAME`),
 * Render `envVars` (`- key: NAME`), Compose `environment` items (`NAME=value`, `NAME`), and plain
 * name lists (Turborepo `globalEnv`, azd `pipeline.variables`, `secrets`).
 */
function declaredName(node: ConfigNode, value: string): string | undefined {
  const parent = node.parent;
  if ((node.key === 'name' || node.key === 'key') && parent?.parent?.kind === 'array' && isVariableList(parent.parent.key)) return value;
  if (typeof node.key === 'number' && parent?.kind === 'array' && isVariableList(parent.key)) return LIST_ASSIGNMENT.exec(value)?.[1];
  return undefined;
}

/** Keys of lists whose items are environment variables: `env`, `environment`, `envVars`, `globalEnv`, `variables`, `secrets`. */
function isVariableList(key: string | number | undefined): boolean {
  return typeof key === 'string' && /^(?:\w*env(?:ironment)?(?:vars?)?|variables|secrets)$/i.test(key);
}

/** Variables a string value references, each placed where it is written (a script spans many lines). */
function references(node: ConfigNode, value: string, text: string): NamedAt[] {
  const matches = [...value.matchAll(REFERENCE)];
  if (matches.length === 0) return [];
  const fragment = alignedFragment(value, text.slice(node.start, node.end), (index) => node.start + index);
  return matches.map((match) => {
    const name = (match[1] ?? match[2]) as string;
    return { name, offset: fragment.offsetAt((match.index ?? 0) + match[0].indexOf(name)) };
  });
}
