// Cognito actions the library has no method for (USER_AUTH, passkeys; ConfirmDevice, which it sends only inside its own sign-ins), sent through the library's own
// HTTP client (`CognitoUserPool#client`: the same endpoint, headers and error shape as every other
// call; docs/cognito.md §1), so the site still has one Cognito client. Request and response shapes
// are the AWS SDK's; members the SDK turns into other types (timestamps become Dates) are read as
// the wire has them where they are used.
import type {
  CompleteWebAuthnRegistrationRequest,
  CompleteWebAuthnRegistrationResponse,
  ConfirmDeviceRequest,
  ConfirmDeviceResponse,
  DeleteWebAuthnCredentialRequest,
  DeleteWebAuthnCredentialResponse,
  InitiateAuthRequest,
  InitiateAuthResponse,
  ListWebAuthnCredentialsRequest,
  ListWebAuthnCredentialsResponse,
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
  StartWebAuthnRegistrationRequest,
  StartWebAuthnRegistrationResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { userPool } from './context.ts';

interface Actions {
  InitiateAuth: [InitiateAuthRequest, InitiateAuthResponse];
  RespondToAuthChallenge: [RespondToAuthChallengeRequest, RespondToAuthChallengeResponse];
  StartWebAuthnRegistration: [StartWebAuthnRegistrationRequest, StartWebAuthnRegistrationResponse];
  CompleteWebAuthnRegistration: [CompleteWebAuthnRegistrationRequest, CompleteWebAuthnRegistrationResponse];
  ConfirmDevice: [ConfirmDeviceRequest, ConfirmDeviceResponse];
  ListWebAuthnCredentials: [ListWebAuthnCredentialsRequest, ListWebAuthnCredentialsResponse];
  DeleteWebAuthnCredential: [DeleteWebAuthnCredentialRequest, DeleteWebAuthnCredentialResponse];
}

/** The library's client (not in its typings): `request` POSTs one action and calls back with (err, data). */
export interface LibraryClient {
  request(action: string, params: unknown, callback: (err: unknown, data?: unknown) => void): void;
}

/**
 * Sends one action. Rejects with what the library rejects with (an Error whose `code` is Cognito's
 * error code), so each caller can turn it into an AuthError for its own step (errors.ts).
 */
export function cognito<A extends keyof Actions>(action: A, params: Actions[A][0]): Promise<Partial<Actions[A][1]>> {
  const { client } = userPool() as unknown as { client: LibraryClient };
  return new Promise((resolve, reject) => {
    client.request(action, params, (err, data) => {
      if (err) reject(err);
      else resolve(data && typeof data === 'object' ? (data as Partial<Actions[A][1]>) : {});
    });
  });
}

/** The app client every request names. */
export const clientId = (): string => userPool().getClientId();
