// Passkey and emailed-code sign-in and passkey management (src/auth/user-auth.ts and friends) with
// the REAL library for storage, refresh and sign-out, stubbed only at the HTTP level (fetch) and at
// navigator.credentials (a fake container the test controls). The same functions run against the
// local pool in tests/integration/passwordless-auth.test.ts.
import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addPasskey } from '../../src/auth/add-passkey.ts';
import { toBase64Url } from '../../src/auth/base64url.ts';
import { AuthError, authorizedFetch, configureAuth, currentSession, signOut } from '../../src/auth/index.ts';
import { listPasskeys, removePasskey } from '../../src/auth/passkeys.ts';
import { confirmEmailCode, signInWithPasskey, startEmailCodeSignIn } from '../../src/auth/passwordless.ts';

const CLIENT = 'testclient';
const PREFIX = `CognitoIdentityServiceProvider.${CLIENT}`;

class MapStorage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

type Reply = { status: number; body: unknown };
type Route = (body: Record<string, unknown>) => Reply;
let routes: Record<string, Route | Route[]>;
let calls: { action: string; body: Record<string, unknown> }[];
let storage: MapStorage;

const ok = (body: unknown): Reply => ({ status: 200, body });
const fail = (type: string, message: string): Reply => ({ status: 400, body: { __type: type, message } });
const b64url = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
const jwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Tokens as Cognito issues them for the pool user `username` (the pool's UUID). */
function tokens(username = 'uuid-1', email = 'rider@example.com', lifetime = 3600, refresh = 'refresh-1') {
  const iat = nowSeconds();
  return {
    IdToken: jwt({ sub: username, email, 'cognito:username': username, token_use: 'id', iat, exp: iat + lifetime }),
    AccessToken: jwt({ sub: username, username, token_use: 'access', origin_jti: 'o', iat, exp: iat + lifetime }),
    RefreshToken: refresh,
    ExpiresIn: lifetime,
    TokenType: 'Bearer',
  };
}

const stored = (username: string, what: string) => storage.getItem(`${PREFIX}.${username}.${what}`);
const actions = () => calls.map((c) => c.action);

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

beforeEach(() => {
  routes = {};
  calls = [];
  storage = new MapStorage();
  configureAuth({ userPoolId: 'us-east-1_TestPool', clientId: CLIENT, endpoint: 'https://cognito.test/', storage });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      expect(url).toBe('https://cognito.test/');
      const action = String((init.headers as Record<string, string>)['X-Amz-Target'])
        .split('.')
        .pop()!;
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      calls.push({ action, body });
      const route = routes[action];
      const handler = Array.isArray(route) ? route.shift() : route;
      const reply = handler?.(body) ?? fail('InternalErrorException', `no route for ${action}`);
      return new Response(JSON.stringify(reply.body), { status: reply.status });
    }),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const EMAIL_OTP = {
  ChallengeName: 'EMAIL_OTP',
  Session: 'session-otp',
  ChallengeParameters: {
    CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
    CODE_DELIVERY_DESTINATION: 'r***@e***',
    USERNAME: 'uuid-1',
  },
};

describe('emailed-code sign-in (USER_AUTH, EMAIL_OTP)', () => {
  it('asks for EMAIL_OTP, answers with the code, and stores the tokens where the library keeps them', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens() });
    const start = await startEmailCodeSignIn(' Rider@Example.com ');
    expect(start).toEqual({
      next: 'emailCode',
      challenge: { email: 'Rider@Example.com', destination: 'r***@e***' },
    });
    expect(calls[0]!.body).toEqual({
      AuthFlow: 'USER_AUTH',
      ClientId: CLIENT,
      AuthParameters: { USERNAME: 'rider@example.com', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    });
    if (start.next !== 'emailCode') throw new Error('no code step');

    const session = await confirmEmailCode(start.challenge, ' 123 456 ');
    expect(calls[1]).toEqual({
      action: 'RespondToAuthChallenge',
      body: {
        ChallengeName: 'EMAIL_OTP',
        ClientId: CLIENT,
        Session: 'session-otp',
        ChallengeResponses: { USERNAME: 'uuid-1', EMAIL_OTP_CODE: '123456' },
      },
    });
    expect(session).toMatchObject({ email: 'rider@example.com', sub: 'uuid-1' });
    expect(storage.getItem(`${PREFIX}.LastAuthUser`)).toBe('uuid-1');
    expect(stored('uuid-1', 'idToken')).toBe(session.idToken);
    expect(stored('uuid-1', 'refreshToken')).toBe('refresh-1');
    expect(stored('uuid-1', 'accessToken')).toMatch(/\./);
    expect(stored('uuid-1', 'clockDrift')).toMatch(/^-?\d+$/);
  });

  it('answers SELECT_CHALLENGE with EMAIL_OTP when Cognito asks the rider to choose', async () => {
    routes.InitiateAuth = () =>
      ok({
        ChallengeName: 'SELECT_CHALLENGE',
        Session: 'session-select',
        AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
        ChallengeParameters: {},
      });
    routes.RespondToAuthChallenge = () => ok(EMAIL_OTP);
    const start = await startEmailCodeSignIn('rider@example.com');
    expect(start.next).toBe('emailCode');
    expect(calls[1]!.body).toEqual({
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: CLIENT,
      Session: 'session-select',
      ChallengeResponses: { USERNAME: 'rider@example.com', ANSWER: 'EMAIL_OTP' },
    });
  });

  it('says so when Cognito does not offer an emailed code (e.g. a rider with two-factor sign-in)', async () => {
    routes.InitiateAuth = () =>
      ok({ ChallengeName: 'SELECT_CHALLENGE', Session: 's', AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP'] });
    expect((await rejection(startEmailCodeSignIn('rider@example.com'))).code).toBe('NoEmailCode');
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('keeps the challenge after a wrong code, so the rider can correct it', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = [
      () => fail('CodeMismatchException', 'Invalid code or auth state for the user.'),
      () => ok({ AuthenticationResult: tokens() }),
    ];
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    expect(await rejection(confirmEmailCode(start.challenge, '111111'))).toMatchObject({
      code: 'CodeMismatch',
      field: 'code',
      message: 'That code isn’t right. Check the newest sign-in email from us and try again.',
    });
    await confirmEmailCode(start.challenge, '123456');
    expect(calls[2]!.body.Session).toBe('session-otp');
  });

  it('tells the rider to send a new code when the challenge has ended', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = () =>
      fail('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    expect(await rejection(confirmEmailCode(start.challenge, '123456'))).toMatchObject({
      code: 'SessionExpired',
      field: 'code',
      message: 'That code can’t be used any more. Choose “Send a new code” to get another.',
    });
  });

  it('checks the code before sending it', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    expect((await rejection(confirmEmailCode(start.challenge, '12345'))).code).toBe('InvalidCode');
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('sends an unconfirmed rider a fresh confirmation code, as the password sign-in does', async () => {
    routes.InitiateAuth = () => fail('UserNotConfirmedException', 'User is not confirmed.');
    routes.ResendConfirmationCode = () => ok({ CodeDeliveryDetails: { Destination: 'r***@e***' } });
    expect(await startEmailCodeSignIn('rider@example.com')).toEqual({
      next: 'confirmSignUp',
      email: 'rider@example.com',
      destination: 'r***@e***',
    });
  });

  it.each([
    ['InvalidParameterException', 'Auth flow not enabled for this client'],
    ['InvalidParameterException', 'The local user pool does not support the USER_AUTH flow; use USER_SRP_AUTH.'],
  ])('a client without USER_AUTH (%s: %s) leaves the password', async (type, message) => {
    routes.InitiateAuth = () => fail(type, message);
    expect(await rejection(startEmailCodeSignIn('rider@example.com'))).toMatchObject({
      code: 'PasswordlessUnavailable',
      message: 'That way of signing in isn’t available right now. Please sign in with your password.',
    });
  });

  it('refuses a malformed email before any request', async () => {
    expect((await rejection(startEmailCodeSignIn('rider@'))).code).toBe('InvalidEmail');
    expect(calls).toEqual([]);
  });
});

const REQUEST_OPTIONS = {
  challenge: toBase64Url(new TextEncoder().encode('the-challenge')),
  rpId: 'localhost',
  userVerification: 'preferred',
  timeout: 180000,
  allowCredentials: [{ type: 'public-key', id: 'AQID' }],
};
const WEB_AUTHN = {
  ChallengeName: 'WEB_AUTHN',
  Session: 'session-webauthn',
  ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(REQUEST_OPTIONS), USERNAME: 'uuid-1' },
};

