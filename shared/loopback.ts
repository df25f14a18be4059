// Loopback: the addresses and host names only this machine can reach. The local user pool trusts
// requests that come from them (operator actions, the mailbox); the CLIs skip request signing for
// endpoints on them. Plain TypeScript, so the site, the pool, the plugins and the scripts share it.

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** A socket address as Node reports it: 127.0.0.0/8 or ::1, also as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || IPV4_LOOPBACK.test(a);
}

/** A host name as `new URL(...).hostname` gives it: `localhost`, 127.x.y.z, `[::1]`. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || h === '::1' || IPV4_LOOPBACK.test(h);
}

/** An absolute URL (an endpoint, an `Origin` header) whose host is loopback; false if unparseable. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHostname(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** An HTTP `Host` header (`name[:port]`, `[::1]:port`) that names this machine; false if malformed. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host || /[\s/@?#\\]/.test(host)) return false;
  return isLoopbackUrl(`http://${host}/`);
}
