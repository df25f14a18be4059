import type { RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { RequestContext, Services } from '../context.ts';
import { knownDevice } from '../devices.ts';
import { codeMismatch, MSG, notAuthorized } from '../errors.ts';
import { requiredParameter } from '../input.ts';
import { lockedUntil, withFailure, withoutFailures } from '../lockout.ts';
import type { ClientRecord, PoolRecord } from '../records.ts';
import { completeSignIn } from '../token-lineages.ts';
import { checkTotp } from '../totp.ts';
import { challengeUser } from './challenge-user.ts';

/**
 * RespondToAuthChallenge SOFTWARE_TOKEN_MFA {USERNAME, SOFTWARE_TOKEN_MFA_CODE} with the Session
 * (docs/cognito-mfa-passwordless.md §1.6, §1.7). A wrong or reused code answers
 * CodeMismatchException, counts towards the sign-in lockout and keeps the Session, so the rider
 * can try again until it expires (§6: the pool's choice). `SMS_MFA_CODE`, which
 * amazon-cognito-identity-js sends too, is ignored.
 */
export async function softwareTokenMfa(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const { store, clock, sessions } = services;
  const { session, user } = challengeUser(services, 'software-token-mfa', pool, client, responses, sessionKey);
  const now = clock.now();
  const retry = () => sessions.put(sessionKey as string, session, now);
  const code = responses.SOFTWARE_TOKEN_MFA_CODE;
  if (code === undefined || code === '') {
    retry();
    requiredParameter(responses, 'SOFTWARE_TOKEN_MFA_CODE');
  }
  if (!user.enabled) throw notAuthorized(MSG.userDisabled);
  if (lockedUntil(user, now) > now) {
    retry();
    throw notAuthorized(MSG.attemptsExceeded);
  }
  const secret = user.totp?.secret;
  const check = secret ? checkTotp(secret, code as string, now, user.totp?.lastStep) : undefined;
  if (!check?.ok) {
    retry();
    store.putUser(withFailure(user, now));
    throw codeMismatch(MSG.mfaCodeMismatch);
  }
  const passed = { ...withoutFailures(user), totp: { ...user.totp!, lastStep: check.step }, updatedAt: now };
  store.putUser(passed);
  // A tracked device's key (amazon-cognito-identity-js sends it here too) gets no new device key.
  const device = knownDevice(store, pool, passed, responses.DEVICE_KEY);
  const AuthenticationResult = await completeSignIn(services, pool, client, passed, ctx, device);
  return { ChallengeParameters: {}, AuthenticationResult };
}
