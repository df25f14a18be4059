import { Secret, TOTP } from 'otpauth';

/**
 * Authenticator-app codes as Cognito checks them (docs/cognito-mfa-passwordless.md §1.7): RFC 6238
 * TOTP with HMAC-SHA1, 6 digits, 30-second steps from the Unix epoch, one step of clock drift
 * either way, on the pool's injected clock. `otpauth` (RFC 4226/6238, no dependencies, typed)
 * does the arithmetic; this module adds the replay rule.
 */
const PERIOD_SECONDS = 30;
const DRIFT_STEPS = 1;

/** A fresh secret: 160 random bits (RFC 4226's recommended key length) as 32 Base32 characters. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpFor = (secret: string): TOTP =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS });

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'mismatch' | 'replayed' };

/**
 * Checks a 6-digit code against a secret at `now`. A code for a time step at or before
 * `lastStep` (the last one accepted) is refused: RFC 6238 §5.2 says a verifier must not accept
 * the same code twice; whether Cognito does is not documented (§6 of the doc: the pool's choice).
 */
export function checkTotp(secret: string, code: string, now: number, lastStep?: number): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'mismatch' };
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  if (delta === null) return { ok: false, reason: 'mismatch' };
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  if (lastStep !== undefined && step <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}