/** A fake authenticator's answer to navigator.credentials.get. */
const assertion = () => ({
  id: 'AQID',
  rawId: new Uint8Array([1, 2, 3]).buffer,
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
  response: {
    clientDataJSON: new TextEncoder().encode('{"type":"webauthn.get"}').buffer,
    authenticatorData: new Uint8Array([7, 7, 7]).buffer,
    signature: new Uint8Array([0xfb, 0xff]).buffer,
    userHandle: new TextEncoder().encode('uuid-1').buffer,
  },
});

function fakeCredentials(get: CredentialsContainer['get'] = async () => assertion() as unknown as Credential) {
  const container = { get: vi.fn(get), create: vi.fn<CredentialsContainer['create']>() };
  return container;
}

describe('passkey sign-in (USER_AUTH, WEB_AUTHN)', () => {
  it('runs the browser ceremony with Cognito’s options and answers with the assertion JSON', async () => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens() });
    const credentials = fakeCredentials();
    const result = await signInWithPasskey('rider@example.com', { credentials });
    expect(calls[0]!.body.AuthParameters).toEqual({ USERNAME: 'rider@example.com', PREFERRED_CHALLENGE: 'WEB_AUTHN' });

    const { publicKey } = credentials.get.mock.calls[0]![0]!;
    expect(new TextDecoder().decode(publicKey!.challenge as ArrayBuffer)).toBe('the-challenge');
    expect(publicKey).toMatchObject({ rpId: 'localhost', userVerification: 'preferred', timeout: 180000 });
    expect([...new Uint8Array(publicKey!.allowCredentials![0]!.id as ArrayBuffer)]).toEqual([1, 2, 3]);

    const answer = calls[1]!.body;
    expect(answer).toMatchObject({ ChallengeName: 'WEB_AUTHN', ClientId: CLIENT, Session: 'session-webauthn' });
    const responses = answer.ChallengeResponses as Record<string, string>;
    expect(responses.USERNAME).toBe('uuid-1');
    expect(typeof responses.CREDENTIAL).toBe('string'); // a JSON string here (an object at registration)
    expect(JSON.parse(responses.CREDENTIAL!)).toEqual({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: toBase64Url(new TextEncoder().encode('{"type":"webauthn.get"}')),
        authenticatorData: 'BwcH',
        signature: '-_8',
        userHandle: toBase64Url(new TextEncoder().encode('uuid-1')),
      },
    });
    expect(result).toMatchObject({ next: 'done', session: { sub: 'uuid-1' } });
    expect(storage.getItem(`${PREFIX}.LastAuthUser`)).toBe('uuid-1');
  });

  it('tells a rider without a passkey so, without opening the browser prompt', async () => {
    routes.InitiateAuth = () =>
      ok({
        ChallengeName: 'SELECT_CHALLENGE',
        Session: 's',
        AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
      });
    const credentials = fakeCredentials();
    expect((await rejection(signInWithPasskey('rider@example.com', { credentials }))).code).toBe('NoPasskey');
    expect(credentials.get).not.toHaveBeenCalled();
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('selects WEB_AUTHN when Cognito offers it in SELECT_CHALLENGE', async () => {
    routes.InitiateAuth = () =>
      ok({ ChallengeName: 'SELECT_CHALLENGE', Session: 's1', AvailableChallenges: ['PASSWORD', 'WEB_AUTHN'] });
    routes.RespondToAuthChallenge = [() => ok(WEB_AUTHN), () => ok({ AuthenticationResult: tokens() })];
    await signInWithPasskey('rider@example.com', { credentials: fakeCredentials() });
    expect(calls[1]!.body.ChallengeResponses).toEqual({ USERNAME: 'rider@example.com', ANSWER: 'WEB_AUTHN' });
    expect(calls[2]!.body.Session).toBe('session-webauthn');
  });

  it.each([
    ['NotAllowedError', 'PasskeyCancelled'],
    ['AbortError', 'PasskeyCancelled'],
    ['SecurityError', 'PasskeysUnavailable'],
  ])('turns the browser’s %s into %s and sends nothing', async (name, code) => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    const credentials = fakeCredentials(async () => {
      throw new DOMException('The operation either timed out or was not allowed.', name);
    });
    expect((await rejection(signInWithPasskey('rider@example.com', { credentials }))).code).toBe(code);
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('explains a refused assertion in passkey terms, not password terms', async () => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = () => fail('NotAuthorizedException', 'Incorrect username or password.');
    const error = await rejection(signInWithPasskey('rider@example.com', { credentials: fakeCredentials() }));
    expect(error).toMatchObject({ code: 'NotAuthorized', cognitoCode: 'NotAuthorizedException' });
    expect(error.message).toMatch(/^That passkey wasn’t accepted\./);
  });

  it('refuses unreadable request options without opening the prompt', async () => {
    routes.InitiateAuth = () => ok({ ...WEB_AUTHN, ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: '{nope' } });
    const credentials = fakeCredentials();
    expect((await rejection(signInWithPasskey('rider@example.com', { credentials }))).code).toBe('Unavailable');
    expect(credentials.get).not.toHaveBeenCalled();
  });

  it('replaces the tokens of a different rider who was signed in on this device', async () => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = [
      () => ok({ AuthenticationResult: tokens('uuid-0', 'other@example.com', 3600, 'refresh-0') }),
      () => ok({ AuthenticationResult: tokens() }),
    ];
    await signInWithPasskey('other@example.com', { credentials: fakeCredentials() });
    expect(stored('uuid-0', 'refreshToken')).toBe('refresh-0');
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    await signInWithPasskey('rider@example.com', { credentials: fakeCredentials() });
    expect(stored('uuid-0', 'refreshToken')).toBeNull();
    expect(storage.getItem(`${PREFIX}.LastAuthUser`)).toBe('uuid-1');
  });
});

