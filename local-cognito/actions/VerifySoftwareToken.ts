import type { VerifySoftwareTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { enableSoftwareTokenMfa, MSG, softwareTokenMfaNotFound } from '../errors.ts';
import { newSession } from '../ids.ts';
import { readCredential, softwareTokenCaller } from '../software-token-caller.ts';
import { checkTotp } from '../totp.ts';

const USER_CODE_RULE = { min: 6, max: 6, pattern: /^[0-9]+$/, patternText: '[0-9]+' };

/**
 * Registers the pending authenticator once a code from it checks out
 * (docs/cognito-mfa-passwordless.md §1.3). It does not turn TOTP on as the rider's factor: that is
 * SetUserMFAPreference, or the end of an MFA_SETUP sign-in. A wrong code keeps the secret pending
 * (the rider may retry) and answers EnableSoftwareTokenMFAException; the code verified here cannot
 * be used again to sign in.
 */
export const VerifySoftwareToken: ActionFactory =
  (services) =>
  async (input): Promise<VerifySoftwareTokenResponse> => {
    const { store, clock, sessions } = services;
    const credential = readCredential(input);
    const code = input.string('UserCode', USER_CODE_RULE);
    const deviceName = input.optionalString('FriendlyDeviceName', { max: 131_072 });
    const { user, session } = await softwareTokenCaller(services, credential);
    const now = clock.now();
    const retry = () => session && sessions.put(session.key, session.value, now);
    const pending = user.totp?.pendingSecret;
    if (!pending) {
      retry();
      // No AssociateSoftwareToken before: the pool's choice of answer (§6 of the doc).
      throw softwareTokenMfaNotFound(MSG.totpNotFound);
    }
    const check = checkTotp(pending, code, now);
    if (!check.ok) {
      retry();
      throw enableSoftwareTokenMfa(MSG.totpSetupMismatch);
    }
    const {
      pendingSecret: _verified,
      deviceName: _previous,
      ...totp
    } = user.totp ?? { enabled: false, preferred: false };
    store.putUser({
      ...user,
      totp: { ...totp, secret: pending, lastStep: check.step, ...(deviceName ? { deviceName } : {}) },
      updatedAt: now,
    });
    if (!session) return { Status: 'SUCCESS' };
    const Session = newSession();
    sessions.put(Session, { ...session.value, verified: true }, now);
    return { Status: 'SUCCESS', Session };
  };
