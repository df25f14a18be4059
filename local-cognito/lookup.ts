import { createHmac, timingSafeEqual } from 'node:crypto';
import { looksLikeEmail } from './attributes.ts';
import { notAuthorized, resourceNotFound, userNotFound } from './errors.ts';
import type { ClientRecord, PoolRecord, UserRecord } from './records.ts';
import type { Store } from './store.ts';

export function resolvePool(store: Store, poolId: string): PoolRecord {
  const pool = store.pool(poolId);
  if (!pool) throw resourceNotFound(`User pool ${poolId} does not exist.`);
  return pool;
}

export function resolveClient(store: Store, clientId: string): { client: ClientRecord; pool: PoolRecord } {
  const client = store.client(clientId);
  const pool = client && store.pool(client.poolId);
  if (!client || !pool) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
  return { client, pool };
}

export function resolvePoolClient(store: Store, poolId: string, clientId: string): ClientRecord {
  resolvePool(store, poolId);
  const client = store.client(clientId);
  if (!client || client.poolId !== poolId) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
  return client;
}

/**
 * Clients with a secret need SECRET_HASH = base64(HMAC-SHA256(secret, username + clientId)).
 * (amazon-cognito-identity-js never sends one, which is why the web app's client has no secret.)
 */
export function checkSecretHash(client: ClientRecord, secretHash: string | undefined, usernames: string[]): void {
  if (!client.secret) return;
  if (!secretHash) {
    throw notAuthorized(`Client ${client.clientId} is configured for secret but secret was not received`);
  }
  const given = Buffer.from(secretHash);
  const ok = usernames.some((u) => {
    const expected = Buffer.from(createHmac('sha256', client.secret as string).update(u + client.clientId).digest('base64'));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!ok) throw notAuthorized(`Unable to verify secret hash for client ${client.clientId}`);
}

export const isEmailPool = (pool: PoolRecord): boolean => pool.usernameAttributes.includes('email');

/** How a pool keys an email: as typed in case-sensitive pools, lowercased otherwise (and for no pool). */
export const emailKey = (pool: PoolRecord | undefined, email: string): string =>
  pool?.caseSensitive ? email : email.toLowerCase();

/** How a typed username is keyed in a pool with plain usernames. */
export const usernameKey = (pool: PoolRecord, username: string): string =>
  pool.caseSensitive ? username : username.toLowerCase();

/**
 * Finds the user a rider or operator named: by email in email-as-username pools (the internal
 * UUID username works too), by username otherwise, or by a verified email alias.
 */
export function findUser(store: Store, pool: PoolRecord, typed: string): UserRecord | undefined {
  if (isEmailPool(pool)) {
    if (looksLikeEmail(typed)) return store.userByEmail(pool.id, typed);
    return store.user(pool.id, typed);
  }
  const direct = store.user(pool.id, usernameKey(pool, typed));
  if (direct) return direct;
  if (pool.aliasAttributes.includes('email') && looksLikeEmail(typed)) {
    const byAlias = store.userByEmail(pool.id, typed);
    if (byAlias && byAlias.attributes.email_verified === 'true') return byAlias;
  }
  return undefined;
}

/** The email a message for this user goes to, if any. */
export const emailOf = (user: UserRecord): string | undefined => user.attributes.email;


/** The user an operator named, or UserNotFoundException. */
export function adminUser(store: Store, poolId: string, typed: string): { pool: PoolRecord; user: UserRecord } {
  const pool = resolvePool(store, poolId);
  const user = findUser(store, pool, typed);
  if (!user) throw userNotFound('User does not exist.');
  return { pool, user };
}
