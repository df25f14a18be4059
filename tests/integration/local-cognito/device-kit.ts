// Shared by the device tests: the REAL amazon-cognito-identity-js signing in with its own storage
// (where it keeps the device key, group key and random password), a record of the actions and
// challenges it sends, and its promisified device calls. Nothing here mocks the library or the pool.

import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { createVerifier, padHex } from '../../../local-cognito/srp.ts';
import { fixedBytes } from '../srp-inputs.ts';
import { TARGET } from './pool-kit.ts';

export class MapStorage implements ICognitoStorage {
  readonly items = new Map<string, string>();
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

/**
 * Every Cognito request made through `fetch` while recording, as `Action` or
 * `RespondToAuthChallenge:<ChallengeName>`: what the library actually sent.
 */
export function recordRequests(): { take(): string[]; stop(): void } {
  const seen: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const target = new Headers(init?.headers).get('x-amz-target');
    if (target?.startsWith(TARGET)) {
      let challenge = '';
      try {
        const body = JSON.parse(String(init?.body)) as { ChallengeName?: unknown };
        if (typeof body.ChallengeName === 'string') challenge = `:${body.ChallengeName}`;
      } catch {
        // not JSON: recorded by action only
      }
      seen.push(target.slice(TARGET.length) + challenge);
    }
    return realFetch(input, init);
  };
  return {
    take: () => seen.splice(0),
    stop: () => {
      globalThis.fetch = realFetch;
    },
  };
}

export interface DeviceRider {
  pool: CognitoUserPool;
  storage: MapStorage;
  email: string;
  password: string;
}

export const riderOn = (
  url: string,
  poolId: string,
  clientId: string,
  email: string,
  password: string,
): DeviceRider => {
  const storage = new MapStorage();
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: url, Storage: storage });
  return { pool, storage, email, password };
};

export interface LibrarySignIn {
  user: CognitoUser;
  session: CognitoUserSession;
  /** What onSuccess's second argument said: the device waits for "Remember this device". */
  userConfirmationNecessary: boolean;
}

/** The library's SRP sign-in on this rider's storage (so a remembered device is used). */
export function librarySignIn(rider: DeviceRider): Promise<LibrarySignIn> {
  const user = new CognitoUser({ Username: rider.email, Pool: rider.pool, Storage: rider.storage });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: rider.email, Password: rider.password }), {
      onSuccess: (session, userConfirmationNecessary) =>
        resolve({ user, session, userConfirmationNecessary: userConfirmationNecessary === true }),
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
      totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
      mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
    });
  });
}

/** The library's own callback style ({onSuccess, onFailure}) as a promise. */
export function deviceCall<T = unknown>(
  fn: (callbacks: { onSuccess: (r: T) => void; onFailure: (e: Error) => void }) => void,
): Promise<T> {
  return new Promise((resolve, reject) => fn({ onSuccess: resolve, onFailure: reject }));
}

/** The device key the library keeps for the signed-in user (undefined when it holds none). */
export function cachedDevice(rider: DeviceRider, user: CognitoUser): { key?: string; groupKey?: string } {
  const prefix = `CognitoIdentityServiceProvider.${rider.pool.getClientId()}.${user.getUsername()}`;
  const key = rider.storage.getItem(`${prefix}.deviceKey`) ?? undefined;
  const groupKey = rider.storage.getItem(`${prefix}.deviceGroupKey`) ?? undefined;
  return { ...(key ? { key } : {}), ...(groupKey ? { groupKey } : {}) };
}

export const deviceKeyClaim = (session: CognitoUserSession): unknown =>
  session.getAccessToken().decodePayload().device_key;

// ---- the library's own device SRP math (CommonJS build; not in its public typings) ----
interface ClientBigInteger {
  toString(radix: number): string;
}
type NodeCallback<T> = (err: Error | null, value: T) => void;
interface ClientAuthenticationHelper {
  getLargeAValue(cb: NodeCallback<ClientBigInteger>): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverBValue: ClientBigInteger,
    salt: ClientBigInteger,
    cb: NodeCallback<Uint8Array>,
  ): void;
}
const requireFromTest = createRequire(import.meta.url);
const helperPath = requireFromTest.resolve('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
const requireFromLibrary = createRequire(helperPath);
const AuthenticationHelper = (
  requireFromLibrary(helperPath) as { default: new (poolName: string) => ClientAuthenticationHelper }
).default;
const BigInteger = (
  requireFromLibrary('./BigInteger.js') as { default: new (value: string, radix: number) => ClientBigInteger }
).default;

const promised = <T>(fn: (cb: NodeCallback<T>) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

export interface DeviceSecret {
  randomPassword: string;
  /** ConfirmDevice's DeviceSecretVerifierConfig, as the library sends it. */
  config: { Salt: string; PasswordVerifier: string };
}

/**
 * A device secret computed as the library computes it (docs/cognito-mfa-passwordless.md §3.7), from
 * inputs fixed by a label instead of random ones, with the verifier in the chosen shape: `padded`
 * (padHex adds a zero byte: 385 bytes, 770 hex digits) or `plain` (384 bytes or fewer).
 */
export function deviceSecret(groupKey: string, deviceKey: string, shape: 'padded' | 'plain'): DeviceSecret {
  for (let i = 0; i < 200; i++) {
    const randomPassword = fixedBytes(`device password ${i}`, 40).toString('base64');
    const saltHex = padHex(BigInt(`0x${fixedBytes(`device salt ${i}`, 16).toString('hex')}`));
    const { verifier } = createVerifier(groupKey, deviceKey, randomPassword, Buffer.from(saltHex, 'hex'));
    const verifierHex = padHex(BigInt(`0x${verifier}`));
    if (verifierHex.startsWith('00') !== (shape === 'padded')) continue;
    return {
      randomPassword,
      config: {
        Salt: Buffer.from(saltHex, 'hex').toString('base64'),
        PasswordVerifier: Buffer.from(verifierHex, 'hex').toString('base64'),
      },
    };
  }
  throw new Error(`no ${shape} verifier in 200 candidates`);
}

/** The client's side of device SRP with the library's AuthenticationHelper: SRP_A, then the proof. */
export async function deviceClient(groupKey: string, deviceKey: string, randomPassword: string) {
  const helper = new AuthenticationHelper(groupKey);
  const A = (await promised<ClientBigInteger>((cb) => helper.getLargeAValue(cb))).toString(16);
  return {
    A,
    /** DEVICE_PASSWORD_VERIFIER's ChallengeResponses for the pool's reply. */
    async proof(params: Record<string, string>, timestamp: string): Promise<Record<string, string>> {
      const key = await promised<Uint8Array>((cb) =>
        helper.getPasswordAuthenticationKey(
          deviceKey,
          randomPassword,
          new BigInteger(params.SRP_B as string, 16),
          new BigInteger(params.SALT as string, 16),
          cb,
        ),
      );
      const signature = createHmac('sha256', Buffer.from(key))
        .update(
          Buffer.concat([
            Buffer.from(groupKey, 'utf8'),
            Buffer.from(deviceKey, 'utf8'),
            Buffer.from(params.SECRET_BLOCK as string, 'base64'),
            Buffer.from(timestamp, 'utf8'),
          ]),
        )
        .digest('base64');
      return {
        USERNAME: params.USERNAME as string,
        DEVICE_KEY: deviceKey,
        PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK as string,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: signature,
      };
    },
  };
}
