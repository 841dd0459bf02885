/**
 * What a host name or address in a URL or a bind setting says about reachability. Shared by the
 * rules about transport and exposure (AIP506, AIP507, the MCP rules), so they agree on what
 * "local" means.
 *
 * - Loopback: `localhost` (and `*.localhost`, RFC 6761), `127.0.0.0/8`, `::1` (also written
 *   `[::1]`, `0:0:0:0:0:0:0:1`) and IPv4-mapped `::ffff:127.x.x.x`. Traffic to these never leaves
 *   the machine.
 * - `0.0.0.0` and `::` are the *unspecified* address, and they are NOT loopback: bound by a server
 *   they mean "every interface", which is exactly the exposure AIP506 reports. Used as the
 *   destination of a client URL, Linux and macOS happen to connect to the local machine, but that
 *   is an accident of the socket API (Windows refuses, browsers block it since 2024), so
 *   `isLoopbackHost` says false for them in every context; a transport rule that wants to treat a
 *   client URL to `0.0.0.0` as staying on the machine asks `isUnspecifiedHost` explicitly.
 * - Private network: RFC 1918 and RFC 4193 ranges, link-local, CGNAT, and the names container
 *   platforms and service discovery give (`ollama`, `host.docker.internal`, `*.svc.cluster.local`,
 *   `*.internal`, `*.local`, `*.lan`). Plain text there does not cross the internet, but it does
 *   cross a network; rules decide whether that matters to them.
 */

/** True for a loopback host: `localhost`, `127.0.0.0/8`, `::1`. Brackets and a trailing dot are accepted. */
export function isLoopbackHost(host: string): boolean {
  const name = normalizeHost(host);
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const v4 = ipv4Octets(name.replace(/^::ffff:/, ''));
  if (v4) return v4[0] === 127;
  return isIpv6(name) && expandIpv6(name) === '0000:0000:0000:0000:0000:0000:0000:0001';
}

/** True for the unspecified address `0.0.0.0` / `::`: every interface when bound, never a specific peer. */
export function isUnspecifiedHost(host: string): boolean {
  const name = normalizeHost(host);
  if (name === '0.0.0.0' || name === '0') return true;
  return isIpv6(name) && /^[0:]+$/.test(expandIpv6(name));
}

/** True for hosts on a private or container network (not loopback, not the internet). */
export function isPrivateNetworkHost(host: string): boolean {
  const name = normalizeHost(host);
  const v4 = ipv4Octets(name.replace(/^::ffff:/, ''));
  if (v4) return isPrivateIpv4(v4);
  if (isIpv6(name)) return /^f[cd]/.test(expandIpv6(name)) || /^fe[89ab]/.test(expandIpv6(name));
  // A single label (`ollama`, `vllm`, `model-server`) is a service name on a compose or cluster network.
  if (!name.includes('.')) return name.length > 0 && /^[a-z0-9_-]+$/.test(name);
  return PRIVATE_SUFFIXES.some((suffix) => name.endsWith(suffix)) || name === 'host.docker.internal';
}

const PRIVATE_SUFFIXES = [
  '.local',
  '.internal',
  '.lan',
  '.home.arpa',
  '.svc',
  '.svc.cluster.local',
  '.cluster.local',
  '.intranet',
  '.corp',
];

function normalizeHost(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  const zone = name.indexOf('%');
  if (zone >= 0) name = name.slice(0, zone);
  return name.endsWith('.') ? name.slice(0, -1) : name;
}

function ipv4Octets(name: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

function isPrivateIpv4([a, b]: number[]): boolean {
  return (
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function isIpv6(name: string): boolean {
  return name.includes(':') && /^[0-9a-f:]+$/.test(name);
}

/** Eight four-digit groups, so `::1`, `0::1` and `0:0:0:0:0:0:0:1` compare equal. */
function expandIpv6(name: string): string {
  const [head, tail] = name.includes('::') ? name.split('::', 2) : [name, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...middle, ...right].map((group) => group.padStart(4, '0')).join(':');
}

/** The host of an `http(s)://` / `ws(s)://` URL, or undefined when the text is not such a URL. */
export function urlHost(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url.trim());
  return match ? match[1] : undefined;
}
