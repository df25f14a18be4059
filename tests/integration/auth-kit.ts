// For the integration tests of src/auth with the REAL amazon-cognito-identity-js against the local
// pool started in-process on an ephemeral port: token storage the test can inspect, the mailbox,
// a registered and confirmed rider, and a clock the test moves (TOTP codes live on it).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { startLocalCognito } from '../../local-cognito/index.ts';
import {
  AuthError,
  configureAuth,
  confirmRegistration,
  confirmTotpSetup,
  register,
  signIn,
  signOut,
  startTotpSetup,
} from '../../src/auth/index.ts';

/** Token storage the test can inspect (the library's own is a hidden static in Node). */
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

export const PASSWORD = 'Unicorn1!';

export interface AuthTestPool {
  pool: Awaited<ReturnType<typeof startLocalCognito>>;
  storage: MapStorage;
  sdk: CognitoIdentityProviderClient;
  /** The pool's clock: wall time plus what the test added (advance) — TOTP steps are 30 s. */
  clock: { now(): number; advance(ms: number): void };
  newEmail(): string;
  latestCode(email: string): Promise<string>;
  registeredRider(): Promise<string>;
  close(): Promise<void>;
}

export async function startAuthTestPool(label: string): Promise<AuthTestPool> {
  const dataDir = await mkdtemp(join(tmpdir(), `wildrydes-${label}-`));
  let offset = 0;
  const realNow = Date.now;
  const clock = {
    now: () => realNow() + offset,
    advance: (ms: number): void => {
      offset += ms;
    },
  };
  const pool = await startLocalCognito({ dataDir, quiet: true, clock });
  const storage = new MapStorage();
  configureAuth({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.url, storage });
  const sdk = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: pool.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let counter = 0;
  const newEmail = () => `rider${++counter}.${realNow().toString(36)}@example.com`;
  const latestCode = async (email: string): Promise<string> => {
    const res = await fetch(`${pool.url}mailbox.json?to=${encodeURIComponent(email)}`);
    const { messages } = (await res.json()) as { messages: { code: string; to: string }[] };
    expect(messages[0]?.to).toBe(email);
    return messages[0]!.code;
  };
  return {
    pool,
    storage,
    sdk,
    clock,
    newEmail,
    latestCode,
    async registeredRider() {
      const email = newEmail();
      await register(email, PASSWORD);
      await confirmRegistration(email, await latestCode(email));
      return email;
    },
    async close() {
      sdk.destroy();
      await pool.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The AuthError a promise rejects with (the test fails if it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

const STEP = 30_000;

const totp = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

/** The app's code one step after the last one used: the pool's clock moves on by 30 s first. */
export function appCode(t: AuthTestPool, secret: string): string {
  t.clock.advance(STEP);
  return totp(secret).generate({ timestamp: t.clock.now() });
}

/** A 6-digit code the pool must refuse now: none of the codes of the accepted steps (−1, 0, +1). */
export function refusedCode(t: AuthTestPool, secret: string): string {
  const accepted = new Set([-1, 0, 1].map((k) => totp(secret).generate({ timestamp: t.clock.now() + k * STEP })));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!accepted.has(code)) return code;
  }
}

/** A registered rider who set up an authenticator app on the account page, then signed out. */
export async function signedOutRiderWithTotp(t: AuthTestPool): Promise<{ email: string; secret: string }> {
  const email = await t.registeredRider();
  expect((await signIn(email, PASSWORD)).next).toBe('done');
  const { secret } = await startTotpSetup();
  await confirmTotpSetup(appCode(t, secret));
  await signOut();
  return { email, secret };
}
