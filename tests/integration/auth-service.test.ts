// The rider auth service (src/auth) with the REAL amazon-cognito-identity-js against the local
// user pool, started in-process on an ephemeral port. No mocks on this path.

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalCognito } from '../../local-cognito/index.ts';
import {
  AuthError,
  authorizedFetch,
  completeNewPassword,
  configureAuth,
  confirmForgotPassword,
  confirmRegistration,
  currentSession,
  forgotPassword,
  getIdToken,
  register,
  resendConfirmationCode,
  signIn,
  signOut,
} from '../../src/auth/index.ts';

/** Token storage the test can inspect (the library's own is a hidden static in Node). */
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

const realNow = Date.now;
const PASSWORD = 'Unicorn1!';
let pool: Awaited<ReturnType<typeof startLocalCognito>>;
let dataDir: string;
let sdk: CognitoIdentityProviderClient;
const storage = new MapStorage();
let counter = 0;
const newEmail = () => `rider${++counter}.${realNow().toString(36)}@example.com`;

async function latestCode(email: string): Promise<string> {
  const res = await fetch(`${pool.url}mailbox.json?to=${encodeURIComponent(email)}`);
  const { messages } = (await res.json()) as { messages: { code: string; to: string }[] };
  expect(messages[0]?.to).toBe(email);
  return messages[0]!.code;
}

async function registeredRider(): Promise<string> {
  const email = newEmail();
  await register(email, PASSWORD);
  await confirmRegistration(email, await latestCode(email));
  return email;
}

const stored = (suffix: string): string | null => {
  const prefix = `CognitoIdentityServiceProvider.${pool.clientId}`;
  const user = storage.getItem(`${prefix}.LastAuthUser`);
  return user ? storage.getItem(`${prefix}.${user}.${suffix}`) : null;
};

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wildrydes-auth-'));
  pool = await startLocalCognito({ dataDir, quiet: true, clock: { now: () => realNow() } });
  configureAuth({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.url, storage });
  sdk = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: pool.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  sdk?.destroy();
  await pool?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
  storage.clear();
});

