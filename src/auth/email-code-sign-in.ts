// Signing in with a one-time code sent by email: USER_AUTH's EMAIL_OTP first factor
// (docs/cognito-mfa-passwordless.md §4.5). A new code means a new InitiateAuth (Cognito has no resend
// for challenge codes), so "send a new code" starts again and only the newest code works.
import { AuthError } from './errors.ts';
import type { RiderSession } from './session.ts';
import type { Challenge } from './user-auth.ts';
import { answerChallenge, startUserAuth } from './user-auth.ts';
import { normalizeCode } from './validate.ts';

/** A code was emailed; pass this back to confirmEmailCode with the code. */
export interface EmailCodeChallenge {
  readonly email: string;
  /** Where it went, masked as Cognito masks it (e.g. r***@e***); null when Cognito didn't say. */
  readonly destination: string | null;
}

export type EmailCodeStart =
  | { next: 'emailCode'; challenge: EmailCodeChallenge }
  | { next: 'confirmSignUp'; email: string; destination: string | null };

const pending = new WeakMap<EmailCodeChallenge, Challenge>();

/**
 * Asks Cognito to email a sign-in code. Throws AuthError('NoEmailCode') when this account can't
 * sign in that way (Cognito offers only the password, e.g. to riders with two-factor sign-in).
 */
export async function startEmailCodeSignIn(email: string): Promise<EmailCodeStart> {
  const start = await startUserAuth(email, 'EMAIL_OTP');
  if (start.next !== 'challenge') return start;
  const destination = start.challenge.parameters.CODE_DELIVERY_DESTINATION;
  const challenge: EmailCodeChallenge = { email: email.trim(), destination: destination || null };
  pending.set(challenge, start.challenge);
  return { next: 'emailCode', challenge };
}

/** Signs in with the emailed code. A wrong code can be corrected while the challenge lasts. */
export async function confirmEmailCode(challenge: EmailCodeChallenge, code: string): Promise<RiderSession> {
  const digits = normalizeCode(code);
  const started = pending.get(challenge);
  if (!started) throw new AuthError('SessionExpired', 'Your session has ended. Please sign in again.');
  const session = await answerChallenge(started, { EMAIL_OTP_CODE: digits }, 'emailCodeSignIn');
  pending.delete(challenge);
  return session;
}
