import type { AuthSession } from '../challenge-sessions.ts';
import type { Services } from '../context.ts';
import { invalidParameter, MSG, notAuthorized } from '../errors.ts';
import { requiredParameter } from '../input.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../records.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { findUser } from '../usernames.ts';

type Kind = AuthSession['kind'];
type SessionOf<K extends Kind> = Extract<AuthSession, { kind: K }>;

export const expiredSession = () => notAuthorized(MSG.sessionExpired);

/**
 * The session and user a second-factor answer continues: the Session must be a live one of this
 * kind, issued to this app client, and USERNAME must name its user (the internal name the
 * challenge gave as USER_ID_FOR_SRP, or an email the user signs in with). The session is taken
 * (single use); the caller puts it back when the rider may try again.
 */
export function challengeUser<K extends Kind>(
  { store, clock, sessions }: Pick<Services, 'store' | 'clock' | 'sessions'>,
  kind: K,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
): { session: SessionOf<K>; user: UserRecord } {
  if (!sessionKey) throw invalidParameter(MSG.missingParameter('Session'));
  const typed = requiredParameter(responses, 'USERNAME');
  const session = sessions.take(sessionKey, clock.now());
  if (
    session?.kind !== kind ||
    session.clientId !== client.clientId ||
    session.poolId !== pool.id ||
    session.username === undefined
  ) {
    throw expiredSession();
  }
  const user = store.user(pool.id, session.username);
  const named = typed === session.username ? user : findUser(store, pool, typed);
  if (!user || named?.username !== user.username) throw expiredSession();
  checkSecretHash(client, responses.SECRET_HASH, typed, user.username);
  return { session: session as SessionOf<K>, user };
}
