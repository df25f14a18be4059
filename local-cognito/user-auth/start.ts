import type { ChallengeNameType, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { RequestContext, Services } from '../context.ts';
import { MSG, userNotFound } from '../errors.ts';
import { newSession } from '../ids.ts';
import { requiredParameter } from '../input.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../records.ts';
import { riderNamed } from '../secret-hash.ts';
import { shownUsername, startSrpChallenge } from '../srp-start.ts';
import { issueEmailOtp } from './email-otp.ts';
import { availableChallenges } from './factors.ts';
import { signInWithPassword } from './password.ts';
import { issueWebAuthn } from './web-authn.ts';

/**
 * InitiateAuth USER_AUTH (docs/cognito-mfa-passwordless.md §4.2): the preferred challenge when
 * this rider can use it, else SELECT_CHALLENGE with what they can use.
 */
export async function startUserAuth(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string>,
  ctx: RequestContext,
): Promise<InitiateAuthResponse> {
  const typed = requiredParameter(params, 'USERNAME');
  const user = riderNamed(services.store, { client, pool }, typed, params.SECRET_HASH);
  if (!user && client.preventUserExistenceErrors !== 'ENABLED') throw userNotFound(MSG.userDoesNotExist);
  const rider: Rider = { user, typed };
  const available = availableChallenges(services, pool, user, ctx);
  const preferred = params.PREFERRED_CHALLENGE as ChallengeNameType | undefined;
  if (preferred !== undefined && available.includes(preferred)) {
    const direct = await issueChallenge(services, pool, client, rider, preferred, params, ctx);
    if (direct) return direct;
  }
  return offer(services, pool, client, rider, 'SELECT_CHALLENGE', available);
}

export interface Rider {
  user: UserRecord | undefined;
  typed: string;
}

/**
 * The step a chosen factor starts (a preference, or a SELECT_CHALLENGE answer): PASSWORD and
 * PASSWORD_SRP finish at once when their PASSWORD / SRP_A came along, else become that challenge;
 * EMAIL_OTP mails a code; WEB_AUTHN sends request options. Undefined if the factor cannot start.
 */
export async function issueChallenge(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  { user, typed }: Rider,
  factor: ChallengeNameType,
  params: Record<string, string>,
  ctx: RequestContext,
): Promise<InitiateAuthResponse | undefined> {
  switch (factor) {
    case 'PASSWORD':
      if (params.PASSWORD) {
        return signInWithPassword(services, pool, client, user, params.PASSWORD, ctx, params.DEVICE_KEY);
      }
      return offer(services, pool, client, { user, typed }, 'PASSWORD', ['PASSWORD']);
    case 'PASSWORD_SRP':
      if (params.SRP_A) return startSrpChallenge(services, pool, client, user, typed, params.SRP_A, params.DEVICE_KEY);
      return offer(services, pool, client, { user, typed }, 'PASSWORD_SRP', ['PASSWORD_SRP']);
    case 'EMAIL_OTP':
      return issueEmailOtp(services, pool, client, user, typed, shownUsername(services, pool, user, typed));
    case 'WEB_AUTHN':
      return user ? issueWebAuthn(services, pool, client, user, ctx) : undefined;
    default:
      return undefined;
  }
}

/** SELECT_CHALLENGE, or a PASSWORD / PASSWORD_SRP challenge awaiting its secret: a Session naming what may follow. */
function offer(
  { clock, sessions }: Pick<Services, 'clock' | 'sessions'>,
  pool: PoolRecord,
  client: ClientRecord,
  { user, typed }: Rider,
  challenge: 'SELECT_CHALLENGE' | 'PASSWORD' | 'PASSWORD_SRP',
  available: ChallengeNameType[],
): InitiateAuthResponse {
  const now = clock.now();
  const key = newSession();
  sessions.put(
    key,
    {
      kind: 'select-challenge',
      poolId: pool.id,
      clientId: client.clientId,
      username: user?.username,
      typed,
      available,
      expiresAt: now + client.authSessionMinutes * 60_000,
    },
    now,
  );
  return {
    ChallengeName: challenge,
    Session: key,
    ChallengeParameters: {},
    ...(challenge === 'SELECT_CHALLENGE' ? { AvailableChallenges: available } : {}),
  };
}
