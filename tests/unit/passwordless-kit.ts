// A Cognito endpoint stubbed at the HTTP level (fetch) for the passwordless auth tests, with the
// REAL library doing storage, refresh and sign-out; and a fake navigator.credentials. The bindings
// below are live: each test starts with empty routes and calls and a fresh storage.
import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { toBase64Url } from '../../src/auth/base64url.ts';
import { AuthError, configureAuth } from '../../src/auth/index.ts';

export const CLIENT = 'testclient';
export const PREFIX = `CognitoIdentityServiceProvider.${CLIENT}`;

export class MapStorage implements ICognitoStorage {
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

export type Reply = { status: number; body: unknown };
export type Route = (body: Record<string, unknown>) => Reply;
export let routes: Record<string, Route | Route[]>;
export let calls: { action: string; body: Record<string, unknown> }[];
export let storage: MapStorage;

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const fail = (type: string, message: string): Reply => ({ status: 400, body: { __type: type, message } });
const b64url = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
export const jwt = (claims: Record<string, unknown>) => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`;
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Tokens as Cognito issues them for the pool user `username` (the pool's UUID). */
export function tokens(username = 'uuid-1', email = 'rider@example.com', lifetime = 3600, refresh = 'refresh-1') {
  const iat = nowSeconds();
  return {
    IdToken: jwt({ sub: username, email, 'cognito:username': username, token_use: 'id', iat, exp: iat + lifetime }),
    AccessToken: jwt({ sub: username, username, token_use: 'access', origin_jti: 'o', iat, exp: iat + lifetime }),
    RefreshToken: refresh,
    ExpiresIn: lifetime,
    TokenType: 'Bearer',
  };
}

export const stored = (username: string, what: string) => storage.getItem(`${PREFIX}.${username}.${what}`);
export const actions = () => calls.map((c) => c.action);

export async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

/** Installs the stub around every test of the calling file. */
export function useCognitoStub(): void {
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
}

export const EMAIL_OTP = {
  ChallengeName: 'EMAIL_OTP',
  Session: 'session-otp',
  ChallengeParameters: {
    CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
    CODE_DELIVERY_DESTINATION: 'r***@e***',
    USERNAME: 'uuid-1',
  },
};

export const REQUEST_OPTIONS = {
  challenge: toBase64Url(new TextEncoder().encode('the-challenge')),
  rpId: 'localhost',
  userVerification: 'preferred',
  timeout: 180000,
  allowCredentials: [{ type: 'public-key', id: 'AQID' }],
};
export const WEB_AUTHN = {
  ChallengeName: 'WEB_AUTHN',
  Session: 'session-webauthn',
  ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(REQUEST_OPTIONS), USERNAME: 'uuid-1' },
};

/** A fake authenticator's answer to navigator.credentials.get. */
export const assertion = () => ({
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

export function fakeCredentials(get: CredentialsContainer['get'] = async () => assertion() as unknown as Credential) {
  const container = { get: vi.fn(get), create: vi.fn<CredentialsContainer['create']>() };
  return container;
}
