// Remembered devices (Cognito device tracking): the list on the account page, forgetting one, and
// remembering this one after a second-factor sign-in. Facts: docs/cognito-mfa-passwordless.md §3.
import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUser } from 'amazon-cognito-identity-js';
import { call } from './context.ts';
import { settleDevice } from './settle-later.ts';
import { internals, signedInUser } from './signed-in.ts';

export interface RememberedDevice {
  key: string;
  /** The name the browser gave at ConfirmDevice (its user agent, for this library). */
  name: string;
  /** When it last signed in (DeviceLastAuthenticatedDate), or null if Cognito doesn't say. */
  lastUsed: Date | null;
  /** This browser. */
  current: boolean;
}

/** A DeviceType as it arrives over the wire to the library: JSON, so dates are epoch seconds. */
type WireDevice = Omit<DeviceType, 'DeviceCreateDate' | 'DeviceLastModifiedDate' | 'DeviceLastAuthenticatedDate'> & {
  DeviceCreateDate?: number;
  DeviceLastModifiedDate?: number;
  DeviceLastAuthenticatedDate?: number;
};

interface WireList {
  Devices?: WireDevice[];
  PaginationToken?: string;
}

/** ListDevices' largest page (its Limit is 0–60). */
const PAGE = 60;

/** This browser's device key, when the library has one stored for the rider. */
function currentKey(user: CognitoUser): string | null {
  user.getCachedDeviceKeyAndPassword();
  return internals(user).deviceKey ?? null;
}

function toDevice(device: WireDevice, current: string | null): RememberedDevice | null {
  if (!device.DeviceKey) return null;
  const name = device.DeviceAttributes?.find((a) => a.Name === 'device_name')?.Value ?? '';
  const seconds = device.DeviceLastAuthenticatedDate ?? device.DeviceLastModifiedDate;
  return {
    key: device.DeviceKey,
    name,
    lastUsed: typeof seconds === 'number' ? new Date(seconds * 1000) : null,
    current: device.DeviceKey === current,
  };
}

/** ListDevices, every page: the devices that skip the second factor (Cognito lists remembered ones). */
export async function listDevices(): Promise<RememberedDevice[]> {
  // This browser's device, if its sign-in just happened and it is not confirmed yet, belongs in the list.
  await settleDevice();
  const { user } = await signedInUser();
  const current = currentKey(user);
  const devices: RememberedDevice[] = [];
  let token: string | null = null;
  do {
    const page: WireList = await call<WireList>(
      (done) => user.listDevices(PAGE, token, { onSuccess: (data) => done(null, data), onFailure: done }),
      'devices',
    );
    for (const device of page.Devices ?? []) {
      const mapped = toDevice(device, current);
      if (mapped) devices.push(mapped);
    }
    token = page.PaginationToken ?? null;
  } while (token);
  return devices.sort((a, b) => (b.lastUsed?.getTime() ?? 0) - (a.lastUsed?.getTime() ?? 0));
}

/** ForgetDevice. Forgetting this browser also drops its stored key, so the next sign-in asks for a code. */
export async function forgetDevice(key: string): Promise<void> {
  const { user } = await signedInUser();
  const callbacks = (done: (err: unknown) => void) => ({ onSuccess: () => done(null), onFailure: done });
  if (key === currentKey(user)) {
    await call<void>((done) => user.forgetDevice(callbacks(done)), 'devices');
  } else {
    await call<void>((done) => user.forgetSpecificDevice(key, callbacks(done)), 'devices');
  }
}
