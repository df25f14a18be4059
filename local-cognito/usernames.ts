import { looksLikeEmail } from './attributes.ts';
import { MSG, userNotFound } from './errors.ts';
import { type Input, POOL_ID_RULE, USERNAME_RULE } from './input.ts';
import type { PoolRecord, UserRecord } from './records.ts';
import { resolvePool } from './resources.ts';
import type { Store } from './store.ts';

/**
 * How a pool names its users (email as the username, or plain usernames with an optional email
 * alias; case-sensitive or not) and which user a typed name means.
 */

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

/** The user an operator named, or UserNotFoundException. */
export function adminUser(store: Store, input: Input): { pool: PoolRecord; user: UserRecord } {
  // Both members are validated before the pool is looked up, as the AWS JSON protocol validates a request.
  const poolId = input.string('UserPoolId', POOL_ID_RULE);
  const typed = input.string('Username', USERNAME_RULE);
  const pool = resolvePool(store, poolId);
  const user = findUser(store, pool, typed);
  if (!user) throw userNotFound(MSG.userDoesNotExist);
  return { pool, user };
}
