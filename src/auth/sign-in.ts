// SRP sign-in (the library's default USER_SRP_AUTH flow) and the steps it can lead to.

import type { CognitoUser, CognitoUserSession, IAuthenticationCallback } from 'amazon-cognito-identity-js';
import { AuthenticationDetails } from 'amazon-cognito-identity-js';
import { riderUser, userPool } from './context.ts';
import { withDeviceDeferred } from './defer-device.ts';
import { AuthError, toAuthError, unsupportedStep } from './errors.ts';
import { recordNewDevice } from './pending-device.ts';
import { forgetPreviousRider } from './previous-rider.ts';
import { resendConfirmationCode } from './registration.ts';
import type { SecondFactorResult } from './second-factor.ts';
import { secondFactorCallbacks } from './second-factor.ts';
import type { RiderSession } from './session.ts';
import { toRiderSession } from './session.ts';
import { prepareSrpExponent, useShortSrpExponents } from './srp-exponent.ts';
import { checkNewPassword, normalizeEmail, requirePassword } from './validate.ts';

/** A pending "choose a new password" step; pass it back to completeNewPassword. */
export interface NewPasswordChallenge {
  readonly email: string;
  /** Attributes the pool also wants (none for the Wild Rydes pool). */
  readonly requiredAttributes: readonly string[];
}

export type SignInResult =
  | { next: 'done'; session: RiderSession }
  /** The account is unconfirmed: a fresh code was sent (destination null if sending failed). */
  | { next: 'confirmSignUp'; email: string; destination: string | null }
  /** An operator created the account: the rider must replace the temporary password. */
  | { next: 'newPassword'; challenge: NewPasswordChallenge }
  /** Two-factor sign-in: the authenticator code, or (the pool requires it) setting an authenticator up. */
  | SecondFactorResult;

const pending = new WeakMap<NewPasswordChallenge, CognitoUser>();

const UNSUPPORTED = unsupportedStep();

/** Runs one library authentication step with every callback routed into a promise. */
function authenticate(
  user: CognitoUser,
  email: string,
  start: (callbacks: IAuthenticationCallback) => void,
): Promise<SignInResult> {
  const previous = userPool().getCurrentUser();
  return new Promise<SignInResult>((resolve, reject) => {
    const unsupported = () => reject(UNSUPPORTED);
    start({
      onSuccess: (session: CognitoUserSession) => {
        forgetPreviousRider(previous, user);
        resolve({ next: 'done', session: toRiderSession(session) });
      },
      onFailure: reject,
      newPasswordRequired: (_attributes: unknown, required: unknown) => {
        const challenge: NewPasswordChallenge = {
          email,
          requiredAttributes: Array.isArray(required) ? required.map(String) : [],
        };
        pending.set(challenge, user);
        resolve({ next: 'newPassword', challenge });
      },
      ...secondFactorCallbacks(user, email, previous, resolve, unsupported),
      mfaRequired: unsupported,
      selectMFAType: unsupported,
      customChallenge: unsupported,
    });
  }).catch((err: unknown) => {
    throw toAuthError(err);
  });
}

/**
 * Does the sign-in's first modular exponentiation (the client's SRP public value) now, while the
 * rider is still typing, so that signIn sends its first request at once (srp-exponent.ts).
 */
export function prepareSignIn(): void {
  prepareSrpExponent(userPool().getUserPoolName());
}

/**
 * Signs in with SRP. An unconfirmed rider gets a fresh code and `next: 'confirmSignUp'`;
 * an operator-created rider gets `next: 'newPassword'`.
 */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  const username = normalizeEmail(email);
  requirePassword(password);
  useShortSrpExponents();
  const user = riderUser(username);
  const details = new AuthenticationDetails({ Username: username, Password: password });
  try {
    // The new device this browser is given is confirmed by the next page (pending-device.ts).
    const { result, device } = await withDeviceDeferred(user, () =>
      authenticate(user, username, (callbacks) => user.authenticateUser(details, callbacks)),
    );
    if (result.next === 'done') recordNewDevice(user, device);
    return result;
  } catch (err) {
    if (!(err instanceof AuthError) || err.code !== 'UserNotConfirmed') throw err;
    const sent = await resendConfirmationCode(username).catch(() => ({ destination: null }));
    return { next: 'confirmSignUp', email: username, destination: sent.destination };
  }
}

/**
 * Finishes NEW_PASSWORD_REQUIRED with the rider's chosen password; returns the session, or the
 * second-factor step a pool that requires MFA asks for next (MFA_SETUP for a new rider).
 */
export async function completeNewPassword(
  challenge: NewPasswordChallenge,
  newPassword: string,
): Promise<RiderSession | SecondFactorResult> {
  checkNewPassword(newPassword);
  const user = pending.get(challenge);
  if (!user) throw new AuthError('SessionExpired', 'Your session has ended. Please sign in again.');
  const result = await authenticate(user, challenge.email, (callbacks) =>
    user.completeNewPasswordChallenge(newPassword, {}, callbacks),
  );
  if (result.next !== 'done' && result.next !== 'totp' && result.next !== 'mfaSetup') throw UNSUPPORTED;
  pending.delete(challenge);
  return result.next === 'done' ? result.session : result;
}
