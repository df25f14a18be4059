import { MSG, notAuthorized } from '../errors.ts';
import type { PoolRecord } from '../records.ts';
import type { Store } from '../store.ts';
import { findUser } from '../usernames.ts';

/**
 * A challenge answer's USERNAME must name the rider its Session is for: the name typed at
 * InitiateAuth, the internal username (what ChallengeParameters.USERNAME shows and AWS Amplify then
 * sends), or another name of the same user. The Session alone decides who signs in; a USERNAME of
 * someone else is refused as a wrong sign-in is, as for PASSWORD_VERIFIER.
 */
export function assertNamesSessionUser(
  store: Store,
  pool: PoolRecord,
  given: string,
  session: { username: string | undefined; typed?: string },
): void {
  if (given === session.typed || (session.username !== undefined && given === session.username)) return;
  if (session.username !== undefined && findUser(store, pool, given)?.username === session.username) return;
  // An unknown user's simulated steps take any name: there is nobody to mismatch.
  if (session.username === undefined && session.typed === undefined) return;
  throw notAuthorized(MSG.incorrectCredentials);
}
