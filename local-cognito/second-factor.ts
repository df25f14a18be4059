import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Services } from './context.ts';
import { newSession } from './ids.ts';
import { poolMfa } from './pool-mfa.ts';
import type { ClientRecord, PoolRecord, UserRecord } from './records.ts';
import { totpRequired } from './user-mfa.ts';

/**
 * What follows a correct first factor (password, or a new password) when the pool uses MFA
 * (docs/cognito-mfa-passwordless.md §1.6): SOFTWARE_TOKEN_MFA for a user whose authenticator is
 * their factor, MFA_SETUP in an ON pool for a user with no factor yet, or nothing (tokens).
 */

/** Whether sign-in continues with a second-factor challenge (failures are not cleared until it is passed). */
export function secondFactorDue(pool: PoolRecord, user: UserRecord): boolean {
  return totpRequired(pool, user) || poolMfa(pool).configuration === 'ON';
}

/** The second-factor challenge for this user, with its Session, or undefined when tokens follow. */
export function secondFactorChallenge(
  { clock, sessions }: Pick<Services, 'clock' | 'sessions'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
): InitiateAuthResponse | undefined {
  if (!secondFactorDue(pool, user)) return undefined;
  const now = clock.now();
  const Session = newSession();
  const common = {
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    expiresAt: now + client.authSessionMinutes * 60_000,
  };
  if (totpRequired(pool, user)) {
    sessions.put(Session, { kind: 'software-token-mfa', ...common }, now);
    return {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session,
      ChallengeParameters: {
        ...(user.totp?.deviceName ? { FRIENDLY_DEVICE_NAME: user.totp.deviceName } : {}),
        USER_ID_FOR_SRP: user.username,
      },
    };
  }
  // ON, nothing set up: only TOTP can be set up here (no text messages, no MFA email).
  sessions.put(Session, { kind: 'mfa-setup', ...common, verified: false }, now);
  return {
    ChallengeName: 'MFA_SETUP',
    Session,
    ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']), USER_ID_FOR_SRP: user.username },
  };
}