describe('auth service against the local pool', () => {
  it('register → emailed code → confirm → SRP sign-in → verified ID token → restore → refresh after expiry', async () => {
    const email = newEmail();
    const registered = await register(` ${email.toUpperCase()} `, PASSWORD);
    expect(registered.confirmed).toBe(false);
    expect(registered.destination).toMatch(/^r\*\*\*@e\*\*\*/);

    await confirmRegistration(email, ` ${await latestCode(email)} `);

    const result = await signIn(email, PASSWORD);
    if (result.next !== 'done') throw new Error(`expected a session, got ${result.next}`);
    const { session } = result;
    expect(session.email).toBe(email);
    expect(session.expiresAt.getTime()).toBeGreaterThan(realNow());

    const issuer = `${pool.url.replace(/\/$/, '')}/${pool.poolId}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(session.idToken, jwks, { issuer, audience: pool.clientId });
    expect(payload).toMatchObject({ token_use: 'id', email, email_verified: true, sub: session.sub });
    // Tokens are cached under the internal username (the sub), as with real Cognito.
    expect(storage.getItem(`CognitoIdentityServiceProvider.${pool.clientId}.LastAuthUser`)).toBe(session.sub);

    expect(await currentSession()).toEqual(session);
    expect(await getIdToken()).toBe(session.idToken);

    // Two hours later (client clock) the ID/access tokens have expired: the refresh token renews them.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(realNow() + 2 * 3600_000);
    const refreshed = await currentSession();
    expect(refreshed).not.toBeNull();
    expect(refreshed!.email).toBe(email);
    expect(refreshed!.idToken).not.toBe(session.idToken);
    await jwtVerify(refreshed!.idToken, jwks, { issuer, audience: pool.clientId, currentDate: new Date(realNow()) });
    expect(stored('idToken')).toBe(refreshed!.idToken);
  });

  it('authorizedFetch sends the current ID token as the Authorization header, keeping other headers', async () => {
    const email = await registeredRider();
    await signIn(email, PASSWORD);
    const seen: { authorization?: string; trace?: string; method?: string }[] = [];
    const api = createServer((req, res) => {
      seen.push({
        authorization: req.headers.authorization,
        trace: req.headers['x-trace'] as string,
        method: req.method,
      });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = api.address() as AddressInfo;
      const res = await authorizedFetch(`http://127.0.0.1:${port}/ride`, {
        method: 'POST',
        headers: { 'X-Trace': 't1' },
      });
      expect(await res.json()).toEqual({ ok: true });
      expect(seen).toEqual([{ authorization: await getIdToken(), trace: 't1', method: 'POST' }]);
    } finally {
      await new Promise<void>((resolve) => api.close(() => resolve()));
    }
  });

  it('authorizedFetch refuses to run signed out', async () => {
    expect((await rejection(authorizedFetch('http://127.0.0.1:9/never'))).code).toBe('SignedOut');
  });

  it('signOut revokes the refresh token and clears local storage', async () => {
    const email = await registeredRider();
    await signIn(email, PASSWORD);
    const refreshToken = stored('refreshToken')!;
    const accessToken = stored('accessToken')!;
    expect(refreshToken).toBeTruthy();

    expect(await signOut()).toEqual({ revoked: true });
    expect([...storage.items.keys()].filter((k) => /Token$/.test(k))).toEqual([]);
    expect(await currentSession()).toBeNull();

    const refresh = sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: pool.clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    await expect(refresh).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('signOut({ global: true }) signs out every session of the rider', async () => {
    const email = await registeredRider();
    await signIn(email, PASSWORD);
    const accessToken = stored('accessToken')!;
    expect(await signOut({ global: true })).toEqual({ revoked: true });
    expect(stored('accessToken')).toBeNull();
    await expect(sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('forgot password → emailed code → new password works, the old one does not', async () => {
    const email = await registeredRider();
    const sent = await forgotPassword(email);
    expect(sent.destination).toMatch(/\*\*\*/);
    await confirmForgotPassword(email, await latestCode(email), 'BrandNew2?');
    expect((await signIn(email, 'BrandNew2?')).next).toBe('done');
    await signOut();
    const wrong = await rejection(signIn(email, PASSWORD));
    expect(wrong.code).toBe('NotAuthorized');
  });

  it('a wrong password and an unknown email get the same rider message', async () => {
    const email = await registeredRider();
    const wrong = await rejection(signIn(email, 'Wrong-pass1'));
    const unknown = await rejection(signIn(newEmail(), 'Wrong-pass1'));
    expect(wrong).toMatchObject({ code: 'NotAuthorized', field: 'password', cognitoCode: 'NotAuthorizedException' });
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.message).toBe(
      'That email and password don’t match. Check both and try again, or reset your password.',
    );
  });

  it('an unconfirmed rider signing in gets a fresh code and the confirm step', async () => {
    const email = newEmail();
    await register(email, PASSWORD);
    const firstCode = await latestCode(email);
    const result = await signIn(email, PASSWORD);
    expect(result).toEqual({ next: 'confirmSignUp', email, destination: expect.stringMatching(/\*\*\*/) });
    const freshCode = await latestCode(email);
    const res = await fetch(`${pool.url}mailbox.json?to=${encodeURIComponent(email)}`);
    expect(((await res.json()) as { messages: unknown[] }).messages).toHaveLength(2);
    expect(freshCode).toMatch(/^\d{6}$/);
    expect(firstCode).toMatch(/^\d{6}$/);
    await confirmRegistration(email, freshCode);
    expect((await signIn(email, PASSWORD)).next).toBe('done');
  });

  it('maps code errors and repeated confirmation', async () => {
    const email = newEmail();
    await register(email, PASSWORD);
    const code = await latestCode(email);
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect((await rejection(confirmRegistration(email, wrongCode))).code).toBe('CodeMismatch');
    await confirmRegistration(email, code);
    expect((await rejection(confirmRegistration(email, code))).code).toBe('AlreadyConfirmed');
    expect((await rejection(resendConfirmationCode(email))).code).toBe('AlreadyConfirmed');
    expect((await rejection(register(email, PASSWORD))).code).toBe('UsernameExists');
  });

  it('NEW_PASSWORD_REQUIRED for a rider an operator created', async () => {
    const email = newEmail();
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: email,
        TemporaryPassword: 'TempPass1!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    const result = await signIn(email, 'TempPass1!');
    if (result.next !== 'newPassword') throw new Error(`expected the new-password step, got ${result.next}`);
    expect(result.challenge.email).toBe(email);

    expect((await rejection(completeNewPassword(result.challenge, 'weak'))).code).toBe('InvalidPassword');
    const session = await completeNewPassword(result.challenge, 'MyOwnPass1!');
    if ('next' in session) throw new Error(`expected a session, got the ${session.next} step`);
    expect(session.email).toBe(email);
    expect(await currentSession()).toEqual(session);
    await signOut();
    expect((await signIn(email, 'MyOwnPass1!')).next).toBe('done');
  });
});
