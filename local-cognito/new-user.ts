import { looksLikeEmail } from './attributes.ts';
import { invalidParameter, MSG, usernameExists } from './errors.ts';
import { srpCredentials } from './passwords.ts';
import type { PoolRecord, UserRecord } from './records.ts';
import type { Store } from './store.ts';
import { findUser, isEmailPool, usernameKey } from './usernames.ts';

/** What a new user is (SignUp, AdminCreateUser): its internal username and its first record. */

/**
 * The internal username for a new user named `typed`: its `sub` in email-as-username pools (the
 * typed email becomes its email attribute), else the name keyed as the pool keys names. Throws
 * when the name is taken or, in an email pool, not an email.
 */
export function newUsername(store: Store, pool: PoolRecord, typed: string, sub: string): string {
  if (isEmailPool(pool)) {
    if (!looksLikeEmail(typed)) throw invalidParameter(MSG.usernameNotEmail);
    if (store.userByEmail(pool.id, typed)) throw usernameExists(MSG.emailExists);
    return sub;
  }
  if (findUser(store, pool, typed)) throw usernameExists(MSG.userExists);
  return usernameKey(pool, typed);
}

export interface NewUser {
  username: string;
  sub: string;
  attributes: Record<string, string>;
  status: UserRecord['status'];
  password: string;
}

/** A user's first record: enabled, created now, its password kept only as an SRP verifier. */
export const newUser = (pool: PoolRecord, { password, ...fields }: NewUser, now: number): UserRecord => ({
  poolId: pool.id,
  ...fields,
  enabled: true,
  createdAt: now,
  updatedAt: now,
  srp: srpCredentials(pool, fields.username, password),
});
