// Signing in with a passkey: USER_AUTH's WEB_AUTHN first factor (docs/cognito-mfa-passwordless.md
// §5.6): Cognito's request options → navigator.credentials.get → the assertion as JSON in CREDENTIAL.
import type { PasskeyOptions } from './credentials.ts';
import { credentialsOf } from './credentials.ts';
import { toAuthError } from './errors.ts';
import type { RiderSession } from './session.ts';
import { answerChallenge, startUserAuth } from './user-auth.ts';
import { assertionToJson, requestOptionsFromJson } from './webauthn-json.ts';

export type PasskeySignInResult =
  | { next: 'done'; session: RiderSession }
  | { next: 'confirmSignUp'; email: string; destination: string | null };

/**
 * Signs in with one of the rider's passkeys. Throws AuthError('NoPasskey') when the account has
 * none, ('PasskeyCancelled') when the rider closed the prompt or it timed out.
 */
export async function signInWithPasskey(email: string, options: PasskeyOptions = {}): Promise<PasskeySignInResult> {
  const credentials = credentialsOf(options, 'passkeySignIn');
  const start = await startUserAuth(email, 'WEB_AUTHN');
  if (start.next !== 'challenge') return start;
  const publicKey = requestOptionsFromJson(start.challenge.parameters.CREDENTIAL_REQUEST_OPTIONS);
  let credential: string;
  try {
    credential = JSON.stringify(assertionToJson(await credentials.get({ publicKey })));
  } catch (err) {
    throw toAuthError(err, 'passkeySignIn');
  }
  return { next: 'done', session: await answerChallenge(start.challenge, { CREDENTIAL: credential }, 'passkeySignIn') };
}
