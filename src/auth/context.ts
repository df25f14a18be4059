// The user pool every auth function talks to. Pages' entry modules configure it from
// src/config.ts; Node integration tests configure it with their own endpoint and storage.

import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import type { ErrorContext } from './errors.ts';
import { AuthError, toAuthError } from './errors.ts';
import { retryOnlyTransientErrors } from './retry-policy.ts';

export interface AuthOptions {
  userPoolId: string;
  clientId: string;
  /** Cognito API URL, used verbatim by the library; default: the pool's regional endpoint. */
  endpoint?: string | undefined;
  /** Where tokens are kept; default: localStorage in browsers, memory elsewhere. */
  storage?: ICognitoStorage | undefined;
}

let pool: CognitoUserPool | undefined;
let storage: ICognitoStorage | undefined;

/** Points the auth functions at a user pool. Throws AuthError('Config') for an unusable pool ID. */
export function configureAuth(options: AuthOptions): void {
  try {
    pool = new CognitoUserPool({
      UserPoolId: options.userPoolId,
      ClientId: options.clientId,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.storage ? { Storage: options.storage } : {}),
    });
    storage = options.storage;
    retryOnlyTransientErrors(pool);
  } catch (err) {
    pool = undefined;
    throw new AuthError('Config', 'Wild Rydes accounts are not set up correctly.', String(err));
  }
}

export function userPool(): CognitoUserPool {
  if (!pool) throw new AuthError('Config', 'Wild Rydes accounts are not set up correctly.');
  return pool;
}

/** A library user object for a (normalized) email address. */
export function riderUser(email: string): CognitoUser {
  return new CognitoUser({ Username: email, Pool: userPool(), ...(storage ? { Storage: storage } : {}) });
}

/**
 * Runs a callback-style library call as a promise that rejects only with AuthError (worded for
 * `context` where the same Cognito answer means something else there: errors.ts).
 */
export function call<T>(run: (done: (err: unknown, value?: T) => void) => void, context?: ErrorContext): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    run((err, value) => (err ? reject(err) : resolve(value as T)));
  }).catch((err: unknown) => {
    throw toAuthError(err, context);
  });
}
