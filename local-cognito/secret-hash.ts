import { createHmac, timingSafeEqual } from 'node:crypto';
import { MSG, notAuthorized } from './errors.ts';
import type { ClientRecord, PoolRecord, UserRecord } from './records.ts';
import type { Store } from './store.ts';
import { findUser } from './usernames.ts';

/**
 * Clients with a secret need SECRET_HASH = base64(HMAC-SHA256(secret, username + clientId)), for
 * any of the names the user goes by: the one typed, or the internal username when the user is known
 * (undefined names are skipped). amazon-cognito-identity-js never sends one, which is why the web
 * app's client has no secret.
 */
export function checkSecretHash(
  client: ClientRecord,
  secretHash: string | undefined,
  ...names: (string | undefined)[]
): void {
  if (!client.secret) return;
  if (!secretHash) {
    throw notAuthorized(MSG.secretHashMissing(client.clientId));
  }
  const given = Buffer.from(secretHash);
  const usernames = names.filter((n): n is string => n !== undefined && n !== '');
  const ok = usernames.some((u) => {
    const expected = Buffer.from(
      createHmac('sha256', client.secret as string)
        .update(u + client.clientId)
        .digest('base64'),
    );
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!ok) throw notAuthorized(MSG.secretHashMismatch(client.clientId));
}

/** The user a rider named (undefined if none), once SECRET_HASH matches the typed name or theirs. */
export function riderNamed(
  store: Store,
  { client, pool }: { client: ClientRecord; pool: PoolRecord },
  typed: string,
  secretHash: string | undefined,
): UserRecord | undefined {
  const user = findUser(store, pool, typed);
  checkSecretHash(client, secretHash, typed, user?.username);
  return user;
}
