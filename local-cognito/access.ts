import { isLoopbackHostHeader, isLoopbackUrl } from '../shared/loopback.ts';

/**
 * Which browser pages the pool answers. A pool on a developer's laptop is reachable from every page
 * their browser opens, so by default it answers only this machine: `Host` must name loopback
 * (against DNS rebinding, which makes a hostile page same-origin), and cross-origin calls of the
 * Cognito API are answered only for loopback origins, the pool's own origin and the origins the
 * developer lists. Real Cognito answers any origin; README "Local pool and your browser".
 */
export interface AccessPolicy {
  /**
   * Host names answered besides loopback ones, in Vite's `server.allowedHosts` syntax: `name`
   * exactly, `.example.com` for it and every subdomain; `true` answers any `Host`.
   */
  allowedHosts: readonly string[] | true;
  /** Origins whose pages may call the Cognito API besides loopback and same-origin ones; `true`: any. */
  allowedOrigins: readonly (string | RegExp)[] | true;
}

export const LOOPBACK_ONLY: AccessPolicy = Object.freeze({
  allowedHosts: Object.freeze([]),
  allowedOrigins: Object.freeze([]),
});

/** Host name of a `Host` header, lower case, brackets kept for IPv6; undefined if malformed. */
function hostnameOf(host: string): string | undefined {
  if (/[\s/@?#\\]/.test(host)) return undefined;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * A request without `Host` (HTTP/1.0 tools) comes from no browser, so it cannot be a rebinding
 * page; Node refuses HTTP/1.1 requests without one before the handler sees them.
 */
export function hostAllowed(host: string | undefined, policy: AccessPolicy): boolean {
  if (host === undefined || isLoopbackHostHeader(host)) return true;
  const name = hostnameOf(host);
  if (name === undefined) return false;
  if (policy.allowedHosts === true) return true;
  return policy.allowedHosts.some((allowed) => {
    const a = allowed.toLowerCase();
    return a === name || (a.startsWith('.') && (a.slice(1) === name || name.endsWith(a)));
  });
}

/**
 * Where a request's `Origin` puts its page. `none`: no browser page (curl, the AWS SDK and CLI,
 * Node), or a same-origin GET. `Origin: null` (sandboxed frames, file: pages, some redirects) is
 * `foreign` whatever is configured: any site can send it.
 */
export type OriginKind = 'none' | 'loopback' | 'same-origin' | 'listed' | 'foreign';

export function classifyOrigin(origin: string | undefined, host: string | undefined, policy: AccessPolicy): OriginKind {
  if (origin === undefined) return 'none';
  if (origin === 'null') return 'foreign';
  if (isLoopbackUrl(origin)) return 'loopback';
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'foreign';
  }
  // Same origin is only as trustworthy as the Host it is compared with: callers check hostAllowed first.
  if (host !== undefined && hostnameOf(host) !== undefined && url.host === new URL(`${url.protocol}//${host}/`).host) {
    return 'same-origin';
  }
  const listed = policy.allowedOrigins;
  if (listed === true) return 'listed';
  const match = listed.some((o) =>
    typeof o === 'string' ? o.replace(/\/$/, '').toLowerCase() === url.origin : o.test(origin),
  );
  return match ? 'listed' : 'foreign';
}

/** Pages of these kinds may read the Cognito API's answers (they get `Access-Control-Allow-Origin`). */
export const mayCallApi = (kind: OriginKind): boolean => kind !== 'foreign';

/**
 * The mailbox holds every code the pool sent: reading it is a password reset for any rider. Only
 * the developer's own pages and tools may: under a loopback name (not even an allowed one: the
 * codes are on the console too), with no `Origin` or a loopback one, and not as a cross-site
 * subresource (`Sec-Fetch-Site`, which browsers send even where they omit `Origin`).
 */
export function mayReadMailbox(
  host: string | undefined,
  kind: OriginKind,
  fetchSite: string | undefined,
  fetchMode: string | undefined,
): boolean {
  if (host !== undefined && !isLoopbackHostHeader(host)) return false;
  if (kind !== 'none' && kind !== 'loopback') return false;
  return !(kind === 'none' && fetchSite === 'cross-site' && fetchMode !== 'navigate');
}
