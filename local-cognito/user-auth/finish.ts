import type { RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { RequestContext, Services } from '../context.ts';
import { MSG, notAuthorized } from '../errors.ts';
import { withoutFailures } from '../lockout.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../records.ts';
import { completeSignIn } from '../token-lineages.ts';

/**
 * What follows a passwordless first factor (an emailed code, a passkey): the same refusal of a
 * disabled user as after a password, failures cleared, tokens. Users with MFA never get here
 * (factors.ts offers them the password factors only).
 */
export async function finishFirstFactor(
  services: Pick<Services, 'store' | 'clock' | 'tokens'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const cleared = withoutFailures(user);
  if (cleared !== services.store.user(pool.id, user.username)) services.store.putUser(cleared);
  if (!user.enabled) throw notAuthorized(MSG.userDisabled);
  const AuthenticationResult = await completeSignIn(services, pool, client, cleared, ctx);
  return { ChallengeParameters: {}, AuthenticationResult };
}
