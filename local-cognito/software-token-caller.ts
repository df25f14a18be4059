import { authenticateAccessToken } from './access-token-caller.ts';
import type { MfaSetupSession } from './challenge-sessions.ts';
import type { Services } from './context.ts';
import { invalidParameter, MSG, notAuthorized } from './errors.ts';
import { type Input, SESSION_RULE, TOKEN_RULE } from './input.ts';
import type { PoolRecord, UserRecord } from './records.ts';

/**
 * Who AssociateSoftwareToken and VerifySoftwareToken act for: the signed-in user of an
 * AccessToken, or the user signing in whose MFA_SETUP challenge the Session belongs to
 * (docs/cognito-mfa-passwordless.md §1.2, §1.3). Exactly one of the two is accepted.
 */
export type SoftwareTokenCaller =
  | { pool: PoolRecord; user: UserRecord; session?: undefined }
  | { pool: PoolRecord; user: UserRecord; session: { key: string; value: MfaSetupSession } };

/** Reads both members (validated before anything is looked up). */
export function readCredential(input: Input): { accessToken?: string; session?: string } {
  const accessToken = input.optionalString('AccessToken', TOKEN_RULE);
  const session = input.optionalString('Session', SESSION_RULE);
  if ((accessToken === undefined) === (session === undefined)) throw invalidParameter(MSG.tokenOrSession);
  return { accessToken, session };
}

/**
 * Resolves the caller. A Session is taken (single use): the action hands out a new key for the
 * same sign-in, or puts this one back when the rider may retry.
 */
export async function softwareTokenCaller(
  services: Pick<Services, 'store' | 'tokens' | 'clock' | 'sessions'>,
  credential: { accessToken?: string; session?: string },
): Promise<SoftwareTokenCaller> {
  const { store, clock, sessions } = services;
  if (credential.accessToken !== undefined) {
    const { pool, user } = await authenticateAccessToken(services, credential.accessToken);
    return { pool, user };
  }
  const key = credential.session as string;
  const value = sessions.take(key, clock.now());
  if (value?.kind !== 'mfa-setup') throw notAuthorized(MSG.sessionExpired);
  const pool = store.pool(value.poolId);
  const user = store.user(value.poolId, value.username);
  if (!pool || !user) throw notAuthorized(MSG.sessionExpired);
  return { pool, user, session: { key, value } };
}
