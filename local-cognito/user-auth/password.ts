import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { RequestContext, Services } from '../context.ts';
import { signInDevice } from '../devices.ts';
import { MSG, notAuthorized, userNotConfirmed, userNotFound } from '../errors.ts';
import { afterPasswordVerified, assertNotLockedOut, failedPassword, passwordMatches } from '../passwords.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../records.ts';

/**
 * A plain password checked against the stored verifier (USER_PASSWORD_AUTH, and USER_AUTH's
 * PASSWORD factor): the same refusals, lockout and next steps in both flows.
 */
export function signInWithPassword(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord | undefined,
  password: string,
  ctx: RequestContext,
  /** AuthParameters / ChallengeResponses DEVICE_KEY of a remembered device (devices.ts). */
  deviceKey?: string,
): Promise<InitiateAuthResponse> {
  if (!user) {
    throw client.preventUserExistenceErrors === 'ENABLED'
      ? notAuthorized(MSG.incorrectCredentials)
      : userNotFound(MSG.userDoesNotExist);
  }
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed(MSG.notConfirmed);
  assertNotLockedOut(user, services.clock.now());
  if (!passwordMatches(pool, user, password)) throw failedPassword(services, user);
  return afterPasswordVerified(services, pool, client, user, ctx, signInDevice(services.store, pool, user, deviceKey));
}
