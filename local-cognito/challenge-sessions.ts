import { randomBytes } from 'node:crypto';
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';

/**
 * Short-lived authentication state held in memory only: SRP exchanges between InitiateAuth and
 * RespondToAuthChallenge, NEW_PASSWORD_REQUIRED, the MFA challenges, the USER_AUTH steps
 * (SELECT_CHALLENGE, EMAIL_OTP, WEB_AUTHN) and pending passkey registrations. Bounded in size and
 * time, and each entry is single-use (a handler that keeps one alive puts it back).
 */
export interface SrpSession {
  kind: 'srp';
  poolId: string;
  clientId: string;
  /** Internal username, or undefined for an unknown user answered with a simulated challenge. */
  username: string | undefined;
  userIdForSrp: string;
  A: string;
  B: string;
  b: string;
  verifier: string;
  /** The DEVICE_KEY sent with InitiateAuth, if any (the PASSWORD_VERIFIER answer may also carry one). */
  deviceKey?: string;
  expiresAt: number;
}

/**
 * Device authentication (docs/cognito-mfa-passwordless.md §3.6): `device-srp` is issued with the
 * DEVICE_SRP_AUTH challenge after the password step, `device-verifier` with DEVICE_PASSWORD_VERIFIER.
 */
export interface DeviceSrpSession {
  kind: 'device-srp';
  poolId: string;
  clientId: string;
  username: string;
  deviceKey: string;
  expiresAt: number;
}

export interface DeviceVerifierSession extends Omit<DeviceSrpSession, 'kind'> {
  kind: 'device-verifier';
  /** The exchange's values, as SrpSession holds them for the user's SRP. */
  A: string;
  B: string;
  b: string;
  secretBlock: string;
}

export interface NewPasswordSession {
  kind: 'new-password';
  poolId: string;
  clientId: string;
  username: string;
  expiresAt: number;
}

/** A SOFTWARE_TOKEN_MFA challenge after a correct password (challenges/software-token-mfa.ts). */
export interface SoftwareTokenMfaSession {
  kind: 'software-token-mfa';
  poolId: string;
  clientId: string;
  username: string;
  expiresAt: number;
}

/**
 * An MFA_SETUP challenge (challenges/mfa-setup.ts). AssociateSoftwareToken and VerifySoftwareToken
 * each take it and hand out a new key for the same sign-in; `verified` once a code was accepted.
 */
export interface MfaSetupSession {
  kind: 'mfa-setup';
  poolId: string;
  clientId: string;
  username: string;
  expiresAt: number;
  verified: boolean;
}

/** USER_AUTH without a usable preference: the factors offered (user-auth/). */
export interface SelectChallengeSession {
  kind: 'select-challenge';
  poolId: string;
  clientId: string;
  /** Internal username, or undefined for an unknown user (PreventUserExistenceErrors). */
  username: string | undefined;
  /** The name the rider typed, for a simulated challenge to an unknown user. */
  typed: string;
  available: ChallengeNameType[];
  expiresAt: number;
}

/** An emailed sign-in code (user-auth/email-otp.ts); `code` undefined for an unknown user. */
export interface EmailOtpSession {
  kind: 'email-otp';
  poolId: string;
  clientId: string;
  username: string | undefined;
  code: string | undefined;
  /** When the code stops working (may be before the session's own end). */
  codeExpiresAt: number;
  wrongAnswers: number;
  expiresAt: number;
}

/** A passkey sign-in challenge (user-auth/web-authn.ts). */
export interface WebAuthnSignInSession {
  kind: 'webauthn-sign-in';
  poolId: string;
  clientId: string;
  username: string;
  challenge: string;
  rpId: string;
  expiresAt: number;
}

/** A pending StartWebAuthnRegistration, keyed by `registrationKey(pool, user)`. */
export interface WebAuthnRegistrationSession {
  kind: 'webauthn-registration';
  poolId: string;
  clientId: string;
  username: string;
  challenge: string;
  rpId: string;
  expiresAt: number;
}

export type AuthSession =
  | SrpSession
  | NewPasswordSession
  | SoftwareTokenMfaSession
  | MfaSetupSession
  | DeviceSrpSession
  | DeviceVerifierSession
  | SelectChallengeSession
  | EmailOtpSession
  | WebAuthnSignInSession
  | WebAuthnRegistrationSession;

/** Keeps registration keys out of reach of a Session a client makes up (keys share one table). */
const REGISTRATION_SALT = randomBytes(16).toString('hex');

/** One pending passkey registration per user: a new Start replaces the previous challenge. */
export const registrationKey = (poolId: string, username: string): string =>
  `webauthn-registration|${REGISTRATION_SALT}|${poolId}|${username}`;

export class SessionTable {
  private readonly entries = new Map<string, AuthSession>();

  /** ~2.5 kB per SRP exchange: 10,000 pending sign-ins is ~25 MB, far above any real load. */
  constructor(private readonly maxEntries = 10_000) {}

  put(key: string, session: AuthSession, now: number): void {
    if (this.entries.size >= this.maxEntries) this.evict(now);
    this.entries.set(key, session);
  }

  /** Removes and returns a live session (single use), or undefined. */
  take(key: string, now: number): AuthSession | undefined {
    const s = this.entries.get(key);
    if (!s) return undefined;
    this.entries.delete(key);
    return s.expiresAt > now ? s : undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(now: number): void {
    for (const [k, s] of this.entries) if (s.expiresAt <= now) this.entries.delete(k);
    // Still full of live sessions: drop the oldest (insertion order).
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
