// The signed-in rider as the library knows them: every account call starts here. The library
// checks its session locally before each call (docs/cognito-mfa-passwordless.md §2.1), so the
// session is loaded (and refreshed with the refresh token when the access token has expired) first.
import type { CognitoUser, CognitoUserSession, UserData } from 'amazon-cognito-identity-js';
import { call, userPool } from './context.ts';
import { AuthError } from './errors.ts';

/** The library's own helpers this module relies on (present in 6.3.21, not in its typings). */
export interface LibraryUserInternals {
  clearCachedUserData(): void;
  clearCachedDeviceKeyAndPassword(): void;
  deviceKey?: string | null;
}

export const internals = (user: CognitoUser): LibraryUserInternals => user as unknown as LibraryUserInternals;

/** The current rider with a valid session. Throws AuthError('SignedOut' | 'SessionExpired' | …). */
export async function signedInUser(): Promise<{ user: CognitoUser; session: CognitoUserSession }> {
  const user = userPool().getCurrentUser();
  if (!user) throw new AuthError('SignedOut', 'You’re signed out. Please sign in.');
  const session = await call<CognitoUserSession>((done) => user.getSession(done));
  return { user, session };
}

/** GetUser, read fresh from Cognito (the library would otherwise answer from its storage cache). */
export async function freshUserData(user: CognitoUser): Promise<UserData> {
  internals(user).clearCachedUserData();
  return call<UserData>((done) => user.getUserData(done));
}

/** An attribute of GetUser's answer, or undefined. */
export const attribute = (data: UserData, name: string): string | undefined =>
  data.UserAttributes.find((a) => a.Name === name)?.Value;
