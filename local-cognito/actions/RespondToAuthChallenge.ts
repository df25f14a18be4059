import type { RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeMap } from '../attributes.ts';
import { answerDevicePasswordVerifier, answerDeviceSrpAuth } from '../challenges/device-srp.ts';
import { mfaSetup } from '../challenges/mfa-setup.ts';
import { softwareTokenMfa } from '../challenges/software-token-mfa.ts';
import type { ActionFactory, RequestContext, Services } from '../context.ts';
import { signInDevice } from '../devices.ts';
import { invalidParameter, MSG, notAuthorized, userNotConfirmed } from '../errors.ts';
import { poolNameOf } from '../ids.ts';
import { CLIENT_ID_RULE, type Input, PASSWORD_RULE, requiredParameter, SESSION_RULE } from '../input.ts';
import { assertPasswordConforms } from '../password-policy.ts';
import { afterPasswordVerified, assertNotLockedOut, failedPassword, srpCredentials } from '../passwords.ts';
import type { ClientRecord, PoolRecord } from '../records.ts';
import { resolveClient } from '../resources.ts';
import { secondFactorChallenge } from '../second-factor.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { parseSrpTimestamp, verifyPasswordClaim } from '../srp.ts';
import { completeSignIn } from '../token-lineages.ts';
import { answerEmailOtp } from '../user-auth/email-otp.ts';
import { answerChoice } from '../user-auth/select-challenge.ts';
import { answerWebAuthn } from '../user-auth/web-authn.ts';

const CHALLENGES = [
  'PASSWORD_VERIFIER',
  'NEW_PASSWORD_REQUIRED',
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'CUSTOM_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
  'SELECT_CHALLENGE',
] as const;

const expiredSession = () => notAuthorized(MSG.sessionExpired);

export const RespondToAuthChallenge: ActionFactory = (services) => {
  const { store } = services;
  return async (input: Input, ctx: RequestContext): Promise<RespondToAuthChallengeResponse> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const challenge = input.optionalEnum('ChallengeName', CHALLENGES);
    if (!challenge) input.string('ChallengeName');
    const responses = input.optionalStringMap('ChallengeResponses') ?? {};
    const session = input.optionalString('Session', SESSION_RULE);
    input.optionalStringMap('ClientMetadata');
    const { client, pool } = resolveClient(store, clientId);
    switch (challenge) {
      case 'PASSWORD_VERIFIER':
        return passwordVerifier(services, pool, client, responses, ctx);
      case 'NEW_PASSWORD_REQUIRED':
        return newPassword(services, pool, client, responses, session, ctx);
      case 'DEVICE_SRP_AUTH':
        return answerDeviceSrpAuth(services, pool, client, responses, session);
      case 'DEVICE_PASSWORD_VERIFIER':
        return answerDevicePasswordVerifier(services, pool, client, responses, session, ctx);
      case 'SOFTWARE_TOKEN_MFA':
        return softwareTokenMfa(services, pool, client, responses, session, ctx);
      case 'MFA_SETUP':
        return mfaSetup(services, pool, client, responses, session, ctx);
      case 'SELECT_CHALLENGE':
      case 'PASSWORD':
      case 'PASSWORD_SRP':
        return answerChoice(services, pool, client, challenge, responses, session, ctx);
      case 'EMAIL_OTP':
        return answerEmailOtp(services, pool, client, responses, session, ctx);
      case 'WEB_AUTHN':
        return answerWebAuthn(services, pool, client, responses, session, ctx);
      default:
        throw invalidParameter(MSG.challengeUnsupported(String(challenge)));
    }
  };
};

async function passwordVerifier(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const { store, clock, sessions } = services;
  const username = requiredParameter(responses, 'USERNAME');
  const secretBlock = requiredParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const timestamp = requiredParameter(responses, 'TIMESTAMP');
  const signature = requiredParameter(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const now = clock.now();
  const srp = sessions.take(secretBlock, now);
  if (srp?.kind !== 'srp' || srp.clientId !== client.clientId || srp.poolId !== pool.id) {
    throw notAuthorized(MSG.incorrectCredentials);
  }
  if (username !== srp.userIdForSrp) throw notAuthorized(MSG.incorrectCredentials);
  const user = srp.username === undefined ? undefined : store.user(pool.id, srp.username);
  checkSecretHash(client, responses.SECRET_HASH, username, user?.username);
  const proofOk =
    parseSrpTimestamp(timestamp) !== null &&
    verifyPasswordClaim({
      poolName: poolNameOf(pool.id),
      userIdForSrp: srp.userIdForSrp,
      verifier: srp.verifier,
      A: srp.A,
      B: srp.B,
      b: srp.b,
      secretBlock,
      timestamp,
      signature,
    });
  // Unknown user (simulated challenge) or user deleted meanwhile: same answer as a wrong password.
  if (!user) throw notAuthorized(MSG.incorrectCredentials);
  // Cognito answers an unconfirmed user this way whatever the password (docs/cognito.md §5.5).
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed(MSG.notConfirmed);
  assertNotLockedOut(user, now);
  // The password may have changed between the two steps.
  if (!proofOk || srp.verifier !== user.srp.verifier) throw failedPassword(services, user);
  let device: ReturnType<typeof signInDevice>;
  try {
    device = signInDevice(store, pool, user, responses.DEVICE_KEY ?? srp.deviceKey);
  } catch (err) {
    // amazon-cognito-identity-js answers an unknown device at once with the same SECRET_BLOCK and no
    // DEVICE_KEY: keep the exchange for that retry, without the key.
    const { deviceKey: _unknown, ...exchange } = srp;
    sessions.put(secretBlock, exchange, now);
    throw err;
  }
  return afterPasswordVerified(services, pool, client, user, ctx, device);
}

async function newPassword(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const { store, clock, sessions } = services;
  if (!sessionKey) throw invalidParameter(MSG.missingParameter('Session'));
  const now = clock.now();
  const session = sessions.take(sessionKey, now);
  if (session?.kind !== 'new-password' || session.clientId !== client.clientId) throw expiredSession();
  const user = store.user(pool.id, session.username);
  if (user?.status !== 'FORCE_CHANGE_PASSWORD') throw expiredSession();
  const password = responses.NEW_PASSWORD;
  try {
    if (password === undefined || password === '') throw invalidParameter(MSG.missingParameter('NEW_PASSWORD'));
    if (password.length < (PASSWORD_RULE.min ?? 6) || !PASSWORD_RULE.pattern!.test(password)) {
      throw invalidParameter(MSG.newPasswordTooShort);
    }
    assertPasswordConforms(pool.policy, password);
  } catch (err) {
    // A rejected password keeps the session: the rider fixes it and tries again.
    sessions.put(sessionKey, session, now);
    throw err;
  }
  const supplied = attributeMap(
    Object.entries(responses)
      .filter(([k]) => k.startsWith('userAttributes.'))
      .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }))
      .filter(({ Name }) => !['email', 'email_verified', 'phone_number_verified'].includes(Name)),
  );
  const { tempPasswordExpiresAt: _expired, ...rest } = user;
  const updated = {
    ...rest,
    status: 'CONFIRMED' as const,
    attributes: { ...user.attributes, ...supplied },
    srp: srpCredentials(pool, user.username, password),
    updatedAt: now,
  };
  store.putUser(updated);
  // An ON pool asks a rider who has just chosen a password to set up a second factor (§1.6).
  const challenge = secondFactorChallenge(services, pool, client, updated);
  if (challenge) return challenge;
  const AuthenticationResult = await completeSignIn(services, pool, client, updated, ctx);
  return { ChallengeParameters: {}, AuthenticationResult };
}
