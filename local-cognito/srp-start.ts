import { randomBytes } from 'node:crypto';
import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from './context.ts';
import { invalidParameter, MSG, userNotFound } from './errors.ts';
import type { ClientRecord, PoolRecord, UserRecord } from './records.ts';
import { fakeSrpIdentity, SrpError, startSrp } from './srp.ts';

/**
 * The first SRP step, PASSWORD_VERIFIER with SRP_B (USER_SRP_AUTH, and USER_AUTH's PASSWORD_SRP):
 * for an unknown user with PreventUserExistenceErrors ENABLED a challenge indistinguishable from a
 * real one, whose proof then fails like a wrong password.
 */
export function startSrpChallenge(
  { clock, sessions, srpSecrets }: Pick<Services, 'clock' | 'sessions' | 'srpSecrets'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord | undefined,
  typed: string,
  A: string,
  /** AuthParameters.DEVICE_KEY of a remembered device, kept for the PASSWORD_VERIFIER step (devices.ts). */
  deviceKey?: string,
): InitiateAuthResponse {
  let identity: { salt: string; verifier: string; userIdForSrp: string };
  if (user) {
    identity = { ...user.srp, userIdForSrp: user.username };
  } else if (client.preventUserExistenceErrors === 'ENABLED') {
    identity = fakeSrpIdentity(srpSecrets.fakeIdentitySecret(pool.fakeSrpSecret), typed);
  } else {
    throw userNotFound(MSG.userDoesNotExist);
  }
  let step: ReturnType<typeof startSrp>;
  try {
    step = startSrp(identity.verifier, A);
  } catch (err) {
    if (err instanceof SrpError) throw invalidParameter(MSG.invalidSrpA);
    throw err;
  }
  const now = clock.now();
  const secretBlock = randomBytes(64).toString('base64');
  sessions.put(
    secretBlock,
    {
      kind: 'srp',
      poolId: pool.id,
      clientId: client.clientId,
      username: user?.username,
      userIdForSrp: identity.userIdForSrp,
      A,
      B: step.B,
      b: step.b,
      verifier: identity.verifier,
      ...(deviceKey ? { deviceKey } : {}),
      expiresAt: now + client.authSessionMinutes * 60_000,
    },
    now,
  );
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: identity.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: step.B,
      USERNAME: identity.userIdForSrp,
      USER_ID_FOR_SRP: identity.userIdForSrp,
    },
  };
}

/** The name a user is shown by in ChallengeParameters.USERNAME: theirs, or the stable fake an unknown name gets. */
export const shownUsername = (
  { srpSecrets }: Pick<Services, 'srpSecrets'>,
  pool: PoolRecord,
  user: UserRecord | undefined,
  typed: string,
): string => user?.username ?? fakeSrpIdentity(srpSecrets.fakeIdentitySecret(pool.fakeSrpSecret), typed).userIdForSrp;
