// The sign-in steps after the password for a rider with two-factor sign-in: the authenticator code
// (SOFTWARE_TOKEN_MFA), with "remember this device", and setting up an authenticator when the pool
// requires one (MFA_SETUP). How the library drives them: docs/cognito-mfa-passwordless.md §2.1, §3.8.
import type { CognitoUser, CognitoUserSession, IAuthenticationCallback } from 'amazon-cognito-identity-js';
import { call } from './context.ts';
import { AuthError } from './errors.ts';
import { forgetPreviousRider } from './previous-rider.ts';
import { rememberThisDevice } from './remember-device.ts';
import type { RiderSession } from './session.ts';
import { toRiderSession } from './session.ts';
import type { TotpSecret } from './totp-secret.ts';
import { AUTHENTICATOR_NAME, associate, setTotpPreference } from './totp-secret.ts';
import { normalizeAppCode } from './validate.ts';

/** A pending "enter the code from your authenticator app" step; pass it back to answerTotp. */
export interface TotpChallenge {
  readonly kind: 'totp';
  readonly email: string;
}

/** A pending "set up an authenticator app" step (the pool requires two-factor sign-in). */
export interface MfaSetupChallenge {
  readonly kind: 'mfaSetup';
  readonly email: string;
}

export type SecondFactorResult =
  | { next: 'totp'; challenge: TotpChallenge }
  | { next: 'mfaSetup'; challenge: MfaSetupChallenge };

interface Pending {
  user: CognitoUser;
  /** Whoever was signed in on this device before (forgotten once this rider is in). */
  previous: CognitoUser | null;
}

const pending = new WeakMap<TotpChallenge | MfaSetupChallenge, Pending>();

const ENDED = (): AuthError => new AuthError('SessionExpired', 'Your session has ended. Please sign in again.');

function take(challenge: TotpChallenge | MfaSetupChallenge): Pending {
  const found = pending.get(challenge);
  if (!found) throw ENDED();
  return found;
}

/**
 * The library callbacks that turn its second-factor challenges into sign-in results. `unsupported`
 * answers an MFA_SETUP that offers no authenticator app (SMS or email set-up, which this site lacks).
 */
export function secondFactorCallbacks(
  user: CognitoUser,
  email: string,
  previous: CognitoUser | null,
  resolve: (result: SecondFactorResult) => void,
  unsupported: () => void,
): Pick<IAuthenticationCallback, 'totpRequired' | 'mfaSetup'> {
  return {
    totpRequired: () => {
      const challenge: TotpChallenge = { kind: 'totp', email };
      pending.set(challenge, { user, previous });
      resolve({ next: 'totp', challenge });
    },
    mfaSetup: (_name, parameters: { MFAS_CAN_SETUP?: string } | undefined) => {
      if (!canSetUpTotp(parameters?.MFAS_CAN_SETUP)) return unsupported();
      const challenge: MfaSetupChallenge = { kind: 'mfaSetup', email };
      pending.set(challenge, { user, previous });
      resolve({ next: 'mfaSetup', challenge });
    },
  };
}

/** MFAS_CAN_SETUP is a JSON-encoded list of challenge names (§1.6). */
function canSetUpTotp(raw: string | undefined): boolean {
  try {
    const list: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(list) && list.includes('SOFTWARE_TOKEN_MFA');
  } catch {
    return false;
  }
}

/**
 * Answers SOFTWARE_TOKEN_MFA with the app's code. After a wrong code the step stays open, so the rider
 * can try the next code. With `remember`, the device the library confirmed (it calls ConfirmDevice
 * itself when the result has NewDeviceMetadata) is marked remembered; that part is best effort: the
 * rider is signed in either way, and is asked for a code next time if it failed.
 */
export async function answerTotp(
  challenge: TotpChallenge,
  code: string,
  { remember }: { remember: boolean },
): Promise<{ session: RiderSession; remembered: boolean }> {
  const digits = normalizeAppCode(code);
  const { user, previous } = take(challenge);
  const session = await call<CognitoUserSession>(
    (done) => user.sendMFACode(digits, { onSuccess: (s) => done(null, s), onFailure: done }, 'SOFTWARE_TOKEN_MFA'),
    'totp',
  ).catch((err: unknown) => {
    if (err instanceof AuthError && err.code === 'SessionExpired') pending.delete(challenge);
    throw err;
  });
  pending.delete(challenge);
  forgetPreviousRider(previous, user);
  const remembered = remember ? await rememberThisDevice(user).catch(() => false) : false;
  return { session: toRiderSession(session), remembered };
}

/** MFA_SETUP, first half: AssociateSoftwareToken with the sign-in Session; a secret for the app. */
export async function startMfaSetup(challenge: MfaSetupChallenge): Promise<TotpSecret> {
  const { user } = take(challenge);
  return associate(user, challenge.email);
}

/**
 * MFA_SETUP, second half: VerifySoftwareToken with the Session, then the MFA_SETUP answer, which
 * completes the sign-in (the library does both). TOTP is then also set enabled and preferred, which
 * the local pool does itself at MFA_SETUP (§6) and Cognito does not document either way.
 */
export async function finishMfaSetup(challenge: MfaSetupChallenge, code: string): Promise<RiderSession> {
  const digits = normalizeAppCode(code);
  const { user, previous } = take(challenge);
  const session = await call<CognitoUserSession>(
    (done) =>
      user.verifySoftwareToken(digits, AUTHENTICATOR_NAME, {
        onSuccess: (s) => done(null, s),
        onFailure: done,
      }),
    'totpSetup',
  );
  pending.delete(challenge);
  forgetPreviousRider(previous, user);
  await setTotpPreference(user, true).catch(() => undefined);
  return toRiderSession(session);
}
