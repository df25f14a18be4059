// Two-factor sign-in with an authenticator app (TOTP) for the signed-in rider: set up, turn on, turn
// off. The facts: docs/cognito-mfa-passwordless.md §1.2–§1.4 (the calls), §1.8 (the otpauth URI).
import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { AuthenticationDetails, CognitoUser } from 'amazon-cognito-identity-js';
import { requireCurrentPassword } from './account-input.ts';
import { call, userPool } from './context.ts';
import { toAuthError } from './errors.ts';
import { toRiderSession } from './session.ts';
import { signedInUser } from './signed-in.ts';
import type { TotpSecret } from './totp-secret.ts';
import { AUTHENTICATOR_NAME, associate, setTotpPreference } from './totp-secret.ts';
import { normalizeAppCode } from './validate.ts';

export type { TotpSecret } from './totp-secret.ts';
export { totpUri } from './totp-secret.ts';

/** Starts setting up an authenticator app for the signed-in rider. */
export async function startTotpSetup(): Promise<TotpSecret> {
  const { user, session } = await signedInUser();
  return associate(user, toRiderSession(session).email);
}

/**
 * VerifySoftwareToken with the app's current code, then SetUserMFAPreference: TOTP enabled and
 * preferred, so the next sign-in asks for a code (verifying alone turns nothing on, §1.3).
 */
export async function confirmTotpSetup(code: string): Promise<void> {
  const digits = normalizeAppCode(code);
  const { user } = await signedInUser();
  const result = await call<{ Status?: string }>(
    (done) =>
      user.verifySoftwareToken(digits, AUTHENTICATOR_NAME, {
        onSuccess: (data) => done(null, data as unknown as { Status?: string }),
        onFailure: done,
      }),
    'totpSetup',
  );
  // Cognito may also report a mismatch as Status ERROR instead of an exception (§1.3).
  if (result?.Status !== 'SUCCESS') throw toAuthError({ code: 'EnableSoftwareTokenMFAException' }, 'totpSetup');
  await setTotpPreference(user, true);
}

/**
 * Turns two-factor sign-in off. Cognito needs only the access token for this (SetUserMFAPreference);
 * the site asks for the current password first, so a signed-in browser left open is not enough to
 * weaken the account. The password is checked with an SRP sign-in that stops at the second-factor
 * challenge (the password step is what it proves), on a throwaway library user whose tokens, if
 * any, never reach the rider's storage; a wrong password counts towards the lockout like any other.
 */
export async function disableTotp(currentPassword: string): Promise<void> {
  requireCurrentPassword(currentPassword);
  const { user, session } = await signedInUser();
  await checkPassword(toRiderSession(session).email, currentPassword);
  await setTotpPreference(user, false);
}

function checkPassword(email: string, password: string): Promise<void> {
  const probe = scratchUser(email);
  const details = new AuthenticationDetails({ Username: email, Password: password });
  return call<void>((done) => {
    const accepted = () => done(null);
    probe.authenticateUser(details, {
      onSuccess: () => probe.signOut(accepted),
      onFailure: done,
      totpRequired: accepted,
      mfaRequired: accepted,
      mfaSetup: accepted,
      selectMFAType: accepted,
      newPasswordRequired: accepted,
      customChallenge: accepted,
    });
  }, 'currentPassword');
}

/** Token storage for a library user that must not touch the rider's own (a password re-check). */
function scratchStorage(): ICognitoStorage {
  const items = new Map<string, string>();
  return {
    setItem: (key, value) => void items.set(key, value),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** The library user for `email` with tokens kept only in memory, never in the page's storage. */
function scratchUser(email: string): CognitoUser {
  return new CognitoUser({ Username: email, Pool: userPool(), Storage: scratchStorage() });
}
