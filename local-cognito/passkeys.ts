import type { AuthenticatorTransport } from '@simplewebauthn/server';
import { MSG, webAuthnNotEnabled } from './errors.ts';
import type { PoolRecord, WebAuthnCredentialRecord } from './records.ts';
import { allowsFirstFactor, tierOf } from './sign-in-policy.ts';

/** What the passkey actions share (docs/cognito-mfa-passwordless.md §5). */

/** Cognito lets each user register up to 20 passkeys (§5.1). */
export const MAX_PASSKEYS = 20;

/** Registration needs WEB_AUTHN among the first factors and a plan above Lite (§5.1). */
export function assertPasskeysEnabled(pool: PoolRecord): void {
  if (tierOf(pool) === 'LITE' || !allowsFirstFactor(pool, 'WEB_AUTHN'))
    throw webAuthnNotEnabled(MSG.webAuthnNotEnabled);
}

const TRANSPORTS: readonly AuthenticatorTransport[] = ['ble', 'hybrid', 'internal', 'nfc', 'usb'];

/** The transports a registration reported, only the known names (untrusted input). */
export const knownTransports = (v: unknown): AuthenticatorTransport[] =>
  Array.isArray(v) ? [...new Set(v.filter((t): t is AuthenticatorTransport => TRANSPORTS.includes(t)))] : [];

/**
 * The name Cognito gives a passkey: its API example shows `Roaming passkey`; the platform name is
 * the local pool's choice (docs/cognito.md §6).
 */
export const friendlyNameFor = (attachment: WebAuthnCredentialRecord['attachment']): string =>
  attachment === 'platform' ? 'Platform passkey' : attachment === 'cross-platform' ? 'Roaming passkey' : 'Passkey';
