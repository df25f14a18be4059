import type { ChallengeNameType, RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { RequestContext, Services } from '../context.ts';
import { invalidParameter, MSG, notAuthorized } from '../errors.ts';
import { requiredParameter } from '../input.ts';
import type { ClientRecord, PoolRecord } from '../records.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { assertNamesSessionUser } from './session-user.ts';
import { issueChallenge } from './start.ts';

/**
 * RespondToAuthChallenge SELECT_CHALLENGE `{USERNAME, ANSWER}` (+ PASSWORD or SRP_A), and the
 * PASSWORD / PASSWORD_SRP challenges (`{USERNAME, PASSWORD}`, `{USERNAME, SRP_A}`) that a preference
 * without its secret started (docs/cognito-mfa-passwordless.md §4.3, §4.4).
 */
export async function answerChoice(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  challenge: 'SELECT_CHALLENGE' | 'PASSWORD' | 'PASSWORD_SRP',
  responses: Record<string, string>,
  sessionKey: string | undefined,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const { store, clock, sessions } = services;
  if (!sessionKey) throw invalidParameter(MSG.missingParameter('Session'));
  requiredParameter(responses, 'USERNAME');
  const factor = (
    challenge === 'SELECT_CHALLENGE' ? requiredParameter(responses, 'ANSWER') : challenge
  ) as ChallengeNameType;
  // The secret the factor needs, checked before the Session is used up.
  if (factor === 'PASSWORD') requiredParameter(responses, 'PASSWORD');
  if (factor === 'PASSWORD_SRP') requiredParameter(responses, 'SRP_A');
  const now = clock.now();
  const session = sessions.take(sessionKey, now);
  if (session?.kind !== 'select-challenge' || session.clientId !== client.clientId || session.poolId !== pool.id) {
    throw notAuthorized(MSG.sessionExpired);
  }
  if (!session.available.includes(factor)) {
    sessions.put(sessionKey, session, now);
    throw invalidParameter(MSG.challengeNotAvailable(factor));
  }
  // Clients with a secret sign every step (as PASSWORD_VERIFIER): the typed name's hash or the user's.
  checkSecretHash(client, responses.SECRET_HASH, responses.USERNAME, session.username);
  assertNamesSessionUser(store, pool, responses.USERNAME as string, session);
  const user = session.username === undefined ? undefined : store.user(pool.id, session.username);
  if (session.username !== undefined && !user) throw notAuthorized(MSG.sessionExpired);
  const next = await issueChallenge(services, pool, client, { user, typed: session.typed }, factor, responses, ctx);
  if (!next) throw invalidParameter(MSG.challengeNotAvailable(factor));
  return next;
}