describe('after a passwordless sign-in the library’s session works unchanged', () => {
  async function signedInByCode(lifetime = 3600) {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens('uuid-1', 'rider@example.com', lifetime) });
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    return confirmEmailCode(start.challenge, '123456');
  }

  it('currentSession restores it, authorizedFetch sends its ID token', async () => {
    const session = await signedInByCode();
    expect(await currentSession()).toEqual(session);
    const api = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', api);
    await authorizedFetch('https://api.example.com/ride');
    expect(new Headers((api.mock.calls[0] as unknown as [string, RequestInit])[1].headers).get('Authorization')).toBe(
      session.idToken,
    );
  });

  it('an expired session is refreshed with the stored refresh token', async () => {
    await signedInByCode(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    routes.InitiateAuth = () => ok({ AuthenticationResult: { ...tokens(), RefreshToken: undefined } });
    const refreshed = await currentSession();
    const refresh = calls.at(-1)!;
    expect(refresh.body).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: CLIENT,
      AuthParameters: { REFRESH_TOKEN: 'refresh-1' },
    });
    expect(refreshed?.sub).toBe('uuid-1');
    expect(refreshed!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('signOut revokes the refresh token and clears the tokens', async () => {
    await signedInByCode();
    routes.RevokeToken = () => ok({});
    expect(await signOut()).toEqual({ revoked: true });
    expect(calls.at(-1)).toEqual({ action: 'RevokeToken', body: { Token: 'refresh-1', ClientId: CLIENT } });
    expect(await currentSession()).toBeNull();
    expect([...storage.items.keys()].filter((k) => /Token$/.test(k))).toEqual([]);
  });
});

