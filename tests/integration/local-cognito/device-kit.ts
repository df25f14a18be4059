// Shared by the device tests: the REAL amazon-cognito-identity-js signing in with its own storage
// (where it keeps the device key, group key and random password), a record of the actions and
// challenges it sends, and its promisified device calls. Nothing here mocks the library or the pool.

import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
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
