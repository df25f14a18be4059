// Shared helpers for the rider-flow and limit tests: a local pool on an ephemeral port in a fresh
// temp data dir, the REAL amazon-cognito-identity-js pointed at it, promisified library calls,
// a raw JSON 1.1 `call`, and the mailbox (both from pool-kit.ts). Nothing here mocks the library or the pool.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
  type ISignUpResult,
} from 'amazon-cognito-identity-js';
import { expect } from 'vitest';
import type { RunningLocalCognito } from '../../../local-cognito/index.ts';
import { type FakeClock, startLocalCognito } from '../../../local-cognito/index.ts';
import { latestCode as latestCodeAt, type MailItem, mailTo, call as wireCall } from './pool-kit.ts';

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** What the library hands to an error callback: an Error with the service's code. */
export interface LibraryError extends Error {
  code: string;
}

/** One password is enough for most riders; it satisfies the default policy. */
export const PASSWORD = 'Rider-Pass-1';

/** Each library instance gets its own storage, so tests cannot see each other's cached tokens. */
class MapStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

let counter = 0;
/** A fresh, unique rider email (local part starts with "r", domain "example.com"). */
export const newEmail = (tag = 'rider'): string =>
  `r-${tag}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}@example.com`;

export type AuthOutcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'newPasswordRequired'; userAttributes: Record<string, string>; requiredAttributes: string[] };

export interface Harness {
  running: RunningLocalCognito;
  /** Base URL with trailing slash (the endpoint for any Cognito client). */
  url: string;
  poolId: string;
  clientId: string;
  /** `iss` of the pool's tokens: base URL without trailing slash + `/<poolId>`. */
  issuer: string;
  /** Every console line the pool printed. */
  logs: string[];
  /** The library's user pool, pointed at the local endpoint. */
  userPool: CognitoUserPool;
  clock: FakeClock | undefined;
  close(): Promise<void>;
  /** A raw JSON 1.1 call, as any Cognito client sends it. */
  call(action: string, body: unknown): Promise<RawResponse>;
  mailbox(email: string): Promise<MailItem[]>;
  /** The newest code (or temporary password) sent to this address. */
  latestCode(email: string): Promise<string>;
  cognitoUser(email: string): CognitoUser;
  signUp(email: string, password?: string): Promise<ISignUpResult>;
  confirm(email: string, code: string): Promise<unknown>;
  /** SignUp + ConfirmSignUp over raw calls (cheap): a CONFIRMED rider. */
  registerConfirmed(email: string, password?: string): Promise<string>;
  /** SRP sign-in with the real client; resolves with the user and what the library reported. */
  authenticate(email: string, password: string): Promise<{ user: CognitoUser; outcome: AuthOutcome }>;
  /** SRP sign-in that must succeed with tokens. */
  signIn(email: string, password?: string): Promise<{ user: CognitoUser; session: CognitoUserSession }>;
}

export async function startHarness(options: { clock?: FakeClock } = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'local-cognito-it-'));
  const logs: string[] = [];
  const running = await startLocalCognito({
    dataDir,
    port: 0,
    ...(options.clock ? { clock: options.clock } : {}),
    log: (line) => logs.push(line),
  });
  const { url, poolId, clientId } = running;
  const storage = new MapStorage();
  const userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url, Storage: storage });

  const call = async (action: string, body: unknown): Promise<RawResponse> => {
    const res = await wireCall(url, action, body);
    return { status: res.status, headers: res.headers, body: res.json ?? {} };
  };
  const mailbox = (email: string): Promise<MailItem[]> => mailTo(url, email);
  const latestCode = (email: string): Promise<string> => latestCodeAt(url, email);

  const cognitoUser = (email: string): CognitoUser =>
    new CognitoUser({ Username: email, Pool: userPool, Storage: storage });

  const signUp = (email: string, password = PASSWORD): Promise<ISignUpResult> =>
    new Promise((resolve, reject) => {
      userPool.signUp(
        email,
        password,
        [new CognitoUserAttribute({ Name: 'email', Value: email })],
        [],
        (err, result) => (err || !result ? reject(err ?? new Error('no result')) : resolve(result)),
      );
    });

  const confirm = (email: string, code: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      cognitoUser(email).confirmRegistration(code, true, (err: unknown, result: unknown) =>
        err ? reject(err) : resolve(result),
      );
    });

  const registerConfirmed = async (email: string, password = PASSWORD): Promise<string> => {
    const up = await call('SignUp', { ClientId: clientId, Username: email, Password: password });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const code = await latestCode(email);
    const confirmed = await call('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    return up.body.UserSub as string;
  };

  const authenticate = (email: string, password: string): Promise<{ user: CognitoUser; outcome: AuthOutcome }> =>
    new Promise((resolve, reject) => {
      const user = cognitoUser(email);
      user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
        onSuccess: (session) => resolve({ user, outcome: { kind: 'success', session } }),
        onFailure: reject,
        newPasswordRequired: (userAttributes: Record<string, string>, requiredAttributes: string[]) =>
          resolve({ user, outcome: { kind: 'newPasswordRequired', userAttributes, requiredAttributes } }),
      });
    });

  const signIn = async (
    email: string,
    password = PASSWORD,
  ): Promise<{ user: CognitoUser; session: CognitoUserSession }> => {
    const { user, outcome } = await authenticate(email, password);
    if (outcome.kind !== 'success') throw new Error(`expected tokens, got ${outcome.kind}`);
    return { user, session: outcome.session };
  };

  return {
    running,
    url,
    poolId,
    clientId,
    issuer: `${url.replace(/\/$/, '')}/${poolId}`,
    logs,
    userPool,
    clock: options.clock,
    close: async () => {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    call,
    mailbox,
    latestCode,
    cognitoUser,
    signUp,
    confirm,
    registerConfirmed,
    authenticate,
    signIn,
  };
}

/** Turns a library call taking a Node-style callback into a promise. */
export function nodeCall<T>(fn: (cb: (err: unknown, result?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, result) => (err ? reject(err) : resolve(result as T)));
  });
}

/** The library's rejection carries the service's `__type` as `code` and its message verbatim. */
export async function expectLibraryError(promise: Promise<unknown>, code: string, message: string): Promise<void> {
  const err = (await promise.then(
    () => {
      throw new Error(`expected ${code}: ${message}, but the call succeeded`);
    },
    (e: unknown) => e,
  )) as LibraryError;
  expect({ code: err.code, message: err.message }).toEqual({ code, message });
}

/** A Cognito error over the wire: HTTP 400, `__type` and `message` in the body, the error-type header. */
export function expectRawError(res: RawResponse, code: string, message: string): void {
  expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { __type: code, message } });
  expect(res.headers.get('x-amzn-errortype')).toBe(`${code}:`);
  expect(res.headers.get('x-amzn-errormessage')).toBe(message.replace(/[^\x20-\x7e]/g, ' '));
  expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
