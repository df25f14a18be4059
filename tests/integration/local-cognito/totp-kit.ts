// Shared by the amazon-cognito-identity-js TOTP tests: the library's MFA calls as promises, and
// authenticator codes computed with otpauth at the pool's injected clock.
import { AuthenticationDetails, type CognitoUser, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { createFakeClock, type FakeClock } from '../../../local-cognito/index.ts';
import { type Harness, newEmail, nodeCall, PASSWORD } from './harness.ts';

export const STEP = 30_000;

/** A clock at a step boundary plus one second: "the current step" is unambiguous at every point of a test. */
export const stepClock = (epochMs: number): FakeClock => createFakeClock(Math.floor(epochMs / STEP) * STEP + 1_000);

/** The code an authenticator app shows for this secret at `at`. */
export const codeAt = (secret: string, at: number): string =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at,
  });

/**
 * A code no step within reach of `at` (two either way) shows, chosen deterministically, so a
 * "wrong code" can never be right by chance.
 */
export function wrongCodeAt(secret: string, at: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(secret, at + d * STEP)));
  const candidate = ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !near.has(c));
  return candidate as string;
}

export type SignInStep =
  | { kind: 'tokens'; session: CognitoUserSession }
  | { kind: 'totp'; params: Record<string, string> }
  | { kind: 'setup'; params: Record<string, string> };

/** SRP sign-in with the library; resolves at the first step it reports. */
export function startSignIn(user: CognitoUser, email: string, password = PASSWORD): Promise<SignInStep> {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
      onSuccess: (session) => resolve({ kind: 'tokens', session }),
      onFailure: reject,
      totpRequired: (_name: string, params: Record<string, string>) => resolve({ kind: 'totp', params }),
      mfaSetup: (_name: string, params: Record<string, string>) => resolve({ kind: 'setup', params }),
    });
  });
}

export const sendCode = (user: CognitoUser, code: string): Promise<CognitoUserSession> =>
  new Promise((resolve, reject) => {
    user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA');
  });

export const associate = (user: CognitoUser): Promise<string> =>
  new Promise((resolve, reject) => {
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
  });

export const verify = (user: CognitoUser, code: string, name = 'My phone'): Promise<unknown> =>
  new Promise((resolve, reject) => {
    user.verifySoftwareToken(code, name, { onSuccess: resolve, onFailure: reject });
  });

export const userData = (user: CognitoUser) =>
  nodeCall<{ PreferredMfaSetting?: string; UserMFASettingList?: string[] }>((cb) =>
    user.getUserData(cb as never, { bypassCache: true }),
  );

export const preferTotp = (user: CognitoUser) =>
  nodeCall((cb) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb as never));

/** Helpers bound to one harness and its clock. */
export function totpKit(h: Harness, clock: FakeClock) {
  const codeFor = (secret: string, at = clock.now()) => codeAt(secret, at);
  const wrongCodeFor = (secret: string, at = clock.now()) => wrongCodeAt(secret, at);

  /** A signed-in rider with a verified authenticator, TOTP enabled and preferred; returns the secret. */
  async function riderWithTotp(tag: string): Promise<{ email: string; secret: string }> {
    const email = newEmail(tag);
    await h.registerConfirmed(email);
    const { user } = await h.signIn(email);
    const secret = await associate(user);
    await verify(user, codeFor(secret));
    await preferTotp(user);
    return { email, secret };
  }

  const setPoolMfa = async (mode: 'OFF' | 'OPTIONAL' | 'ON') => {
    const res = await h.call('SetUserPoolMfaConfig', {
      UserPoolId: h.poolId,
      MfaConfiguration: mode,
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  return { codeFor, wrongCodeFor, riderWithTotp, setPoolMfa };
}
