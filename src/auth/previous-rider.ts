// After a sign-in on a shared device: the tokens of the rider who was signed in before.
import type { CognitoUser } from 'amazon-cognito-identity-js';

/**
 * After `user` signed in: removes the tokens of a different rider who was signed in on this device
 * (the library only replaces LastAuthUser, leaving their refresh token in storage for good).
 */
export function forgetPreviousRider(previous: CognitoUser | null, user: CognitoUser): void {
  if (!previous || previous.getUsername() === user.getUsername()) return;
  previous.signOut(); // local only: clears their tokens, and LastAuthUser with them
  (user as unknown as { cacheTokens(): void }).cacheTokens(); // so LastAuthUser names this rider again
}
