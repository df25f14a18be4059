import type { AssociateSoftwareTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { MSG, softwareTokenMfaNotFound } from '../errors.ts';
import { newSession } from '../ids.ts';
import { poolMfa } from '../pool-mfa.ts';
import { readCredential, softwareTokenCaller } from '../software-token-caller.ts';
import { newTotpSecret } from '../totp.ts';

/**
 * A new authenticator secret for the caller (docs/cognito-mfa-passwordless.md §1.2). It waits as
 * `pendingSecret` until VerifySoftwareToken accepts a code for it; a verified authenticator keeps
 * working until then. The secret is answered once and never logged.
 */
export const AssociateSoftwareToken: ActionFactory =
  (services) =>
  async (input): Promise<AssociateSoftwareTokenResponse> => {
    const { store, clock, sessions } = services;
    const credential = readCredential(input);
    const { pool, user, session } = await softwareTokenCaller(services, credential);
    const now = clock.now();
    if (!poolMfa(pool).softwareToken) {
      if (session) sessions.put(session.key, session.value, now);
      throw softwareTokenMfaNotFound(MSG.totpNotEnabledForPool);
    }
    const SecretCode = newTotpSecret();
    const totp = user.totp ?? { enabled: false, preferred: false };
    store.putUser({ ...user, totp: { ...totp, pendingSecret: SecretCode }, updatedAt: now });
    if (!session) return { SecretCode };
    const Session = newSession();
    sessions.put(Session, session.value, now);
    return { SecretCode, Session };
  };
