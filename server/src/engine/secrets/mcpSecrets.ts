import { type McpServer, mcpClientOf, mcpConfigFormat, mightBeMcpConfig, readMcpServers } from '../inventory/mcpConfigs';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import type { FileKind } from '../types';
import { findSecrets, looksLikeCredential, type SecretProvider } from './detect';

/**
 * Credentials written into MCP server entries (AIP602), read from the shared ranged MCP model
 * (`readMcpServers`, the same parse the AI-BOM uses): provider-format keys anywhere in an `env` or
 * `headers` value, an argument or the URL; and, where the name says it is a credential (an `env`
 * key such as `GITHUB_TOKEN`, an `Authorization` header, a `--api-key` argument, a `?token=` query
 * parameter), any literal that looks random. AIP201 leaves these spans to AIP602.
 */

export interface McpSecret {
  server: McpServer;
  /** The string node that holds the credential. */
  node: ConfigNode;
  /** Where the node is in the server entry, in words: `env GITHUB_TOKEN`, `header Authorization`, `argument 3`, `URL`. */
  place: string;
  /** UTF-16 offsets of the credential in the file. */
  start: number;
  end: number;
  value: string;
  /** The provider when the format is known; undefined for a credential recognised by its name. */
  provider?: SecretProvider;
  /** The variable to read the value from: the `env` key, else the provider's variable, else one made from the place. */
  variable: string;
}

const CONFIG_KINDS: readonly FileKind[] = ['json', 'yaml', 'toml'];
/** Names that say a value is a credential. */
const CREDENTIAL_NAME = /api[_-]?key|apikey|token|secret|passw(?:or)?d|credential|auth|_pat$|^pat$|access[_-]?key/i;
/** A bearer or basic credential in an `Authorization` header value. */
const AUTH_SCHEME = /^(?:Bearer|Basic|Token)\s+(\S+)$/i;
/** Arguments that take a credential as the next argument or after `=`. */
const CREDENTIAL_FLAG = /^--?(?:[\w-]*(?:api[_-]?key|token|secret|password|auth)[\w-]*)$/i;
const GENERIC_PROVIDER: Pick<SecretProvider, 'alphabet'> = { alphabet: 'base64url' };
/** A credential recognised by its name only must be this long (shorter values are ids, flags, ports). */
const MIN_NAMED_CREDENTIAL = 16;

/** Whether a file may hold MCP server entries: an MCP client's config, or a config naming a server container. */
export function mayHoldMcpServers(path: string, kind: FileKind, text: string): boolean {
  return CONFIG_KINDS.includes(kind) && (mcpClientOf(path) !== undefined || mightBeMcpConfig(text));
}

export function mcpServersOf(path: string, text: string): McpServer[] {
  const document = configDocumentFor(text, mcpConfigFormat(path));
  return readMcpServers(path, document, mcpClientOf(path) ?? 'unknown');
}

/** Every credential literal in the servers of an MCP config, in document order. */
export function mcpSecrets(path: string, text: string): McpSecret[] {
  return mcpServersOf(path, text).flatMap((server) => serverSecrets(server, text));
}

/** The spans of the server values AIP602 judges (AIP201 stays silent inside them). */
export function mcpValueSpans(path: string, text: string): [number, number][] {
  return mcpServersOf(path, text).flatMap((server) =>
    [...server.env, ...server.headers, ...server.args, ...(server.url ? [server.url] : [])].map(
      (node) => [node.start, node.end] as [number, number],
    ),
  );
}

function serverSecrets(server: McpServer, text: string): McpSecret[] {
  const found: McpSecret[] = [];
  for (const node of server.env) found.push(...valueSecrets(server, node, text, `env ${String(node.key)}`, String(node.key)));
  for (const node of server.headers) found.push(...valueSecrets(server, node, text, `header ${String(node.key)}`, String(node.key)));
  server.args.forEach((node, index) => {
    const flag = server.args[index - 1]?.string;
    const name = flag && CREDENTIAL_FLAG.test(flag) ? flag : undefined;
    found.push(...valueSecrets(server, node, text, `argument ${index + 1}`, name));
  });
  if (server.url) found.push(...valueSecrets(server, server.url, text, 'URL', undefined));
  return found;
}

/** Provider-format keys in a value, else a credential its name announces. */
function valueSecrets(server: McpServer, node: ConfigNode, text: string, place: string, name: string | undefined): McpSecret[] {
  const value = node.string;
  if (value === undefined) return [];
  const raw = text.slice(node.start, node.end);
  const known = findSecrets(value, name ? { extraContext: name } : {});
  const secrets = known.length > 0 ? known : namedCredentials(value, name);
  return secrets.flatMap((secret) => {
    // Offsets in the file: the value as written (JSON escapes aside, credentials have none).
    const at = raw.indexOf(secret.value);
    if (at < 0) return [];
    const variable = variableFor(name, secret.provider, server, place);
    return [
      {
        server,
        node,
        place,
        start: node.start + at,
        end: node.start + at + secret.value.length,
        value: secret.value,
        ...(secret.provider ? { provider: secret.provider } : {}),
        variable,
      },
    ];
  });
}

/** A value whose name says credential: `env`/`headers` member names, `--token` flags, URL query parameters. */
function namedCredentials(value: string, name: string | undefined): { value: string; provider?: SecretProvider }[] {
  const candidates: string[] = [];
  const scheme = AUTH_SCHEME.exec(value.trim());
  if (scheme) candidates.push(scheme[1]);
  else if (name && CREDENTIAL_NAME.test(name)) candidates.push(value);
  const inline = /^--?[\w-]+=(.+)$/.exec(value);
  if (inline && CREDENTIAL_FLAG.test(value.slice(0, value.indexOf('=')))) candidates.push(inline[1]);
  candidates.push(...urlCredentials(value));
  return candidates.filter((candidate) => isLiteralCredential(candidate)).map((candidate) => ({ value: candidate }));
}

/** `https://user:password@host`, `?api_key=…&token=…`. */
function urlCredentials(value: string): string[] {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return [];
  try {
    const url = new URL(value);
    const fromQuery = [...url.searchParams.entries()].filter(([key]) => CREDENTIAL_NAME.test(key)).map(([, v]) => v);
    return [...(url.password ? [decodeURIComponent(url.password)] : []), ...fromQuery];
  } catch {
    return [];
  }
}

/**
 * A literal that looks like a credential: long, no spaces, not a reference (`${input:…}`,
 * `${env:…}`, `$VAR`, `%VAR%`), not a path or URL, and random (the same placeholder checks as keys).
 */
function isLiteralCredential(candidate: string): boolean {
  if (candidate.length < MIN_NAMED_CREDENTIAL || /\s/.test(candidate)) return false;
  if (/\$\{|^\$[A-Za-z_]|%[A-Za-z_]+%|\{\{/.test(candidate)) return false;
  if (/^[./~]|^[A-Za-z]:\\|:\/\//.test(candidate)) return false;
  const provider = { ...GENERIC_PROVIDER, id: 'named', provider: 'credential', envVar: '', pattern: '', triggers: [], ai: false };
  return looksLikeCredential(candidate, { start: 0, end: candidate.length, value: candidate, provider });
}

function variableFor(name: string | undefined, provider: SecretProvider | undefined, server: McpServer, place: string): string {
  if (name && /^[A-Z][A-Z0-9_]*$/.test(name)) return name;
  if (provider) return provider.envVar;
  const base = `${server.name}_${place.startsWith('header') ? (name ?? 'token') : 'token'}`;
  return base.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}
