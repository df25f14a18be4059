import { timingSafeEqual } from 'node:crypto';
import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import { rememberedDeviceChallenge } from './challenges/device-srp.ts';
import type { RequestContext, Services } from './context.ts';
import { MSG, notAuthorized, passwordResetRequired } from './errors.ts';
import { newSession, poolNameOf } from './ids.ts';
import { lockedUntil, withFailure, withoutFailures } from './lockout.ts';
import type { ClientRecord, DeviceRecord, PoolRecord, UserRecord } from './records.ts';
import { secondFactorChallenge, secondFactorDue } from './second-factor.ts';
import { createVerifier } from './srp.ts';
import { completeSignIn } from './token-lineages.ts';

/**
 * The SRP salt and verifier kept for a password (a fresh salt unless one is given). One 3072-bit
 * modular exponentiation: compute it once per password.
 */
export const srpCredentials = (
  pool: PoolRecord,
  username: string,
  password: string,
  salt?: Buffer,
): UserRecord['srp'] => createVerifier(poolNameOf(pool.id), username, password, salt);

/** Checks a plain password against the stored SRP verifier (USER_PASSWORD_AUTH, ChangePassword). */
export function passwordMatches(pool: PoolRecord, user: UserRecord, password: string): boolean {
  const { verifier } = srpCredentials(pool, user.username, password, Buffer.from(user.srp.salt, 'hex'));
  const a = Buffer.from(verifier);
  const b = Buffer.from(user.srp.verifier);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses a locked-out user before any password check ("Password attempts exceeded"). */
export function assertNotLockedOut(user: UserRecord, now: number): void {
  if (lockedUntil(user, now) > now) throw notAuthorized(MSG.attemptsExceeded);
}

/** Counts a failed password check, persists it, and returns the error to throw. */
export function failedPassword({ store, clock }: Pick<Services, 'store' | 'clock'>, user: UserRecord): Error {
  store.putUser(withFailure(user, clock.now()));
  return notAuthorized(MSG.incorrectCredentials);
}

/**
 * What follows a correct password (SRP proof or USER_PASSWORD_AUTH): tokens, or the next
 * challenge for users an operator created or reset, or DEVICE_SRP_AUTH for the `device` the
 * sign-in named (devices.ts signInDevice) when it is remembered, or the second factor
 * (second-factor.ts).
 */
export async function afterPasswordVerified(
  services: Pick<Services, 'store' | 'clock' | 'tokens' | 'sessions'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  ctx: RequestContext,
  device?: DeviceRecord,
): Promise<InitiateAuthResponse> {
  const { store, clock, sessions } = services;
  const now = clock.now();
  if (!user.enabled) throw notAuthorized(MSG.userDisabled);
  // Wrong MFA codes count towards the same lockout: they are cleared once the second factor is passed.
  const cleared = secondFactorDue(pool, user) ? user : withoutFailures(user);
  if (cleared !== user) store.putUser(cleared);
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired(MSG.passwordResetRequired);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    if (user.tempPasswordExpiresAt !== undefined && user.tempPasswordExpiresAt < now) {
      throw notAuthorized(MSG.tempPasswordExpired);
    }
    const session = newSession();
    sessions.put(
      session,
      {
        kind: 'new-password',
        poolId: pool.id,
        clientId: client.clientId,
        username: user.username,
        expiresAt: now + client.authSessionMinutes * 60_000,
      },
      now,
    );
    const { sub: _sub, ...visible } = user.attributes;
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(visible),
      },
    };
  }
  // A remembered device proves itself instead of the second factor: this step comes first.
  const deviceStep = rememberedDeviceChallenge(services, pool, client, user, device);
  if (deviceStep) return deviceStep;
  const challenge = secondFactorChallenge(services, pool, client, user);
  if (challenge) return challenge;
  const AuthenticationResult = await completeSignIn(services, pool, client, cleared, ctx, device);
  return { ChallengeParameters: {}, AuthenticationResult };
}
