// The signed-in rider: restore after reload, refresh, authorized API calls, sign out.
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { call, userPool } from './context.ts';
import { AuthError, toAuthError } from './errors.ts';
import { dropPendingDevice } from './pending-device.ts';

/** What pages need to know about a signed-in rider. */
export interface RiderSession {
  email: string;
  /** The rider's stable ID (the `sub` claim). */
  sub: string;
  /** The ID token: what an API Gateway Cognito authorizer expects in `Authorization`. */
  idToken: string;
  /** When the ID token expires (it is refreshed automatically before use). */
  expiresAt: Date;
}

export function toRiderSession(session: CognitoUserSession): RiderSession {
  const id = session.getIdToken();
  const claims = id.decodePayload() as { email?: unknown; sub?: unknown };
  return {
    email: typeof claims.email === 'string' ? claims.email : '',
    sub: typeof claims.sub === 'string' ? claims.sub : '',
    idToken: id.getJwtToken(),
    expiresAt: new Date(id.getExpiration() * 1000),
  };
}

const SIGNED_OUT = new Set(['SignedOut', 'SessionExpired', 'NotAuthorized', 'UserNotFound', 'UserDisabled']);

/**
 * The stored session, refreshed with the refresh token when the ID/access tokens have expired;
 * null when signed out or when the refresh token no longer works (revoked, expired, user gone).
 * Throws AuthError('Network' | …) only when the refresh could not be attempted.
 */
export async function currentSession(): Promise<RiderSession | null> {
  const user = userPool().getCurrentUser();
  if (!user) return null;
  try {
    const session = await call<CognitoUserSession>((done) => user.getSession(done));
    return toRiderSession(session);
  } catch (err) {
    const error = toAuthError(err);
    if (!SIGNED_OUT.has(error.code)) throw error;
    user.signOut();
    return null;
  }
}

/** The current (refreshed if needed) ID token, or null when signed out. */
export async function getIdToken(): Promise<string | null> {
  return (await currentSession())?.idToken ?? null;
}

/**
 * fetch() with the rider's ID token in the Authorization header, refreshing it first if needed.
 * Throws AuthError('SignedOut') when there is no session, AuthError('Network') when offline.
 */
export async function authorizedFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const session = await currentSession();
  if (!session) throw new AuthError('SignedOut', 'You’re signed out. Please sign in.');
  const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('Authorization', session.idToken);
  try {
    return await fetch(input, { ...init, headers });
  } catch (err) {
    throw err instanceof TypeError ? toAuthError(err) : err;
  }
}

/**
 * Signs the rider out. Revokes the refresh token (and the tokens issued from it), or with
 * `{ global: true }` signs out every device. Local tokens are always cleared, even when the
 * network call fails; `revoked` says whether the server confirmed it.
 */
export async function signOut(options: { global?: boolean } = {}): Promise<{ revoked: boolean }> {
  const user = userPool().getCurrentUser();
  if (!user) return { revoked: true };
  try {
    if (options.global) {
      await call<CognitoUserSession>((done) => user.getSession(done));
      await call<string>((done) =>
        user.globalSignOut({
          onSuccess: (msg) => done(null, msg),
          onFailure: done,
        }),
      );
    } else {
      await call<void>((done) => user.signOut((err?: unknown) => done(err)));
    }
    return { revoked: true };
  } catch (err) {
    // A session the server already refuses (revoked, expired) has nothing left to revoke.
    return { revoked: SIGNED_OUT.has(toAuthError(err).code) };
  } finally {
    user.signOut();
    dropPendingDevice();
  }
}
