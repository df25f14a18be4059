import { randomBytes } from 'node:crypto';
import type { InitiateAuthResponse, RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { DeviceSrpSession, DeviceVerifierSession } from '../challenge-sessions.ts';
import type { RequestContext, Services } from '../context.ts';
import { deviceOf } from '../devices.ts';
import { invalidParameter, MSG, notAuthorized, resourceNotFound } from '../errors.ts';
import { newSession } from '../ids.ts';
import { requiredParameter } from '../input.ts';
import { withoutFailures } from '../lockout.ts';
import type { ClientRecord, DeviceRecord, PoolRecord, UserRecord } from '../records.ts';
import { secondFactorDue } from '../second-factor.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { parseSrpTimestamp, SrpError, startSrp, verifyPasswordClaim } from '../srp.ts';
import { completeSignIn } from '../token-lineages.ts';
import { findUser } from '../usernames.ts';

/**
 * Device authentication: DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens, the user's SRP run
 * again with the device group key as pool name, the device key as username and the device's own
 * verifier from ConfirmDevice (docs/cognito-mfa-passwordless.md §3.6–3.7).
 *
 * Sessions (a choice, docs/cognito-mfa-passwordless.md §6): each step requires the Session issued
 * with the previous one, single use, living as long as the client's AuthSessionValidity, so a stolen
 * device secret never skips the password step.
 */

type DeviceServices = Pick<Services, 'store' | 'clock' | 'sessions' | 'tokens'>;

const expiredSession = () => notAuthorized(MSG.sessionExpired);

/**
 * After the password step: a remembered device of this user is challenged with DEVICE_SRP_AUTH,
 * where Cognito would otherwise ask for the second factor; anything else goes on as before. The
 * device step always ends the sign-in (neither library handles a challenge after it), so in a pool
 * whose remembered devices do not stand in for the second factor (ChallengeRequiredOnNewDevice
 * false) a user who owes one gets it instead of the device step (a choice, docs/cognito.md §6).
 */
export function rememberedDeviceChallenge(
  { clock, sessions }: Pick<Services, 'clock' | 'sessions'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  device: DeviceRecord | undefined,
): InitiateAuthResponse | undefined {
  if (device?.status !== 'remembered' || !pool.devices) return undefined;
  if (!pool.devices.challengeRequiredOnNewDevice && secondFactorDue(pool, user)) return undefined;
  const now = clock.now();
  const session = newSession();
  const entry: DeviceSrpSession = {
    kind: 'device-srp',
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    deviceKey: device.deviceKey,
    expiresAt: now + client.authSessionMinutes * 60_000,
  };
  sessions.put(session, entry, now);
  return { ChallengeName: 'DEVICE_SRP_AUTH', Session: session, ChallengeParameters: {} };
}

/** The session a device step names, its user and its (still remembered) device. */
function resume<K extends 'device-srp' | 'device-verifier'>(
  { store, clock, sessions }: DeviceServices,
  kind: K,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
): { session: Extract<DeviceSrpSession | DeviceVerifierSession, { kind: K }>; user: UserRecord; device: DeviceRecord } {
  if (!sessionKey) throw invalidParameter(MSG.missingParameter('Session'));
  const username = requiredParameter(responses, 'USERNAME');
  const deviceKey = requiredParameter(responses, 'DEVICE_KEY');
  const session = sessions.take(sessionKey, clock.now());
  if (session?.kind !== kind || session.clientId !== client.clientId || session.poolId !== pool.id) {
    throw expiredSession();
  }
  const user = store.user(pool.id, session.username);
  if (!user) throw expiredSession();
  checkSecretHash(client, responses.SECRET_HASH, username, user.username);
  // The libraries send the internal username (USER_ID_FOR_SRP); any name of the same user will do.
  const named = username === user.username ? user : findUser(store, pool, username);
  if (named?.username !== user.username || deviceKey !== session.deviceKey) {
    throw notAuthorized(MSG.incorrectCredentials);
  }
  const device = deviceOf(store, user, deviceKey);
  // Forgotten or set to not_remembered since the password step.
  if (device.status !== 'remembered') throw resourceNotFound(MSG.deviceNotFound);
  return { session: session as Extract<DeviceSrpSession | DeviceVerifierSession, { kind: K }>, user, device };
}

/** DEVICE_SRP_AUTH {USERNAME, DEVICE_KEY, SRP_A} → DEVICE_PASSWORD_VERIFIER {SRP_B, SALT, SECRET_BLOCK, …}. */
export function answerDeviceSrpAuth(
  services: DeviceServices,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
): RespondToAuthChallengeResponse {
  const A = requiredParameter(responses, 'SRP_A');
  const { session, user, device } = resume(services, 'device-srp', pool, client, responses, sessionKey);
  let step: ReturnType<typeof startSrp>;
  try {
    step = startSrp(device.verifier, A);
  } catch (err) {
    if (err instanceof SrpError) throw invalidParameter(MSG.invalidSrpA);
    throw err;
  }
  const now = services.clock.now();
  const secretBlock = randomBytes(64).toString('base64');
  const next = newSession();
  const entry: DeviceVerifierSession = { ...session, kind: 'device-verifier', A, B: step.B, b: step.b, secretBlock };
  services.sessions.put(next, { ...entry, expiresAt: now + client.authSessionMinutes * 60_000 }, now);
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: next,
    ChallengeParameters: {
      // The salt's bytes as the client sent them; it reads them as an integer and padHex's them back.
      SALT: device.salt,
      SRP_B: step.B,
      SECRET_BLOCK: secretBlock,
      USERNAME: user.username,
      DEVICE_KEY: device.deviceKey,
    },
  };
}

/** DEVICE_PASSWORD_VERIFIER {PASSWORD_CLAIM_*, TIMESTAMP, USERNAME, DEVICE_KEY} → tokens. */
export async function answerDevicePasswordVerifier(
  services: DeviceServices,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const secretBlock = requiredParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const timestamp = requiredParameter(responses, 'TIMESTAMP');
  const signature = requiredParameter(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const { session, user, device } = resume(services, 'device-verifier', pool, client, responses, sessionKey);
  const proofOk =
    secretBlock === session.secretBlock &&
    parseSrpTimestamp(timestamp) !== null &&
    verifyPasswordClaim({
      poolName: device.groupKey,
      userIdForSrp: device.deviceKey,
      verifier: device.verifier,
      A: session.A,
      B: session.B,
      b: session.b,
      secretBlock,
      timestamp,
      signature,
    });
  // A wrong device proof does not count towards the password lockout: the password step already
  // passed, and the device secret is 40 random bytes (a choice, docs/cognito.md §6).
  if (!proofOk) throw notAuthorized(MSG.incorrectCredentials);
  if (!user.enabled) throw notAuthorized(MSG.userDisabled);
  // The sign-in is complete: the failures a pending second factor kept are cleared (second-factor.ts).
  const passed = withoutFailures(user);
  if (passed !== user) services.store.putUser(passed);
  const AuthenticationResult = await completeSignIn(services, pool, client, passed, ctx, device);
  return { ChallengeParameters: {}, AuthenticationResult };
}
