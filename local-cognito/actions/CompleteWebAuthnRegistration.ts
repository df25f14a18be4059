import type { CompleteWebAuthnRegistrationResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { RegistrationResponseJSON, VerifiedRegistrationResponse } from '@simplewebauthn/server';
import { authenticateAccessToken } from '../access-token-caller.ts';
import { registrationKey } from '../challenge-sessions.ts';
import { looksLikeCredential, readClientData } from '../client-data.ts';
import type { ActionFactory } from '../context.ts';
import {
  CognitoError,
  invalidParameter,
  limitExceeded,
  MSG,
  webAuthnChallengeNotFound,
  webAuthnClientMismatch,
  webAuthnCredentialNotSupported,
  webAuthnOriginNotAllowed,
  webAuthnRelyingPartyMismatch,
} from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';
import { assertPasskeysEnabled, friendlyNameFor, knownTransports, MAX_PASSKEYS } from '../passkeys.ts';
import type { WebAuthnCredentialRecord } from '../records.ts';
import { originAllowed, webAuthnSettingsOf } from '../webauthn-config.ts';
import { webAuthnServer } from '../webauthn-verifier.ts';

/**
 * Verifies the authenticator's attestation with @simplewebauthn/server against the pending
 * challenge (docs/cognito-mfa-passwordless.md §5.3) and stores the passkey. The pending challenge
 * is used up by any attempt, so a refused registration starts again.
 */
export const CompleteWebAuthnRegistration: ActionFactory =
  (services) =>
  async (input): Promise<CompleteWebAuthnRegistrationResponse> => {
    const { store, clock, sessions } = services;
    const accessToken = input.string('AccessToken', TOKEN_RULE);
    const credential = input.optionalObject('Credential')?.body;
    if (credential === undefined) input.string('Credential');
    const { pool, user, lineage } = await authenticateAccessToken(services, accessToken);
    assertPasskeysEnabled(pool);
    const now = clock.now();
    const pending = sessions.take(registrationKey(pool.id, user.username), now);
    if (pending?.kind !== 'webauthn-registration') throw webAuthnChallengeNotFound(MSG.webAuthnChallengeNotFound);
    if (pending.clientId !== lineage.clientId) throw webAuthnClientMismatch(MSG.webAuthnClientMismatch);
    if (!looksLikeCredential(credential)) throw invalidParameter(MSG.credentialNotJson);
    const clientData = readClientData(credential);
    if (!clientData) throw invalidParameter(MSG.credentialNotJson);
    if (clientData.challenge !== pending.challenge) throw webAuthnChallengeNotFound(MSG.webAuthnChallengeNotFound);
    if (!originAllowed(clientData.origin, pending.rpId)) {
      throw webAuthnOriginNotAllowed(MSG.webAuthnOriginNotAllowed(clientData.origin));
    }
    const info = await verify(credential as unknown as RegistrationResponseJSON, pending, clientData.origin, {
      requireUserVerification: webAuthnSettingsOf(pool).userVerification === 'required',
    });
    if (store.credential(pool.id, info.credential.id)) throw invalidParameter(MSG.webAuthnCredentialExists);
    if (store.credentialsOf(user).length >= MAX_PASSKEYS) throw limitExceeded(MSG.webAuthnLimit);
    const response = (credential as { response: { transports?: unknown } }).response;
    const given = (credential as { authenticatorAttachment?: unknown }).authenticatorAttachment;
    const attachment = given === 'platform' || given === 'cross-platform' ? given : undefined;
    const record: WebAuthnCredentialRecord = {
      poolId: pool.id,
      username: user.username,
      credentialId: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
      counter: info.credential.counter,
      relyingPartyId: pending.rpId,
      friendlyName: friendlyNameFor(attachment),
      transports: knownTransports(response.transports),
      ...(attachment ? { attachment } : {}),
      createdAt: now,
    };
    store.putCredential(record);
    return {};
  };

type Verified = NonNullable<VerifiedRegistrationResponse['registrationInfo']>;

/** The library's verdict, its refusals turned into Cognito's exceptions. */
async function verify(
  response: RegistrationResponseJSON,
  pending: { challenge: string; rpId: string },
  origin: string,
  { requireUserVerification }: { requireUserVerification: boolean },
): Promise<Verified> {
  try {
    const { verifyRegistrationResponse } = await webAuthnServer();
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: origin,
      expectedRPID: pending.rpId,
      expectedType: 'webauthn.create',
      requireUserVerification,
      // What Cognito accepts (§5.1): ES256 and RS256.
      supportedAlgorithmIDs: [-7, -257],
    });
    if (result.verified) return result.registrationInfo;
    throw webAuthnCredentialNotSupported(MSG.webAuthnCredentialNotSupported('the attestation did not verify.'));
  } catch (err) {
    if (err instanceof CognitoError) throw err;
    const e = err as { code?: unknown; message?: unknown };
    if (e.code === 'UNEXPECTED_RP_ID')
      throw webAuthnRelyingPartyMismatch(MSG.webAuthnRelyingPartyMismatch(pending.rpId));
    const reason = typeof e.message === 'string' ? e.message.slice(0, 200) : 'it could not be read.';
    throw webAuthnCredentialNotSupported(MSG.webAuthnCredentialNotSupported(reason));
  }
}
