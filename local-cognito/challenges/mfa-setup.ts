import type { RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { RequestContext, Services } from '../context.ts';
import { MSG, notAuthorized } from '../errors.ts';
import { withoutFailures } from '../lockout.ts';
import type { ClientRecord, PoolRecord } from '../records.ts';
import { completeSignIn } from '../token-lineages.ts';
import { challengeUser, expiredSession } from './challenge-user.ts';

/**
 * RespondToAuthChallenge MFA_SETUP {USERNAME} with the Session VerifySoftwareToken returned
 * (docs/cognito-mfa-passwordless.md §1.6). The sign-in ends with tokens, and the authenticator
 * just verified becomes the rider's enabled, preferred factor (§6: amazon-cognito-identity-js
 * reads tokens from this answer and nothing else). A Session that has not been through
 * VerifySoftwareToken is refused like an expired one.
 */
export async function mfaSetup(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const { store, clock, sessions } = services;
  const { session, user } = challengeUser(services, 'mfa-setup', pool, client, responses, sessionKey);
  const now = clock.now();
  if (!session.verified || !user.totp?.secret) {
    sessions.put(sessionKey as string, session, now);
    throw expiredSession();
  }
  if (!user.enabled) throw notAuthorized(MSG.userDisabled);
  const done = { ...withoutFailures(user), totp: { ...user.totp, enabled: true, preferred: true }, updatedAt: now };
  store.putUser(done);
  const AuthenticationResult = await completeSignIn(services, pool, client, done, ctx);
  return { ChallengeParameters: {}, AuthenticationResult };
}
