import type { DeviceType, ListDevicesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { MSG, resourceNotFound } from './errors.ts';
import { regionOf } from './ids.ts';
import type { Input } from './input.ts';
import { page } from './paging.ts';
import type { DeviceRecord, PoolRecord, UserRecord } from './records.ts';
import { SRP_N } from './srp.ts';
import type { Store } from './store.ts';
import { type Wire, wireDate } from './wire.ts';

/**
 * Remembered devices (Cognito device tracking): the rules of the device actions' members, how a
 * device looks on the wire, and which devices a request may name. docs/cognito-mfa-passwordless.md §3.
 */

export const DEVICE_KEY_RULE = { min: 1, max: 55, pattern: /^[\w-]+_[0-9a-f-]+$/, patternText: '[\\w-]+_[0-9a-f-]+' };
export const DEVICE_NAME_RULE = { min: 1, max: 1024 };
export const DEVICE_STATUSES = ['remembered', 'not_remembered'] as const;
/** ListDevices / AdminListDevices: Limit 0–60, where 0 or none means the maximum. */
export const DEVICE_PAGE_MAX = 60;

export const tracksDevices = (pool: PoolRecord): boolean => pool.devices !== undefined;

/** The user's device with this key, or Cognito's ResourceNotFoundException. */
export function deviceOf(store: Store, user: UserRecord, deviceKey: string): DeviceRecord {
  const device = store.device(deviceKey);
  if (!device || device.poolId !== user.poolId || device.username !== user.username) {
    throw resourceNotFound(MSG.deviceNotFound);
  }
  return device;
}

/**
 * The device a sign-in names with DEVICE_KEY: undefined when none is sent or the pool does not
 * track devices (the key is then ignored, a choice: docs/cognito.md §6); ResourceNotFoundException
 * "Device does not exist." for a key that is not this user's device, which makes
 * amazon-cognito-identity-js forget its cached key and answer again without it.
 */
export function signInDevice(
  store: Store,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string | undefined,
): DeviceRecord | undefined {
  if (deviceKey === undefined || deviceKey === '' || !tracksDevices(pool)) return undefined;
  return deviceOf(store, user, deviceKey);
}

/**
 * The user's device with this key, or undefined: for a second-factor answer's DEVICE_KEY, which is
 * never refused (the password step already checked the key) but spares a tracked device a new key.
 */
export function knownDevice(
  store: Store,
  pool: PoolRecord,
  user: UserRecord,
  deviceKey: string | undefined,
): DeviceRecord | undefined {
  if (deviceKey === undefined || !tracksDevices(pool)) return undefined;
  const device = store.device(deviceKey);
  return device?.poolId === user.poolId && device.username === user.username ? device : undefined;
}

/**
 * A device verifier as ConfirmDevice receives it (base64 of the client's padHex bytes, so up to 385
 * bytes with a leading zero byte) in srp.ts's form: 768 hex digits. Null for a value no real client
 * sends: 0, 1, N−1 or anything ≥ N (each makes the proof trivial or impossible).
 */
export function deviceVerifier(bytes: Buffer): string | null {
  if (bytes.length === 0 || bytes.length > 385) return null;
  const v = BigInt(`0x${bytes.toString('hex')}`);
  if (v <= 1n || v >= SRP_N - 1n) return null;
  return v.toString(16).padStart(768, '0');
}

/** Strict base64 (canonical, padded), as the library's Buffer.toString('base64') writes it; null otherwise. */
export function strictBase64(value: string | undefined): Buffer | null {
  if (value === undefined || value === '') return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : null;
}

/** Sets a device's remembered status (UpdateDeviceStatus and its Admin form); none given changes nothing. */
export function setDeviceStatus(
  store: Store,
  now: number,
  user: UserRecord,
  deviceKey: string,
  status: DeviceRecord['status'] | undefined,
): void {
  const device = deviceOf(store, user, deviceKey);
  if (status !== undefined && status !== device.status) store.putDevice({ ...device, status, updatedAt: now });
}

/**
 * One page of a user's devices (ListDevices, AdminListDevices), in the order they were confirmed.
 * Limit and PaginationToken are read by the caller's `input`, so every member is validated before
 * any lookup.
 */
export function readDevicePage(input: Input): (devices: DeviceRecord[]) => Wire<ListDevicesResponse> {
  const limit = input.optionalInteger('Limit', 0, DEVICE_PAGE_MAX);
  const token = input.optionalString('PaginationToken', { min: 1 });
  return (devices) => {
    const { items, next } = page(devices, limit === undefined || limit === 0 ? DEVICE_PAGE_MAX : limit, token);
    return { Devices: items.map(deviceType), ...(next ? { PaginationToken: next } : {}) };
  };
}

/** DeviceType as Cognito answers it (attribute names from AWS's CLI examples, §3.5). */
export function deviceType(d: DeviceRecord): Wire<DeviceType> {
  const owner = `${d.username}.${d.poolId}`;
  return {
    DeviceKey: d.deviceKey,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      ...(d.name === undefined ? [] : [{ Name: 'device_name', Value: d.name }]),
      {
        Name: 'dev:device_arn',
        Value: `arn:aws:cognito-idp:${regionOf(d.poolId)}:000000000000:owner/${owner}/device/${d.deviceKey}`,
      },
      { Name: 'dev:device_owner', Value: owner },
      { Name: 'dev:device_remembered_status', Value: d.status },
      { Name: 'dev:device_sdk', Value: 'aws-sdk' },
    ],
    DeviceCreateDate: wireDate(d.createdAt),
    DeviceLastModifiedDate: wireDate(d.updatedAt),
    // Whole seconds, as in AWS's examples.
    DeviceLastAuthenticatedDate: Math.floor(d.lastAuthenticatedAt / 1000),
  };
}
