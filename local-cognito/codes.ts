import { codeMismatch, expiredCode, limitExceeded, MSG } from './errors.ts';
import { newCode } from './ids.ts';
import type { CodeRecord, UserRecord } from './records.ts';

export const SIGN_UP_CODE_TTL_MS = 24 * 3600_000;
export const RESET_CODE_TTL_MS = 3600_000;
/** Wrong guesses allowed per code; the next attempt gets LimitExceededException. */
const MAX_CODE_ATTEMPTS = 5;
/** Code deliveries allowed per user in a rolling hour. */
const MAX_SENDS_PER_HOUR = 10;

/** Superseded codes remembered per record, so an old code from an earlier email reads as expired. */
const SUPERSEDED_KEPT = 5;

/** A fresh code; `previous` (the code it replaces, if any) is remembered as superseded. */
export const issueCode = (now: number, ttlMs: number, previous?: CodeRecord): CodeRecord => {
  const superseded = previous ? [...(previous.superseded ?? []), previous.code].slice(-SUPERSEDED_KEPT) : [];
  return { code: newCode(), expiresAt: now + ttlMs, attempts: 0, ...(superseded.length > 0 ? { superseded } : {}) };
};

export type CodeCheck = { ok: true } | { ok: false; error: Error; updated?: CodeRecord };

/**
 * Checks a submitted code. A wrong guess returns the record with one more attempt counted, so
 * the caller persists it before answering; after MAX_CODE_ATTEMPTS wrong guesses even the right
 * code is refused until a new one is sent.
 */
export function checkCode(rec: CodeRecord | undefined, given: string, now: number): CodeCheck {
  if (!rec) return { ok: false, error: expiredCode(MSG.expiredCode) };
  if (rec.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, error: limitExceeded(MSG.limitExceeded) };
  if (given.trim() !== rec.code) {
    // A code from an earlier email (a resend replaced it): Cognito calls it expired, not wrong.
    if (rec.superseded?.includes(given.trim())) return { ok: false, error: expiredCode(MSG.expiredCode) };
    return { ok: false, error: codeMismatch(MSG.codeMismatch), updated: { ...rec, attempts: rec.attempts + 1 } };
  }
  if (now >= rec.expiresAt) return { ok: false, error: expiredCode(MSG.expiredCode) };
  return { ok: true };
}

/** Records one delivery, or throws LimitExceededException when the hourly allowance is used up. */
export function withSend(user: UserRecord, now: number): UserRecord {
  const recent = (user.sends ?? []).filter((t) => now - t < 3600_000);
  if (recent.length >= MAX_SENDS_PER_HOUR) throw limitExceeded(MSG.limitExceeded);
  return { ...user, sends: [...recent, now] };
}
