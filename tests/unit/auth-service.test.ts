// The auth service's own logic with the real library, stubbed only at the HTTP level (fetch).

import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuthError,
  authorizedFetch,
  configureAuth,
  confirmForgotPassword,
  confirmRegistration,
  currentSession,
  forgotPassword,
  register,
  signIn,
  signOut,
} from '../../src/auth/index.ts';

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

type Reply = { status: number; body: unknown } | 'offline';
type Route = (body: Record<string, unknown>) => Reply;
let routes: Record<string, Route>;
let calls: { action: string; body: Record<string, unknown> }[];
let storage: MapStorage;

const fail = (type: string, message: string): Reply => ({ status: 400, body: { __type: type, message } });
const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Puts a signed-in rider's tokens where the library keeps them. */
function seedSession(expiresIn = 3600) {
  const iat = nowSeconds();
  const exp = iat + expiresIn;
  storage.setItem(`${PREFIX}.LastAuthUser`, 'sub-1');
  storage.setItem(
    `${PREFIX}.sub-1.idToken`,
    jwt({ sub: 'sub-1', email: 'rider@example.com', token_use: 'id', iat, exp }),
  );
  storage.setItem(
    `${PREFIX}.sub-1.accessToken`,
    jwt({ sub: 'sub-1', username: 'sub-1', token_use: 'access', origin_jti: 'o-1', iat, exp }),
  );
  storage.setItem(`${PREFIX}.sub-1.refreshToken`, 'refresh-token-1');
  storage.setItem(`${PREFIX}.sub-1.clockDrift`, '0');
  return { exp };
}

const tokenKeys = () => [...storage.items.keys()].filter((key) => /Token$/.test(key));

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

/** Runs a call whose library path retries with backoff (REFRESH_TOKEN_AUTH, RevokeToken). */
async function withRetries<T>(promise: Promise<T>): Promise<T> {
  const settled = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  const result = await settled;
  if ('error' in result) throw result.error;
  return result.value;
}

beforeEach(() => {
  routes = {};
  calls = [];
  storage = new MapStorage();
  configureAuth({ userPoolId: 'us-east-1_TestPool', clientId: CLIENT, endpoint: 'https://cognito.test/', storage });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const action = String((init.headers as Record<string, string>)['X-Amz-Target'])
        .split('.')
        .pop()!;
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      calls.push({ action, body });
      const reply = routes[action]?.(body) ?? fail('InternalErrorException', `no route for ${action}`);
      if (reply === 'offline') throw new TypeError('Failed to fetch');
      expect(url).toBe('https://cognito.test/');
      return new Response(JSON.stringify(reply.body), { status: reply.status });
    }),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('input checks happen before any request', () => {
  it.each([
    ['register: bad email', () => register('rider@', 'Unicorn1!'), 'InvalidEmail'],
    ['register: weak password', () => register('rider@example.com', 'unicorn'), 'InvalidPassword'],
    ['confirm: short code', () => confirmRegistration('rider@example.com', '12345'), 'InvalidCode'],
    ['sign-in: empty password', () => signIn('rider@example.com', ''), 'InvalidPassword'],
    ['sign-in: empty email', () => signIn('  ', 'x'), 'InvalidEmail'],
    ['forgot: bad email', () => forgotPassword('nope'), 'InvalidEmail'],
    ['reset: weak password', () => confirmForgotPassword('rider@example.com', '123456', 'short1!'), 'InvalidPassword'],
  ] as const)('%s', async (_name, run, code) => {
    expect((await rejection(run())).code).toBe(code);
    expect(calls).toEqual([]);
  });

  it('sends the normalized email and code', async () => {
    routes.SignUp = () => ({
      status: 200,
      body: { UserConfirmed: false, UserSub: 's', CodeDeliveryDetails: { Destination: 'r***@e***' } },
    });
    routes.ConfirmSignUp = () => ({ status: 200, body: {} });
    expect(await register(' Rider@Example.COM ', 'Unicorn1!')).toEqual({ destination: 'r***@e***', confirmed: false });
    await confirmRegistration('RIDER@example.com', '123 456');
    expect(calls.map((c) => [c.action, c.body.Username, c.body.ConfirmationCode])).toEqual([
      ['SignUp', 'rider@example.com', undefined],
      ['ConfirmSignUp', 'rider@example.com', '123456'],
    ]);
    expect(calls[0]!.body.UserAttributes).toEqual([{ Name: 'email', Value: 'rider@example.com' }]);
  });
});

