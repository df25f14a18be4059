// MFA_SETUP during sign-in (a pool that requires two-factor sign-in, a rider without an authenticator):
// associate an app with the sign-in Session, then verify its first code, which completes the sign-in.
// Its own module, with the QR code, so the sign-in page loads it only when a pool asks for set-up.
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { call } from './context.ts';
import { forgetPreviousRider } from './previous-rider.ts';
import type { MfaSetupChallenge } from './second-factor.ts';
import { settle, take } from './second-factor.ts';
import type { RiderSession } from './session.ts';
import { toRiderSession } from './session.ts';
import type { TotpSecret } from './totp-secret.ts';
import { AUTHENTICATOR_NAME, associate, setTotpPreference } from './totp-secret.ts';
import { normalizeAppCode } from './validate.ts';

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
  settle(challenge);
  forgetPreviousRider(previous, user);
  await setTotpPreference(user, true).catch(() => undefined);
  return toRiderSession(session);
}
