// Tokens from a sign-in the library did not run itself (USER_AUTH: passkeys, emailed codes), stored
// exactly where it keeps its own: a CognitoUserSession on the CognitoUser of the pool's internal
// username, cached under the library's keys (`CognitoIdentityServiceProvider.<clientId>.<username>.*`
// and `.LastAuthUser`). So currentSession(), the refresh with the refresh token, authorizedFetch()
// and signOut() (session.ts) work unchanged afterwards.
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { riderUser, userPool } from './context.ts';
import { unreadableAnswer } from './errors.ts';
import { recordNewDevice } from './pending-device.ts';
import { forgetPreviousRider } from './previous-rider.ts';
import type { RiderSession } from './session.ts';
import { toRiderSession } from './session.ts';

/**
 * Stores the tokens of a finished sign-in and returns the rider's session. The library keys them by
 * the username inside the tokens (the pool's UUID for an email-as-username pool, docs/cognito.md
 * §5.6), not by the email the rider typed, as it does after SRP (USER_ID_FOR_SRP).
 * A device in `NewDeviceMetadata` is recorded for the next page to confirm (pending-device.ts), as
 * after a password sign-in, so refreshing works in a pool that tracks devices; it is not remembered.
 */
export async function storeSession(result: AuthenticationResultType | undefined): Promise<RiderSession> {
  const { IdToken, AccessToken, RefreshToken } = result ?? {};
  if (typeof IdToken !== 'string' || typeof AccessToken !== 'string' || typeof RefreshToken !== 'string') {
    throw unreadableAnswer('AuthenticationResult without the three tokens');
  }
  const session = new CognitoUserSession({
    IdToken: new CognitoIdToken({ IdToken }),
    AccessToken: new CognitoAccessToken({ AccessToken }),
    RefreshToken: new CognitoRefreshToken({ RefreshToken }),
  });
  const claims = session.getAccessToken().decodePayload() as { username?: unknown };
  if (typeof claims.username !== 'string' || !claims.username) throw unreadableAnswer('access token without username');
  const previous = userPool().getCurrentUser();
  const user = riderUser(claims.username);
  user.setSignInUserSession(session);
  forgetPreviousRider(previous, user);
  recordNewDevice(user, result?.NewDeviceMetadata);
  return toRiderSession(session);
}