describe('signIn', () => {
  it('uses SRP and turns UserNotConfirmed into a fresh code and the confirm step', async () => {
    routes.InitiateAuth = () => fail('UserNotConfirmedException', 'User is not confirmed.');
    routes.ResendConfirmationCode = () => ({
      status: 200,
      body: { CodeDeliveryDetails: { Destination: 'r***@e***' } },
    });
    expect(await signIn('rider@example.com', 'whatever')).toEqual({
      next: 'confirmSignUp',
      email: 'rider@example.com',
      destination: 'r***@e***',
    });
    expect(calls[0]!.body.AuthFlow).toBe('USER_SRP_AUTH');
    expect(calls.map((c) => c.action)).toEqual(['InitiateAuth', 'ResendConfirmationCode']);
  });

  it('still reports the confirm step when resending the code fails', async () => {
    routes.InitiateAuth = () => fail('UserNotConfirmedException', 'User is not confirmed.');
    routes.ResendConfirmationCode = () =>
      fail('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    expect(await signIn('rider@example.com', 'x')).toEqual({
      next: 'confirmSignUp',
      email: 'rider@example.com',
      destination: null,
    });
  });

  it('maps the lockout message', async () => {
    routes.InitiateAuth = () => fail('NotAuthorizedException', 'Password attempts exceeded');
    expect((await rejection(signIn('rider@example.com', 'x'))).code).toBe('PasswordAttemptsExceeded');
  });

  it('reports a network failure', async () => {
    routes.InitiateAuth = () => 'offline';
    const error = await rejection(signIn('rider@example.com', 'x'));
    expect(error).toMatchObject({ code: 'Network', cognitoCode: 'NetworkError' });
  });

  it('forgets the tokens of a different rider who was signed in on this device', async () => {
    seedSession();
    const iat = nowSeconds();
    const id2 = jwt({ sub: 'sub-2', email: 'other@example.com', token_use: 'id', iat, exp: iat + 3600 });
    const access2 = jwt({
      sub: 'sub-2',
      username: 'sub-2',
      token_use: 'access',
      origin_jti: 'o-2',
      iat,
      exp: iat + 3600,
    });
    routes.InitiateAuth = () => ({
      status: 200,
      body: {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: {
          SALT: 'abcd',
          SECRET_BLOCK: 'AAAA',
          SRP_B: 'ff',
          USERNAME: 'sub-2',
          USER_ID_FOR_SRP: 'sub-2',
        },
      },
    });
    routes.RespondToAuthChallenge = () => ({
      status: 200,
      body: {
        AuthenticationResult: {
          IdToken: id2,
          AccessToken: access2,
          RefreshToken: 'refresh-token-2',
          ExpiresIn: 3600,
          TokenType: 'Bearer',
        },
        ChallengeParameters: {},
      },
    });
    const result = await signIn('other@example.com', 'Unicorn1!');
    expect(result).toMatchObject({ next: 'done', session: { email: 'other@example.com', sub: 'sub-2' } });
    // Rider 1's refresh token must not stay behind in storage, orphaned, for anyone at this device.
    expect(tokenKeys().sort()).toEqual([
      `${PREFIX}.sub-2.accessToken`,
      `${PREFIX}.sub-2.idToken`,
      `${PREFIX}.sub-2.refreshToken`,
    ]);
    expect(storage.getItem(`${PREFIX}.LastAuthUser`)).toBe('sub-2');
    expect((await currentSession())?.sub).toBe('sub-2');
  });

  it('keeps the signed-in rider when signing in as someone else fails', async () => {
    seedSession();
    routes.InitiateAuth = () => fail('NotAuthorizedException', 'Incorrect username or password.');
    expect((await rejection(signIn('other@example.com', 'Wrong1!x'))).code).toBe('NotAuthorized');
    expect(tokenKeys()).toHaveLength(3);
    expect((await currentSession())?.sub).toBe('sub-1');
  });

  it('refuses challenges the site does not support (MFA) with a clear error', async () => {
    routes.InitiateAuth = () => ({
      status: 200,
      body: {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: {
          SALT: 'abcd',
          SECRET_BLOCK: 'AAAA',
          SRP_B: 'ff',
          USERNAME: 'sub-1',
          USER_ID_FOR_SRP: 'sub-1',
        },
      },
    });
    routes.RespondToAuthChallenge = () => ({
      status: 200,
      body: { ChallengeName: 'SMS_MFA', ChallengeParameters: {}, Session: 's' },
    });
    const error = await rejection(signIn('rider@example.com', 'Unicorn1!'));
    expect(error.code).toBe('Unsupported');
    expect(calls.map((c) => c.action)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  });
});

