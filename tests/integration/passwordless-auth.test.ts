// The site's passkey and emailed-code sign-in and passkey management (src/auth) with the REAL
// amazon-cognito-identity-js client and storage against the local user pool, started in-process on
// an ephemeral port, which verifies every passkey for real (@simplewebauthn/server). The browser's
// navigator.credentials is played by the software authenticator of tests/integration/local-cognito/,
// behind an adapter that speaks the browser's ArrayBuffer forms, so the site's own JSON ↔
// ArrayBuffer conversions are what the pool sees.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalCognito } from '../../local-cognito/index.ts';
import { addPasskey } from '../../src/auth/add-passkey.ts';
import { fromBase64Url, toBase64Url } from '../../src/auth/base64url.ts';
import {
  AuthError,
  configureAuth,
  confirmRegistration,
  currentSession,
  register,
  signIn,
  signOut,
} from '../../src/auth/index.ts';
import { listPasskeys, removePasskey } from '../../src/auth/passkeys.ts';
import { confirmEmailCode, signInWithPasskey, startEmailCodeSignIn } from '../../src/auth/passwordless.ts';
import type { CeremonyOverrides } from './local-cognito/software-authenticator.ts';
import { SoftwareAuthenticator } from './local-cognito/software-authenticator.ts';

/** Token storage the test can inspect. */
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

const ORIGIN = 'http://localhost:5173';
const PASSWORD = 'Unicorn1!';
const realNow = Date.now;
let pool: Awaited<ReturnType<typeof startLocalCognito>>;
let dataDir: string;
const storage = new MapStorage();
let counter = 0;
const newEmail = () => `passwordless${++counter}.${realNow().toString(36)}@example.com`;

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

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

const buffer = (b64url: string) => fromBase64Url(b64url);

/**
 * navigator.credentials as a browser offers it, backed by one software passkey: the options arrive
 * as ArrayBuffers (what the site made of Cognito's JSON) and go back to JSON for the authenticator;
 * its JSON answer becomes a PublicKeyCredential-shaped object again.
 */
function browserWith(authenticator: SoftwareAuthenticator, overrides: CeremonyOverrides = {}) {
  const credential = (json: ReturnType<SoftwareAuthenticator['get']> | ReturnType<SoftwareAuthenticator['create']>) => {
    const response: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(json.response)) {
      response[key] = typeof value === 'string' ? buffer(value) : value;
    }
    if ('transports' in json.response) {
      const { transports } = json.response;
      response.getTransports = () => transports;
    }
    return {
      id: json.id,
      rawId: buffer(json.rawId),
      type: json.type,
      authenticatorAttachment: json.authenticatorAttachment,
      getClientExtensionResults: () => ({}),
      response,
    } as unknown as Credential;
  };
  return {
    seen: [] as string[],
    async create(options?: CredentialCreationOptions) {
      const o = options!.publicKey!;
      this.seen.push('create');
      return credential(
        authenticator.create(
          {
            challenge: toBase64Url(o.challenge),
            rp: { ...(o.rp.id ? { id: o.rp.id } : {}), name: o.rp.name },
            user: { id: toBase64Url(o.user.id), name: o.user.name, displayName: o.user.displayName },
          },
          overrides,
        ),
      );
    },
    async get(options?: CredentialRequestOptions) {
      const o = options!.publicKey!;
      this.seen.push('get');
      const allowed = (o.allowCredentials ?? []).map((c) => toBase64Url(c.id));
      if (!allowed.includes(authenticator.id)) throw new DOMException('No matching passkey.', 'NotAllowedError');
      return credential(
        authenticator.get(
          {
            challenge: toBase64Url(o.challenge),
            ...(o.rpId ? { rpId: o.rpId } : {}),
            allowCredentials: allowed.map((id) => ({ id, type: 'public-key' })),
          },
          overrides,
        ),
      );
    },
  };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wildrydes-passwordless-'));
  // The library sends no Origin from Node, so the pool is told its relying party (as `npm run dev` derives it).
  pool = await startLocalCognito({
    dataDir,
    quiet: true,
    clock: { now: () => realNow() },
    relyingPartyId: 'localhost',
  });
  configureAuth({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.url, storage });
});

afterAll(async () => {
  await pool?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
  storage.clear();
});

