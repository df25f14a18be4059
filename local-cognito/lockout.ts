import type { UserRecord } from './records.ts';

/**
 * Cognito's failed sign-in lockout (docs/cognito.md §5.4): five free failures, then a lockout of
 * 2^(n−5) seconds after the n-th, capped at 15 minutes; attempts during a lockout are refused
 * with "Password attempts exceeded" and do not extend it; 15 minutes without failures resets.
 */
const FREE_FAILURES = 5;
const MAX_LOCK_MS = 15 * 60_000;
const RESET_AFTER_MS = 15 * 60_000;

function currentCount(user: UserRecord, now: number): number {
  const f = user.failures;
  if (!f) return 0;
  return now - f.lastAt > RESET_AFTER_MS ? 0 : f.count;
}

/** Epoch ms until which sign-in is refused, or 0. */
export function lockedUntil(user: UserRecord, now: number): number {
  const count = currentCount(user, now);
  if (count < FREE_FAILURES || !user.failures) return 0;
  const until = user.failures.lastAt + Math.min(2 ** (count - FREE_FAILURES) * 1000, MAX_LOCK_MS);
  return until > now ? until : 0;
}

export function withFailure(user: UserRecord, now: number): UserRecord {
  return { ...user, failures: { count: currentCount(user, now) + 1, lastAt: now } };
}

export function withoutFailures(user: UserRecord): UserRecord {
  if (!user.failures) return user;
  const { failures: _dropped, ...rest } = user;
  return rest;
}
