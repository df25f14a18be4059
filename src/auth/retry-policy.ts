// The library retries REFRESH_TOKEN_AUTH and RevokeToken on every error, with back-off, for
// about six seconds (docs/cognito.md §1: up to 6 requests in about 6 s). For a revoked or expired
// refresh token that only makes a rider stare at "Checking whether you're signed in…" for six
// seconds before being told they are signed out. Here only transient failures are retried —
// network errors, throttling and server faults — with the library's own schedule.
import type { CognitoUserPool } from 'amazon-cognito-identity-js';

type Callback = (err: unknown, data?: unknown) => void;

/** The library's internal HTTP client (`pool.client`, shared by every CognitoUser of the pool). */
interface LibraryClient {
  request(operation: string, params: unknown, callback: Callback): void;
  requestWithRetry(operation: string, params: unknown, callback: Callback): void;
}

const TRANSIENT = new Set(['NetworkError', 'TooManyRequestsException', 'InternalErrorException', 'ServiceUnavailable']);

export function isTransient(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && TRANSIENT.has(e.code)) return true;
  if (e.message === 'Network error') return true;
  return typeof e.statusCode === 'number' && e.statusCode >= 500;
}

const MAX_DELAY_MS = 5_000;

/** Same schedule as the library: 2^n × 100 ms plus up to 100 ms of jitter, while under 5 s. */
export function retryDelay(attempt: number, random: () => number = Math.random): number | null {
  const delay = 2 ** attempt * 100 + 100 * random();
  return delay > MAX_DELAY_MS ? null : delay;
}

export function retryOnlyTransientErrors(pool: CognitoUserPool): void {
  const client = (pool as unknown as { client?: LibraryClient }).client;
  if (!client || typeof client.request !== 'function') return;
  client.requestWithRetry = (operation, params, callback) => {
    const attempt = (n: number): void => {
      client.request(operation, params, (err, data) => {
        if (!err) return callback(null, data);
        const delay = isTransient(err) ? retryDelay(n) : null;
        if (delay === null) return callback(err);
        setTimeout(() => attempt(n + 1), delay);
      });
    };
    attempt(1);
  };
}