describe('emailed-code sign-in against the local pool', () => {
  it('mails a code, signs in with it, and leaves a session the library restores, refreshes and signs out', async () => {
    const email = await registeredRider();
    const start = await startEmailCodeSignIn(email);
    if (start.next !== 'emailCode') throw new Error(`expected a code step, got ${start.next}`);
    expect(start.challenge.destination).toMatch(/^p\*\*\*@e\*\*\*/);

    const session = await confirmEmailCode(start.challenge, await latestCode(email));
    expect(session.email).toBe(email);
    const issuer = `${pool.url.replace(/\/$/, '')}/${pool.poolId}`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    await jwtVerify(session.idToken, jwks, { issuer, audience: pool.clientId });
    expect(storage.getItem(`CognitoIdentityServiceProvider.${pool.clientId}.LastAuthUser`)).toBe(session.sub);
    expect(await currentSession()).toEqual(session);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(realNow() + 2 * 3600_000);
    const refreshed = await currentSession();
    expect(refreshed?.email).toBe(email);
    expect(refreshed?.idToken).not.toBe(session.idToken);
    vi.useRealTimers();

    expect(await signOut()).toEqual({ revoked: true });
    expect(await currentSession()).toBeNull();
  });

  it('refuses a wrong code on the code field and still takes the right one', async () => {
    const email = await registeredRider();
    const start = await startEmailCodeSignIn(email);
    if (start.next !== 'emailCode') throw new Error('no code step');
    const code = await latestCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await rejection(confirmEmailCode(start.challenge, wrong))).toMatchObject({
      code: 'CodeMismatch',
      field: 'code',
    });
    expect((await confirmEmailCode(start.challenge, code)).email).toBe(email);
  });

  it('a new code replaces the old one', async () => {
    const email = await registeredRider();
    const first = await startEmailCodeSignIn(email);
    const firstCode = await latestCode(email);
    const second = await startEmailCodeSignIn(email);
    if (first.next !== 'emailCode' || second.next !== 'emailCode') throw new Error('no code step');
    const secondCode = await latestCode(email);
    expect((await confirmEmailCode(second.challenge, secondCode)).email).toBe(email);
    expect(firstCode).toMatch(/^\d{6}$/);
  });

  it('an unconfirmed rider can sign in with an emailed code, which confirms the address (§4.5)', async () => {
    const email = newEmail();
    await register(email, PASSWORD);
    const start = await startEmailCodeSignIn(email);
    if (start.next !== 'emailCode') throw new Error(`expected a code step, got ${start.next}`);
    expect((await confirmEmailCode(start.challenge, await latestCode(email))).email).toBe(email);
    await signOut();
    // Confirmed now: the password sign-in no longer sends them to verify.html.
    expect((await signIn(email, PASSWORD)).next).toBe('done');
  });
});

describe('passkeys against the local pool', () => {
  it('add a passkey after a password sign-in → list it → sign out → sign in with it → remove it', async () => {
    const email = await registeredRider();
    const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
    const browser = browserWith(authenticator);

    expect(await rejection(signInWithPasskey(email, { credentials: browser }))).toMatchObject({ code: 'NoPasskey' });
    expect(browser.seen).toEqual([]);

    const signedIn = await signIn(email, PASSWORD);
    expect(signedIn.next).toBe('done');
    await addPasskey({ credentials: browser });
    const [passkey, ...more] = await listPasskeys();
    expect(more).toEqual([]);
    expect(passkey).toMatchObject({ id: authenticator.id, attachment: 'platform' });
    expect(passkey!.name).toBeTruthy();
    expect(Math.abs(passkey!.createdAt!.getTime() - realNow())).toBeLessThan(60_000);
    await signOut();

    const result = await signInWithPasskey(email, { credentials: browser });
    if (result.next !== 'done') throw new Error(`expected a session, got ${result.next}`);
    expect(result.session.email).toBe(email);
    expect(await currentSession()).toEqual(result.session);

    await removePasskey(authenticator.id);
    expect(await listPasskeys()).toEqual([]);
    await signOut();
    expect(await rejection(signInWithPasskey(email, { credentials: browser }))).toMatchObject({ code: 'NoPasskey' });
  });

  it('the same device twice is refused by the browser (excludeCredentials) — here, by the pool', async () => {
    const email = await registeredRider();
    await signIn(email, PASSWORD);
    const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
    await addPasskey({ credentials: browserWith(authenticator) });
    expect((await rejection(addPasskey({ credentials: browserWith(authenticator) }))).code).toBe('PasskeyExists');
  });

  it.each([
    ['another site’s origin', { origin: 'https://evil.example' }],
    ['another relying party', { rpId: 'evil.example' }],
    ['a changed challenge', { challenge: toBase64Url(new TextEncoder().encode('not the challenge')) }],
    ['a counter that goes backwards', { counter: 0 }],
  ] as [string, CeremonyOverrides][])('a sign-in with %s is refused in passkey terms', async (_what, overrides) => {
    const email = await registeredRider();
    await signIn(email, PASSWORD);
    const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
    await addPasskey({ credentials: browserWith(authenticator) });
    await signInWithPasskey(email, { credentials: browserWith(authenticator) }); // counter 1
    await signOut();
    const error = await rejection(signInWithPasskey(email, { credentials: browserWith(authenticator, overrides) }));
    expect(error).toMatchObject({ code: 'NotAuthorized', cognitoCode: 'NotAuthorizedException' });
    expect(error.message).toMatch(/^That passkey wasn’t accepted\./);
    expect(await currentSession()).toBeNull();
  });

  it('a registration from another origin is refused with Cognito’s error', async () => {
    const email = await registeredRider();
    await signIn(email, PASSWORD);
    const browser = browserWith(new SoftwareAuthenticator({ origin: 'https://evil.example' }));
    expect((await rejection(addPasskey({ credentials: browser }))).cognitoCode).toBe(
      'WebAuthnOriginNotAllowedException',
    );
    expect(await listPasskeys()).toEqual([]);
  });

  it('a cancelled prompt sends nothing and leaves the rider signed out', async () => {
    const email = await registeredRider();
    await signIn(email, PASSWORD);
    await addPasskey({ credentials: browserWith(new SoftwareAuthenticator({ origin: ORIGIN })) });
    await signOut();
    const otherDevice = browserWith(new SoftwareAuthenticator({ origin: ORIGIN }));
    expect((await rejection(signInWithPasskey(email, { credentials: otherDevice }))).code).toBe('PasskeyCancelled');
    expect(await currentSession()).toBeNull();
  });
});
