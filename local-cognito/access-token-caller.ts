import type { Services } from './context.ts';
import { MSG, notAuthorized, userNotFound } from './errors.ts';
import type { LineageRecord, PoolRecord, UserRecord } from './records.ts';
import { TokenError } from './tokens.ts';

export interface AuthenticatedCaller {
  pool: PoolRecord;
  user: UserRecord;
  lineage: LineageRecord;
}

/** Resolves the caller of an access-token action (GetUser, ChangePassword, GlobalSignOut, …). */
export async function authenticateAccessToken(
  { store, tokens }: Pick<Services, 'store' | 'tokens'>,
  accessToken: string,
): Promise<AuthenticatedCaller> {
  let claims: { iss?: unknown; username?: unknown; origin_jti?: unknown };
  try {
    claims = await tokens.verifyAccessToken(accessToken);
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    throw notAuthorized(err.kind === 'expired' ? MSG.accessExpired : MSG.invalidAccess);
  }
  const poolId = typeof claims.iss === 'string' ? claims.iss.slice(claims.iss.lastIndexOf('/') + 1) : '';
  const pool = store.pool(poolId);
  if (!pool || typeof claims.username !== 'string' || typeof claims.origin_jti !== 'string') {
    throw notAuthorized(MSG.invalidAccess);
  }
  const user = store.user(pool.id, claims.username);
  if (!user) throw userNotFound(MSG.userDoesNotExist);
  const lineage = store.lineage(claims.origin_jti);
  if (!lineage || lineage.revoked || lineage.username !== user.username) throw notAuthorized(MSG.accessRevoked);
  if (!user.enabled) throw notAuthorized(MSG.userDisabled);
  return { pool, user, lineage };
}