describe('passkey management with the rider’s access token', () => {
  async function signedIn() {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens() });
    await signInWithPasskey('rider@example.com', { credentials: fakeCredentials() });
    calls = [];
    return stored('uuid-1', 'accessToken')!;
  }

  it('lists every page of passkeys, oldest first, with Cognito’s epoch-second dates', async () => {
    const token = await signedIn();
    routes.ListWebAuthnCredentials = [
      () =>
        ok({
          Credentials: [
            {
              CredentialId: 'newer',
              FriendlyCredentialName: 'Roaming passkey',
              RelyingPartyId: 'localhost',
              AuthenticatorAttachment: 'cross-platform',
              AuthenticatorTransports: ['usb'],
              CreatedAt: 1736293999.5,
            },
          ],
          NextToken: 'page-2',
        }),
      () =>
        ok({
          Credentials: [
            {
              CredentialId: 'older',
              FriendlyCredentialName: 'iCloud Keychain',
              RelyingPartyId: 'localhost',
              CreatedAt: 1736293876.115,
            },
          ],
        }),
    ];
    expect(await listPasskeys()).toEqual([
      { id: 'older', name: 'iCloud Keychain', createdAt: new Date(1736293876115), attachment: null },
      { id: 'newer', name: 'Roaming passkey', createdAt: new Date(1736293999500), attachment: 'cross-platform' },
    ]);
    expect(calls.map((c) => c.body)).toEqual([
      { AccessToken: token, MaxResults: 20 },
      { AccessToken: token, MaxResults: 20, NextToken: 'page-2' },
    ]);
  });

  it('adds a passkey: Cognito’s creation options → navigator.credentials.create → the attestation as an object', async () => {
    const token = await signedIn();
    routes.StartWebAuthnRegistration = () =>
      ok({
        CredentialCreationOptions: {
          challenge: 'Y2g',
          rp: { id: 'localhost', name: 'localhost' },
          user: {
            id: toBase64Url(new TextEncoder().encode('uuid-1')),
            name: 'rider@example.com',
            displayName: 'rider@example.com',
          },
          pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
          excludeCredentials: [{ id: 'AQID', type: 'public-key' }],
          authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
          timeout: 60000,
        },
      });
    routes.CompleteWebAuthnRegistration = () => ok({});
    const credentials = fakeCredentials();
    credentials.create.mockImplementation(
      async () =>
        ({
          id: 'BAUG',
          rawId: new Uint8Array([4, 5, 6]).buffer,
          type: 'public-key',
          authenticatorAttachment: 'platform',
          getClientExtensionResults: () => ({}),
          response: {
            clientDataJSON: new Uint8Array([1]).buffer,
            attestationObject: new Uint8Array([2]).buffer,
            getTransports: () => ['internal'],
          },
        }) as unknown as Credential,
    );
    await addPasskey({ credentials });
    const { publicKey } = credentials.create.mock.calls[0]![0]!;
    expect(new TextDecoder().decode(publicKey!.challenge as ArrayBuffer)).toBe('ch');
    expect(new TextDecoder().decode(publicKey!.user.id as ArrayBuffer)).toBe('uuid-1');
    expect([...new Uint8Array(publicKey!.excludeCredentials![0]!.id as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.action)).toEqual(['StartWebAuthnRegistration', 'CompleteWebAuthnRegistration']);
    expect(calls[0]!.body).toEqual({ AccessToken: token });
    expect(calls[1]!.body).toEqual({
      AccessToken: token,
      Credential: {
        id: 'BAUG',
        rawId: 'BAUG',
        type: 'public-key',
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
        response: { clientDataJSON: 'AQ', attestationObject: 'Ag', transports: ['internal'] },
      },
    });
  });

  it.each([
    ['InvalidStateError', 'PasskeyExists'],
    ['NotAllowedError', 'PasskeyCancelled'],
  ])('a browser %s at registration is %s, and nothing is completed', async (name, code) => {
    await signedIn();
    routes.StartWebAuthnRegistration = () =>
      ok({
        CredentialCreationOptions: {
          challenge: 'Y2g',
          rp: { name: 'localhost' },
          user: { id: 'AA', name: 'r' },
          pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
        },
      });
    const credentials = fakeCredentials();
    credentials.create.mockRejectedValue(new DOMException('no', name));
    expect((await rejection(addPasskey({ credentials }))).code).toBe(code);
    expect(actions()).toEqual(['StartWebAuthnRegistration']);
  });

  it.each([
    ['WebAuthnNotEnabledException', 'PasskeysUnavailable'],
    ['WebAuthnChallengeNotFoundException', 'SessionExpired'],
    ['WebAuthnOriginNotAllowedException', 'PasskeysUnavailable'],
    ['LimitExceededException', 'LimitExceeded'],
  ])('Cognito’s %s at registration is %s', async (type, code) => {
    await signedIn();
    routes.StartWebAuthnRegistration = () => fail(type, 'refused');
    expect((await rejection(addPasskey({ credentials: fakeCredentials() }))).code).toBe(code);
  });

  it('removes a passkey, and one already gone counts as removed', async () => {
    const token = await signedIn();
    routes.DeleteWebAuthnCredential = [() => ok({}), () => fail('ResourceNotFoundException', 'not found')];
    await removePasskey('AQID');
    await removePasskey('AQID');
    expect(calls.map((c) => c.body)).toEqual([
      { AccessToken: token, CredentialId: 'AQID' },
      { AccessToken: token, CredentialId: 'AQID' },
    ]);
  });

  it('refreshes an expired access token first, and refuses when signed out', async () => {
    await signedIn();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    const fresh = tokens('uuid-1', 'rider@example.com', 3600, 'unused');
    routes.InitiateAuth = () => ok({ AuthenticationResult: { ...fresh, RefreshToken: undefined } });
    routes.ListWebAuthnCredentials = () => ok({ Credentials: [] });
    expect(await listPasskeys()).toEqual([]);
    expect(actions()).toEqual(['InitiateAuth', 'ListWebAuthnCredentials']);
    expect(calls[1]!.body.AccessToken).toBe(fresh.AccessToken);

    storage.clear();
    expect((await rejection(listPasskeys())).code).toBe('SignedOut');
  });

  it('a browser without WebAuthn cannot add one', async () => {
    await signedIn();
    vi.stubGlobal('navigator', { credentials: undefined });
    expect((await rejection(addPasskey())).code).toBe('PasskeyNotSupported');
  });
});
