// "Remember this device" after a second-factor sign-in (docs/cognito-mfa-passwordless.md §3.1, §3.8).
import type { CognitoUser } from 'amazon-cognito-identity-js';
import { call } from './context.ts';
import { internals } from './signed-in.ts';

/**
 * UpdateDeviceStatus "remembered" for the device the library just confirmed (or had stored), so the
 * next sign-in here skips the code. False when there is no device: the pool does not track devices.
 */
export async function rememberThisDevice(user: CognitoUser): Promise<boolean> {
  if (!internals(user).deviceKey) return false;
  await call<string>((done) => user.setDeviceStatusRemembered({ onSuccess: (ok) => done(null, ok), onFailure: done }));
  return true;
}