describe('sessions', () => {
  it('is signed out with nothing stored, without a request', async () => {
    expect(await currentSession()).toBeNull();
    expect(calls).toEqual([]);
  });

  it('restores a stored, unexpired session without a request', async () => {
    const { exp } = seedSession();
    expect(await currentSession()).toEqual({
      email: 'rider@example.com',
      sub: 'sub-1',
      idToken: storage.getItem(`${PREFIX}.sub-1.idToken`),
      expiresAt: new Date(exp * 1000),
    });
    expect(calls).toEqual([]);
  });

  it('refreshes expired tokens with the refresh token', async () => {
    seedSession(-60);
    const fresh = jwt({ sub: 'sub-1', email: 'rider@example.com', iat: nowSeconds(), exp: nowSeconds() + 3600 });
    routes.InitiateAuth = () => ({
      status: 200,
      body: { AuthenticationResult: { IdToken: fresh, AccessToken: fresh, ExpiresIn: 3600 } },
    });
    expect((await currentSession())?.idToken).toBe(fresh);
    expect(calls[0]!.body).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'refresh-token-1' },
    });
    expect(storage.getItem(`${PREFIX}.sub-1.refreshToken`)).toBe('refresh-token-1');
  });

  it('is signed out at once (one request, no back-off) when the refresh token was revoked', async () => {
    seedSession(-60);
    routes.InitiateAuth = () => fail('NotAuthorizedException', 'Refresh Token has been revoked');
    expect(await currentSession()).toBeNull();
    expect(calls.map((c) => c.action)).toEqual(['InitiateAuth']);
    expect(tokenKeys()).toEqual([]);
  });

  it('retries a refresh that hit a transient fault, then succeeds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    seedSession(-60);
    const fresh = jwt({
      sub: 'sub-1',
      email: 'rider@example.com',
      token_use: 'id',
      iat: nowSeconds(),
      exp: nowSeconds() + 3600,
    });
    const access = jwt({
      sub: 'sub-1',
      username: 'sub-1',
      token_use: 'access',
      iat: nowSeconds(),
      exp: nowSeconds() + 3600,
    });
    let n = 0;
    routes.InitiateAuth = () =>
      ++n === 1
        ? 'offline'
        : n === 2
          ? { status: 500, body: { __type: 'InternalErrorException', message: 'boom' } }
          : {
              status: 200,
              body: {
                AuthenticationResult: { IdToken: fresh, AccessToken: access, ExpiresIn: 3600, TokenType: 'Bearer' },
              },
            };
    expect((await withRetries(currentSession()))?.idToken).toBe(fresh);
    expect(calls.map((c) => c.action)).toEqual(['InitiateAuth', 'InitiateAuth', 'InitiateAuth']);
  });

  it('throws Network (keeping the tokens) when the refresh cannot reach Cognito', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    seedSession(-60);
    routes.InitiateAuth = () => 'offline';
    const error = await withRetries(currentSession()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'Network' });
    expect(tokenKeys()).toHaveLength(3);
  });

  it("authorizedFetch adds the ID token and keeps a Request's own headers", async () => {
    seedSession();
    const seen: Headers[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(new Headers(init?.headers));
        return new Response('ok');
      }),
    );
    await authorizedFetch(new Request('https://api.test/rides', { headers: { 'X-Trace': 't' } }));
    expect(seen[0]!.get('authorization')).toBe(storage.getItem(`${PREFIX}.sub-1.idToken`));
    expect(seen[0]!.get('x-trace')).toBe('t');
  });
});

describe('signOut', () => {
  it('revokes the refresh token and clears the stored tokens', async () => {
    seedSession();
    routes.RevokeToken = () => ({ status: 200, body: {} });
    expect(await signOut()).toEqual({ revoked: true });
    expect(calls).toEqual([{ action: 'RevokeToken', body: { Token: 'refresh-token-1', ClientId: CLIENT } }]);
    expect(tokenKeys()).toEqual([]);
  });

  it('clears the stored tokens even when Cognito cannot be reached', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    seedSession();
    routes.RevokeToken = () => 'offline';
    expect(await withRetries(signOut())).toEqual({ revoked: false });
    expect(tokenKeys()).toEqual([]);
    // Offline is transient: retried on the library's schedule (100·2^n ms + jitter, < 5 s), then given up.
    expect(calls.filter((c) => c.action === 'RevokeToken')).toHaveLength(6);
  });

  it('signs out globally with the access token, clearing storage even on failure', async () => {
    seedSession();
    const accessToken = storage.getItem(`${PREFIX}.sub-1.accessToken`);
    routes.GlobalSignOut = () => ({ status: 200, body: {} });
    expect(await signOut({ global: true })).toEqual({ revoked: true });
    expect(calls).toEqual([{ action: 'GlobalSignOut', body: { AccessToken: accessToken } }]);
    expect(tokenKeys()).toEqual([]);

    seedSession();
    routes.GlobalSignOut = () => 'offline';
    expect(await signOut({ global: true })).toEqual({ revoked: false });
    expect(tokenKeys()).toEqual([]);
  });

  it('has nothing to do when signed out', async () => {
    expect(await signOut()).toEqual({ revoked: true });
    expect(calls).toEqual([]);
  });
});
