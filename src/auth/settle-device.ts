// Confirms the device the last sign-in on this browser was given (pending-device.ts says why it is
// left to the next page). Loaded by settle-later.ts only when one is pending.
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { call, userPool } from './context.ts';
import { AuthError, toAuthError } from './errors.ts';
import { confirmNewDevice } from './new-device.ts';
import { dropPendingDevice, pendingDevice } from './pending-device.ts';

let settling: Promise<void> | undefined;

/**
 * Confirms the device a sign-in on this browser left (recordNewDevice), if its rider is still the
 * one signed in. Never throws: offline, it stays recorded for the next page; any other failure
 * (the key is unknown or already confirmed, the rider signed out) drops it.
 */
export function settlePendingDevice(): Promise<void> {
  settling ??= settle().finally(() => {
    settling = undefined;
  });
  return settling;
}

async function settle(): Promise<void> {
  const pending = pendingDevice();
  if (!pending) return;
  const pool = userPool();
  const user = pool.getCurrentUser();
  if (pending.clientId !== pool.getClientId() || user?.getUsername() !== pending.username) {
    dropPendingDevice();
    return;
  }
  try {
    const session = await call<CognitoUserSession>((done) => user.getSession(done));
    await confirmNewDevice(user, session.getAccessToken().getJwtToken(), {
      DeviceKey: pending.deviceKey,
      DeviceGroupKey: pending.deviceGroupKey,
    });
    dropPendingDevice();
  } catch (err) {
    const error = err instanceof AuthError ? err : toAuthError(err);
    if (error.code !== 'Network') dropPendingDevice();
  }
}
