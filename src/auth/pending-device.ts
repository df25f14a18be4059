// The device a password or passwordless sign-in is given (NewDeviceMetadata), confirmed by the page
// the rider lands on once it has painted, instead of before the rider is let in.
//
// Why: in a pool that tracks devices, every sign-in on a browser Cognito does not know yet ends with
// NewDeviceMetadata, and the library then computes a device verifier (a 3072-bit modular
// exponentiation) and waits for ConfirmDevice before it reports success: ~17 ms of the sign-in a
// rider waited for on a 2-core machine (bench/signin-trace.ts), for a step whose only use is the
// next refresh, an hour later (new-device.ts). Here the sign-in stores the device's key and group
// key (not secrets: the device's secret is made when it is confirmed), lets the rider in, and
// `settleDevice` (settle-later.ts: on the home page once it has painted, on the account page, and
// before its device list) confirms it exactly as new-device.ts confirms it. If the rider closes the
// browser first, the next home or account page confirms it; until then the access and ID tokens
// work as usual, only a refresh would be refused.
// Two-factor sign-ins keep the library's own flow: "Remember this device" needs the device
// confirmed before it can be remembered.
import type { NewDeviceMetadataType } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUser, ICognitoStorage } from 'amazon-cognito-identity-js';
import { userPool } from './context.ts';

/** What a sign-in leaves for the next page: the device to confirm, and whose it is. */
export interface PendingDevice {
  clientId: string;
  username: string;
  deviceKey: string;
  deviceGroupKey: string;
}

const KEY = 'wildrydes.pendingDevice';

const storage = (): ICognitoStorage => (userPool() as unknown as { storage: ICognitoStorage }).storage;

/** The device a sign-in on this browser left to confirm, if any. */
export function pendingDevice(): PendingDevice | null {
  try {
    const value = JSON.parse(storage().getItem(KEY) ?? 'null') as Partial<PendingDevice> | null;
    const fields = [value?.clientId, value?.username, value?.deviceKey, value?.deviceGroupKey];
    return fields.every((f) => typeof f === 'string' && f) ? (value as PendingDevice) : null;
  } catch {
    return null;
  }
}

/** Records `device`, given to `user`'s sign-in, for settlePendingDevice (settle-device.ts). */
export function recordNewDevice(user: CognitoUser, device: NewDeviceMetadataType | undefined): void {
  if (!device?.DeviceKey || !device.DeviceGroupKey) return;
  const pending: PendingDevice = {
    clientId: userPool().getClientId(),
    username: user.getUsername(),
    deviceKey: device.DeviceKey,
    deviceGroupKey: device.DeviceGroupKey,
  };
  storage().setItem(KEY, JSON.stringify(pending));
}

/** Forgets a device not confirmed yet (signing out: its sign-in's tokens are gone). */
export function dropPendingDevice(): void {
  storage().removeItem(KEY);
}

/** Whether a sign-in on this browser left a device to confirm. */
export const hasPendingDevice = (): boolean => pendingDevice() !== null;
