// Wire helpers for the USER_AUTH and passkey tests: calls as the site's page makes them (with its
// Origin, which names the relying party when the pool has none configured), riders, passkeys.
import { expect } from 'vitest';
import type { RunningLocalCognito } from '../../../local-cognito/index.ts';
import { call, latestCode, ok, PASSWORD, uniqueEmail, type WireResponse } from './pool-kit.ts';
import {
  type RegistrationOptionsJson,
  type RequestOptionsJson,
  SoftwareAuthenticator,
} from './software-authenticator.ts';

export const ORIGIN = 'http://localhost:5173';

export function userAuthKit(pool: () => RunningLocalCognito, origin: string | undefined = ORIGIN) {
  const page = (action: string, body: unknown): Promise<WireResponse> =>
    call(pool().url, action, body, origin ? { headers: { Origin: origin } } : {});
  const pageOk = async (action: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await page(action, body);
    expect(res.status, `${action} → ${res.text}`).toBe(200);
    return res.json as Record<string, unknown>;
  };

  async function confirmedRider(label: string): Promise<string> {
    const { url, clientId } = pool();
    const email = uniqueEmail(label);
    await ok(url, 'SignUp', { ClientId: clientId, Username: email, Password: PASSWORD });
    const code = await latestCode(url, email);
    await ok(url, 'ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code });
    return email;
  }

  const userAuth = (email: string, extra: Record<string, string> = {}, clientId = pool().clientId) =>
    page('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, ...extra } });

  async function accessTokenOf(email: string): Promise<string> {
    const res = await userAuth(email, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
    expect(res.status, res.text).toBe(200);
    return (res.json?.AuthenticationResult as { AccessToken: string } | undefined)?.AccessToken as string;
  }

  async function registerPasskey(email: string, authenticator = new SoftwareAuthenticator({ origin: ORIGIN })) {
    const AccessToken = await accessTokenOf(email);
    const start = await pageOk('StartWebAuthnRegistration', { AccessToken });
    const Credential = authenticator.create(start.CredentialCreationOptions as RegistrationOptionsJson);
    expect(await pageOk('CompleteWebAuthnRegistration', { AccessToken, Credential })).toEqual({});
    return { authenticator, AccessToken };
  }

  async function webAuthnChallenge(email: string) {
    const res = await userAuth(email, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect(res.status, res.text).toBe(200);
    expect(res.json?.ChallengeName).toBe('WEB_AUTHN');
    const params = res.json?.ChallengeParameters as Record<string, string>;
    const options = JSON.parse(params.CREDENTIAL_REQUEST_OPTIONS as string) as RequestOptionsJson &
      Record<string, unknown>;
    return { Session: res.json?.Session as string, options, params };
  }

  const answerWebAuthn = (email: string, Session: string, credential: unknown) =>
    page('RespondToAuthChallenge', {
      ClientId: pool().clientId,
      ChallengeName: 'WEB_AUTHN',
      Session,
      ChallengeResponses: { USERNAME: email, CREDENTIAL: JSON.stringify(credential) },
    });

  return { page, pageOk, confirmedRider, userAuth, accessTokenOf, registerPasskey, webAuthnChallenge, answerWebAuthn };
}
