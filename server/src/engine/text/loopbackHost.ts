/**
 * Whether a URL host names this machine: `localhost` (and `*.localhost`, which resolvers keep on
 * the loopback interface), the IPv4 loopback block 127.0.0.0/8 and IPv6 `::1`, bracketed or not.
 * `0.0.0.0` is not loopback: as a destination it is unspecified, and as a bind address it means
 * every interface. A trailing dot (`localhost.`) and letter case do not matter.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const unbracketed = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  if (unbracketed === '::1' || unbracketed === '0:0:0:0:0:0:0:1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(unbracketed);
  return octets?.slice(1).every((octet) => Number(octet) <= 255) ?? false;
}
