import type { CorsOptions, ResolvedPreviewOptions, ResolvedServerOptions } from 'vite';
import type { AccessPolicy } from '../local-cognito/index.ts';

/**
 * The mounted pool answers what Vite itself answers, so one setting covers the site and the pool:
 * `server.allowedHosts` / `preview.allowedHosts` (Vite adds its own `host` to them), and the origins of
 * `server.cors` / `preview.cors`. Vite's own middlewares run first (its cors answers preflights), the
 * pool repeats both checks on every request because it also serves the mailbox and state-changing calls.
 * A cors `origin` function cannot be followed: the pool then answers loopback and same-origin pages only.
 */
export function accessFromVite(options: ResolvedServerOptions | ResolvedPreviewOptions): AccessPolicy {
  // Vite skips its host check over HTTPS: a rebinding page cannot present this server's certificate.
  const allowedHosts = options.https ? true : options.allowedHosts;
  return { allowedHosts, allowedOrigins: corsOrigins(options.cors) };
}

function corsOrigins(cors: CorsOptions | boolean): AccessPolicy['allowedOrigins'] {
  if (cors === false) return [];
  // `true` and an object without `origin` are the cors package's default: any origin.
  const origin = cors === true ? undefined : cors.origin;
  if (origin === undefined || origin === true || origin === '*') return true;
  if (origin === false || typeof origin === 'function') return [];
  return Array.isArray(origin) ? origin : [origin];
}
