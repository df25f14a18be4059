// Choice-based sign-in (InitiateAuth AuthFlow USER_AUTH, docs/cognito-mfa-passwordless.md §4.2–§4.3),
// which amazon-cognito-identity-js does not implement: start it preferring one first factor, select
// that factor when Cognito asks to choose, and answer the challenges that follow. The password stays
// with the library's SRP flow (sign-in.ts); this module serves the passkey and emailed-code sign-ins.
import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import { clientId, cognito } from './cognito-api.ts';
import type { ErrorContext } from './errors.ts';
import { type AuthError, noEmailCode, noPasskey, toAuthError, unreadableAnswer, unsupportedStep } from './errors.ts';
import { resendConfirmationCode } from './registration.ts';
import type { RiderSession } from './session.ts';
import { storeSession } from './token-store.ts';
import { normalizeEmail } from './validate.ts';

/** The first factors the site offers besides the password. */
export type FirstFactor = Extract<ChallengeNameType, 'EMAIL_OTP' | 'WEB_AUTHN'>;

/** A challenge Cognito issued, with what answering it needs. */
export interface Challenge {
  readonly name: FirstFactor;
  readonly session: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** The USERNAME the answer names: ChallengeParameters.USERNAME (the pool's own) when Cognito sends it. */
  readonly username: string;
}

export type UserAuthStart =
  | { next: 'challenge'; challenge: Challenge }
  /** The account is unconfirmed: a fresh confirmation code was sent (destination null if sending failed). */
  | { next: 'confirmSignUp'; email: string; destination: string | null };

const notOffered: Record<FirstFactor, () => AuthError> = { WEB_AUTHN: noPasskey, EMAIL_OTP: noEmailCode };

interface ChallengeAnswer {
  ChallengeName?: string | undefined;
  Session?: string | undefined;
  ChallengeParameters?: Record<string, string> | undefined;
  AvailableChallenges?: string[] | undefined;
}

function challengeFrom(answer: ChallengeAnswer, factor: FirstFactor, username: string): Challenge {
  if (typeof answer.Session !== 'string') throw unreadableAnswer(`${factor} challenge without a Session`);
  const parameters = answer.ChallengeParameters ?? {};
  return {
    name: factor,
    session: answer.Session,
    parameters,
    username: typeof parameters.USERNAME === 'string' && parameters.USERNAME ? parameters.USERNAME : username,
  };
}

/**
 * Starts USER_AUTH preferring `factor` (PREFERRED_CHALLENGE). Cognito answers with that challenge
 * when this rider can use it, or with SELECT_CHALLENGE listing what they can use; a SELECT_CHALLENGE
 * that offers `factor` is answered with it. Throws AuthError('NoPasskey' | 'NoEmailCode') when the
 * factor is not offered — which, for an unknown email, Cognito decides without revealing it (§4.2).
 */
export async function startUserAuth(email: string, factor: FirstFactor): Promise<UserAuthStart> {
  const username = normalizeEmail(email);
  let answer: ChallengeAnswer;
  try {
    answer = await cognito('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: clientId(),
      AuthParameters: { USERNAME: username, PREFERRED_CHALLENGE: factor },
    });
  } catch (err) {
    const error = toAuthError(err, 'passwordlessStart');
    if (error.code !== 'UserNotConfirmed') throw error;
    const sent = await resendConfirmationCode(username).catch(() => ({ destination: null }));
    return { next: 'confirmSignUp', email: username, destination: sent.destination };
  }
  if (answer.ChallengeName === 'SELECT_CHALLENGE') {
    const offered = answer.AvailableChallenges;
    if (!Array.isArray(offered) || !offered.includes(factor)) throw notOffered[factor]();
    const selected = challengeFrom(answer, factor, username); // the SELECT_CHALLENGE's Session and USERNAME
    answer = await cognito('RespondToAuthChallenge', {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: clientId(),
      Session: selected.session,
      ChallengeResponses: { USERNAME: selected.username, ANSWER: factor },
    }).catch((err: unknown) => {
      throw toAuthError(err, 'passwordlessStart');
    });
  }
  if (answer.ChallengeName !== factor) throw notOffered[factor]();
  return { next: 'challenge', challenge: challengeFrom(answer, factor, username) };
}

/**
 * Answers `challenge` (its USERNAME is added). Tokens are stored as the library stores its own and
 * the session returned; any further challenge is one this site does not support.
 */
export async function answerChallenge(
  challenge: Challenge,
  responses: Record<string, string>,
  step: ErrorContext,
): Promise<RiderSession> {
  const answer = await cognito('RespondToAuthChallenge', {
    ChallengeName: challenge.name,
    ClientId: clientId(),
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, ...responses },
  }).catch((err: unknown) => {
    throw toAuthError(err, step);
  });
  if (answer.AuthenticationResult) return storeSession(answer.AuthenticationResult);
  if (answer.ChallengeName) throw unsupportedStep();
  throw unreadableAnswer('RespondToAuthChallenge without tokens or a challenge');
}
