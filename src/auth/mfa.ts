// Two-factor sign-in with an authenticator app (TOTP) for the signed-in rider: set up, turn on, turn
// off. The facts: docs/cognito-mfa-passwordless.md §1.2–§1.4 (the calls), §1.8 (the otpauth URI).
import type { CognitoUser } from 'amazon-cognito-identity-js';
import { AuthenticationDetails } from 'amazon-cognito-identity-js';
import { call, scratchUser } from './context.ts';
import { toAuthError } from './errors.ts';
import { toRiderSession } from './session.ts';
import { signedInUser } from './signed-in.ts';
import { normalizeAppCode, requireCurrentPassword } from './validate.ts';

/** What an authenticator app needs: the Base32 secret, and the same as an otpauth:// URI for a QR code. */
export interface TotpSecret {
  secret: string;
  uri: string;
}

const ISSUER = 'Wild Rydes';
/** The name Cognito keeps for the authenticator (VerifySoftwareToken FriendlyDeviceName). */
export const AUTHENTICATOR_NAME = 'Authenticator app';

/**
 * The Key URI an authenticator app scans: label "Wild Rydes:<email>" and issuer, both URI-encoded
 * (§1.8; unlike Amplify's getSetupUri, which encodes neither). SHA-1, 6 digits and 30 s are the
 * defaults every app assumes and what Cognito uses; they are spelled out anyway.
 */
export function totpUri(email: string, secret: string): string {
  const issuer = encodeURIComponent(ISSUER);
  const query = new URLSearchParams({ secret, issuer: ISSUER, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${issuer}:${encodeURIComponent(email)}?${query.toString().replace(/\+/g, '%20')}`;
}

/** AssociateSoftwareToken: a new secret (a previously verified app keeps working until this one is verified). */
export function associate(user: CognitoUser, email: string): Promise<TotpSecret> {
  return call<string>(
    (done) => user.associateSoftwareToken({ associateSecretCode: (secret) => done(null, secret), onFailure: done }),
    'totpSetup',
  ).then((secret) => ({ secret, uri: totpUri(email, secret) }));
}

/** SetUserMFAPreference for TOTP only (the library sends SMS as null: no SMS factor in this pool). */
export function setTotpPreference(user: CognitoUser, enabled: boolean): Promise<string> {
  return call<string>((done) => user.setUserMfaPreference(null, { Enabled: enabled, PreferredMfa: enabled }, done));
}

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
