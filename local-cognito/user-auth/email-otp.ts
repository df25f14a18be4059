import type { RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { looksLikeEmail, maskEmail } from '../attributes.ts';
import type { EmailOtpSession } from '../challenge-sessions.ts';
import { withSend } from '../codes.ts';
import type { RequestContext, Services } from '../context.ts';
import { codeMismatch, expiredCode, MSG, notAuthorized } from '../errors.ts';
import { newCode, newSession } from '../ids.ts';
import { requiredParameter } from '../input.ts';
import { withFailure } from '../lockout.ts';
import { messages } from '../mailer.ts';
import { assertNotLockedOut } from '../passwords.ts';
import type { ClientRecord, PoolRecord, UserRecord } from '../records.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { finishFirstFactor } from './finish.ts';
import { assertNamesSessionUser } from './session-user.ts';

/**
 * EMAIL_OTP as a first factor (docs/cognito-mfa-passwordless.md §4.5). Where Cognito is silent the
 * local pool chose (§6): a six-digit code living 3 minutes (as Cognito's MFA codes), single use;
 * a wrong code keeps the Session for another try, and the third wrong one ends it; every wrong
 * code counts towards the password lockout.
 */
export const EMAIL_OTP_TTL_MS = 3 * 60_000;
const WRONG_CODES_ALLOWED = 3;

/** Mails a sign-in code and returns the EMAIL_OTP challenge (simulated for an unknown user: nothing is sent). */
export function issueEmailOtp(
  services: Pick<Services, 'store' | 'clock' | 'mailer' | 'sessions'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord | undefined,
  typed: string,
  shownUsername: string,
): RespondToAuthChallengeResponse {
  const { store, clock, mailer, sessions } = services;
  const now = clock.now();
  let code: string | undefined;
  let address: string;
  if (user?.attributes.email) {
    store.putUser(withSend(user, now));
    code = newCode();
    address = user.attributes.email;
    mailer.send({ poolId: pool.id, to: address, ...messages.signIn(code), code });
  } else {
    address = looksLikeEmail(typed) ? typed : `${typed}@example.com`;
  }
  const session: EmailOtpSession = {
    kind: 'email-otp',
    poolId: pool.id,
    clientId: client.clientId,
    username: user?.username,
    code,
    codeExpiresAt: now + EMAIL_OTP_TTL_MS,
    wrongAnswers: 0,
    expiresAt: now + client.authSessionMinutes * 60_000,
  };
  const key = newSession();
  sessions.put(key, session, now);
  return {
    ChallengeName: 'EMAIL_OTP',
    Session: key,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: maskEmail(address),
      USERNAME: shownUsername,
    },
  };
}

/** RespondToAuthChallenge EMAIL_OTP: `{USERNAME, EMAIL_OTP_CODE}` with the challenge's Session. */
export async function answerEmailOtp(
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  responses: Record<string, string>,
  sessionKey: string | undefined,
  ctx: RequestContext,
): Promise<RespondToAuthChallengeResponse> {
  const { store, clock, sessions } = services;
  if (!sessionKey) throw notAuthorized(MSG.sessionExpired);
  requiredParameter(responses, 'USERNAME');
  const given = requiredParameter(responses, 'EMAIL_OTP_CODE');
  const now = clock.now();
  const session = sessions.take(sessionKey, now);
  if (session?.kind !== 'email-otp' || session.clientId !== client.clientId || session.poolId !== pool.id) {
    throw notAuthorized(MSG.sessionExpired);
  }
  // Clients with a secret sign every step (as PASSWORD_VERIFIER): the typed name's hash or the user's.
  checkSecretHash(client, responses.SECRET_HASH, responses.USERNAME, session.username);
  assertNamesSessionUser(store, pool, responses.USERNAME as string, session);
  const user = session.username === undefined ? undefined : store.user(pool.id, session.username);
  if (user) assertNotLockedOut(user, now);
  if (session.code === undefined || given.trim() !== session.code) {
    if (user) store.putUser(withFailure(user, now));
    const wrongAnswers = session.wrongAnswers + 1;
    if (wrongAnswers < WRONG_CODES_ALLOWED) sessions.put(sessionKey, { ...session, wrongAnswers }, now);
    throw codeMismatch(MSG.challengeCodeMismatch);
  }
  if (now >= session.codeExpiresAt) throw expiredCode(MSG.expiredCode);
  if (!user) throw notAuthorized(MSG.sessionExpired);
  // The code reached the address: it is verified, and an unconfirmed rider is confirmed (§4.5).
  const { signUpCode: _used, ...rest } = user;
  const proven: UserRecord =
    user.attributes.email_verified === 'true' && user.status !== 'UNCONFIRMED'
      ? user
      : {
          ...rest,
          status: user.status === 'UNCONFIRMED' ? 'CONFIRMED' : user.status,
          attributes: { ...user.attributes, email_verified: 'true' },
          updatedAt: now,
        };
  return finishFirstFactor(services, pool, client, proven, ctx);
}
