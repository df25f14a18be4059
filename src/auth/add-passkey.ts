// Adding a passkey to the signed-in rider's account (docs/cognito-mfa-passwordless.md §5.2–§5.3):
// StartWebAuthnRegistration → navigator.credentials.create → CompleteWebAuthnRegistration.
import type { CompleteWebAuthnRegistrationRequest } from '@aws-sdk/client-cognito-identity-provider';
import { cognito } from './cognito-api.ts';
import type { PasskeyOptions } from './credentials.ts';
import { credentialsOf } from './credentials.ts';
import { toAuthError } from './errors.ts';
import { accessToken } from './passkeys.ts';
import { attestationToJson, creationOptionsFromJson } from './webauthn-json.ts';

/** Creates a passkey on this device (or a security key / phone the browser offers) and registers it. */
export async function addPasskey(options: PasskeyOptions = {}): Promise<void> {
  const credentials = credentialsOf(options, 'passkeyRegistration');
  const token = await accessToken();
  const fail = (err: unknown): never => {
    throw toAuthError(err, 'passkeyRegistration');
  };
  const started = await cognito('StartWebAuthnRegistration', { AccessToken: token }).catch(fail);
  const publicKey = creationOptionsFromJson(started.CredentialCreationOptions);
  const credential = await credentials.create({ publicKey }).then(attestationToJson).catch(fail);
  // A JSON object, not a string (unlike CREDENTIAL at sign-in): §5.3.
  await cognito('CompleteWebAuthnRegistration', {
    AccessToken: token,
    Credential: credential as unknown as CompleteWebAuthnRegistrationRequest['Credential'],
  }).catch(fail);
}
