import { randomBytes } from 'node:crypto';
import type { RespondToAuthChallengeResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { WebAuthnSignInSession } from '../challenge-sessions.ts';
import { looksLikeCredential, readClientData } from '../client-data.ts';
import type { RequestContext, Services } from '../context.ts';
import { invalidParameter, MSG, notAuthorized } from '../errors.ts';
import { newSession } from '../ids.ts';
import { requiredParameter } from '../input.ts';
import { withFailure } from '../lockout.ts';
import { assertNotLockedOut } from '../passwords.ts';
import type { ClientRecord, PoolRecord, UserRecord, WebAuthnCredentialRecord } from '../records.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { originAllowed, userHandleOf, webAuthnSettingsOf } from '../webauthn-config.ts';
import { webAuthnServer } from '../webauthn-verifier.ts';
import { passkeysFor } from './factors.ts';
import { finishFirstFactor } from './finish.ts';
import { assertNamesSessionUser } from './session-user.ts';

/**
 * The WEB_AUTHN sign-in challenge (docs/cognito-mfa-passwordless.md §5.6): request options with
 * the rider's passkeys for this RP ID, answered with the assertion, which @simplewebauthn/server
 * verifies (type, challenge, origin, RP ID hash, UP/UV flags, signature, counter). Every failed
 * check is NotAuthorizedException (RespondToAuthChallenge has no WebAuthn exceptions; the text is
 * the local pool's choice, §6), ends the Session and counts towards the lockout.
 */
const TIMEOUT_MS = 180_000;

export function issueWebAuthn(
  services: Pick<Services, 'store' | 'clock' | 'sessions' | 'relyingPartyId'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  ctx: RequestContext,
): RespondToAuthChallengeResponse | undefined {
  const passkeys = passkeysFor(services, pool, user, ctx);
  if (!passkeys) return undefined;
  const now = services.clock.now();
  const challenge = randomBytes(32).toString('base64url');
  const session: WebAuthnSignInSession = {
    kind: 'webauthn-sign-in',
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    challenge,
    rpId: passkeys.rpId,
    expiresAt: now + client.authSessionMinutes * 60_000,
  };
  const key = newSession();
  services.sessions.put(key, session, now);
  const options = {
    challenge,
    rpId: passkeys.rpId,
    allowCredentials: passkeys.credentials.map((c) => ({
      type: 'public-key',
      id: c.credentialId,
      ...(c.transports.length ? { transports: c.transports } : {}),
    })),
    userVerification: webAuthnSettingsOf(pool).userVerification,
    timeout: TIMEOUT_MS,
  };
  return {
    ChallengeName: 'WEB_AUTHN',
    Session: key,
    ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options), USERNAME: user.username },
  };
}

/** RespondToAuthChallenge WEB_AUTHN: `{USERNAME, CREDENTIAL}` (the assertion JSON as a string). */
export async function answerWebAuthn(
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
  const raw = requiredParameter(responses, 'CREDENTIAL');
  let assertion: unknown;
  try {
    assertion = JSON.parse(raw);
  } catch {
    throw invalidParameter(MSG.credentialNotJson);
  }
  if (!looksLikeCredential(assertion)) throw invalidParameter(MSG.credentialNotJson);
  const now = clock.now();
  const session = sessions.take(sessionKey, now);
  if (session?.kind !== 'webauthn-sign-in' || session.clientId !== client.clientId || session.poolId !== pool.id) {
    throw notAuthorized(MSG.sessionExpired);
  }
  // Clients with a secret sign every step (as PASSWORD_VERIFIER): the typed name's hash or the user's.
  checkSecretHash(client, responses.SECRET_HASH, responses.USERNAME, session.username);
  assertNamesSessionUser(store, pool, responses.USERNAME as string, session);
  const user = store.user(pool.id, session.username);
  if (!user) throw notAuthorized(MSG.sessionExpired);
  assertNotLockedOut(user, now);
  const stored = store.credential(pool.id, assertion.id);
  const updated = await verified(assertion as AuthenticationResponseJSON, stored, session, user, pool);
  if (!updated) {
    store.putUser(withFailure(user, now));
    throw notAuthorized(MSG.passkeyFailed);
  }
  store.putCredential(updated);
  return finishFirstFactor(services, pool, client, user, ctx);
}

/** The credential with its new counter if the assertion holds, else undefined. */
async function verified(
  assertion: AuthenticationResponseJSON,
  stored: WebAuthnCredentialRecord | undefined,
  session: WebAuthnSignInSession,
  user: UserRecord,
  pool: PoolRecord,
): Promise<WebAuthnCredentialRecord | undefined> {
  if (!stored || stored.username !== user.username || stored.relyingPartyId !== session.rpId) return undefined;
  // A discoverable credential names its user: it must be this one (WebAuthn Level 2 §7.2 step 6).
  const handle = (assertion.response as { userHandle?: unknown }).userHandle;
  if (handle !== undefined && handle !== userHandleOf(user)) return undefined;
  const clientData = readClientData(assertion);
  if (!clientData || !originAllowed(clientData.origin, session.rpId)) return undefined;
  try {
    const { verifyAuthenticationResponse } = await webAuthnServer();
    const result = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge: session.challenge,
      expectedOrigin: clientData.origin,
      expectedRPID: session.rpId,
      expectedType: 'webauthn.get',
      credential: {
        id: stored.credentialId,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
        counter: stored.counter,
      },
      requireUserVerification: webAuthnSettingsOf(pool).userVerification === 'required',
    });
    if (!result.verified) return undefined;
    return { ...stored, counter: result.authenticationInfo.newCounter };
  } catch {
    // The library throws for every failed check (challenge, origin, RP ID hash, flags, signature, counter).
    return undefined;
  }
}
