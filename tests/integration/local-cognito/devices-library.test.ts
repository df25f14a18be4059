// Remembered devices with the REAL amazon-cognito-identity-js against the in-process pool (the
// riders' pool tracks devices "user opt-in"): the library confirms each new device itself (computing
// the device verifier), the rider remembers it, and the next sign-in runs DEVICE_SRP_AUTH →
// DEVICE_PASSWORD_VERIFIER with the device's own secret. What the library sent is recorded from
// `fetch`. docs/cognito-mfa-passwordless.md §3.

import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import {
  cachedDevice,
  type DeviceRider,
  deviceCall,
  deviceKeyClaim,
  librarySignIn,
  recordRequests,
  riderOn,
} from './device-kit.ts';
import { type Harness, startHarness } from './harness.ts';
import { ok, PASSWORD, removeTempDirs, sdk, tempDataDir, uniqueEmail } from './pool-kit.ts';

const FIRST_SIGN_IN = ['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice'];
const DEVICE_SIGN_IN = [
  'InitiateAuth',
  'RespondToAuthChallenge:PASSWORD_VERIFIER',
  'RespondToAuthChallenge:DEVICE_SRP_AUTH',
  'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
];

let h: Harness;
let requests: ReturnType<typeof recordRequests>;
const clock = createFakeClock(Date.UTC(2026, 5, 1, 8));

beforeAll(async () => {
  h = await startHarness({ clock });
  requests = recordRequests();
});
afterAll(async () => {
  requests.stop();
  await h.close();
  await removeTempDirs();
});

async function newRider(tag: string): Promise<DeviceRider> {
  const email = uniqueEmail(tag);
  await h.registerConfirmed(email, PASSWORD);
  return riderOn(h.url, h.poolId, h.clientId, email, PASSWORD);
}

const adminDevice = (username: string, deviceKey: string) =>
  sdk(h.url).send(new AdminGetDeviceCommand({ UserPoolId: h.poolId, Username: username, DeviceKey: deviceKey }));

const attribute = (device: { DeviceAttributes?: { Name?: string; Value?: string }[] }, name: string) =>
  device.DeviceAttributes?.find((a) => a.Name === name)?.Value;

describe('remembered devices through amazon-cognito-identity-js', () => {
  it('confirms a new device, remembers it, and then signs in with device SRP instead of a new device', async () => {
    const rider = await newRider('remember');
    requests.take();
    const first = await librarySignIn(rider);
    expect(requests.take()).toEqual(FIRST_SIGN_IN);
    expect(first.userConfirmationNecessary).toBe(true);
    const { key, groupKey } = cachedDevice(rider, first.user);
    expect(key).toMatch(/^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(groupKey).toMatch(/^-[A-Za-z0-9]{8}$/);
    expect(deviceKeyClaim(first.session)).toBe(key);

    // Confirmed but not remembered yet: only tracked, so the rider's list is empty; operators see it.
    const before = await deviceCall<{ Devices: unknown[] }>((cb) => first.user.listDevices(60, null, cb));
    expect(before.Devices).toEqual([]);
    const tracked = await adminDevice(first.user.getUsername(), key as string);
    expect(attribute(tracked.Device ?? {}, 'dev:device_remembered_status')).toBe('not_remembered');
    expect(attribute(tracked.Device ?? {}, 'device_name')).toMatch(/\S/);

    await deviceCall((cb) => first.user.setDeviceStatusRemembered(cb));
    const listed = await deviceCall<{ Devices: { DeviceKey: string; DeviceLastAuthenticatedDate: number }[] }>((cb) =>
      first.user.listDevices(60, null, cb),
    );
    expect(listed.Devices.map((d) => d.DeviceKey)).toEqual([key]);
    const confirmedAt = listed.Devices[0]?.DeviceLastAuthenticatedDate as number;
    expect(confirmedAt).toBe(Math.floor(clock.now() / 1000));
    first.user.signOut();

    clock.advance(3_600_000);
    requests.take();
    const again = await librarySignIn(rider);
    expect(requests.take()).toEqual(DEVICE_SIGN_IN);
    expect(again.userConfirmationNecessary).toBe(false);
    expect(cachedDevice(rider, again.user).key).toBe(key);
    expect(deviceKeyClaim(again.session)).toBe(key);
    // Typed as a string in the library's typings; it hands over GetDevice's response.
    const device = (await deviceCall<string>((cb) => again.user.getDevice(cb))) as unknown as {
      Device: { DeviceKey: string; DeviceLastAuthenticatedDate: number };
    };
    expect(device.Device.DeviceKey).toBe(key);
    expect(device.Device.DeviceLastAuthenticatedDate).toBe(confirmedAt + 3600);
  });

  it('a forgotten device signs in as a new one: the normal path, a new key, ConfirmDevice again', async () => {
    const rider = await newRider('forget');
    const first = await librarySignIn(rider);
    await deviceCall((cb) => first.user.setDeviceStatusRemembered(cb));
    const oldKey = cachedDevice(rider, first.user).key;
    await deviceCall((cb) => first.user.forgetDevice(cb));
    expect(cachedDevice(rider, first.user).key).toBeUndefined();
    const listed = await deviceCall<{ Devices: unknown[] }>((cb) => first.user.listDevices(60, null, cb));
    expect(listed.Devices).toEqual([]);

    requests.take();
    const again = await librarySignIn(rider);
    expect(requests.take()).toEqual(FIRST_SIGN_IN);
    const newKey = cachedDevice(rider, again.user).key;
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(oldKey);
  });

  it('a device an operator forgot: the pool answers "Device does not exist.", the library retries without it', async () => {
    const rider = await newRider('admin-forget');
    const first = await librarySignIn(rider);
    await deviceCall((cb) => first.user.setDeviceStatusRemembered(cb));
    const oldKey = cachedDevice(rider, first.user).key as string;
    await sdk(h.url).send(
      new AdminForgetDeviceCommand({ UserPoolId: h.poolId, Username: rider.email, DeviceKey: oldKey }),
    );
    first.user.signOut();

    requests.take();
    const again = await librarySignIn(rider);
    // The same PASSWORD_VERIFIER answer twice: first with the stale DEVICE_KEY, then without it.
    expect(requests.take()).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'ConfirmDevice',
    ]);
    expect(cachedDevice(rider, again.user).key).not.toBe(oldKey);
  });

  it('a device set to not_remembered is only tracked: the normal sign-in, no new key, its last use moves', async () => {
    const rider = await newRider('not-remembered');
    const first = await librarySignIn(rider);
    await deviceCall((cb) => first.user.setDeviceStatusRemembered(cb));
    await deviceCall((cb) => first.user.setDeviceStatusNotRemembered(cb));
    const key = cachedDevice(rider, first.user).key as string;
    first.user.signOut();

    clock.advance(60_000);
    requests.take();
    const again = await librarySignIn(rider);
    expect(requests.take()).toEqual(['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER']);
    expect(deviceKeyClaim(again.session)).toBe(key);
    const { Device } = await adminDevice(rider.email, key);
    expect(Device?.DeviceLastAuthenticatedDate?.getTime()).toBe(Math.floor(clock.now() / 1000) * 1000);
    // GetDevice answers only for remembered devices (docs/cognito-mfa-passwordless.md §3.5).
    await expect(deviceCall((cb) => again.user.getDevice(cb))).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
  });
});

describe('remembered devices survive a restart', () => {
  let running: RunningLocalCognito | undefined;
  afterAll(async () => {
    await running?.close();
  });

  it('a device remembered before the restart still signs in with device SRP after it', async () => {
    const dataDir = await tempDataDir('devices');
    running = await startLocalCognito({ dataDir, port: 0, log: () => undefined });
    const email = uniqueEmail('durable');
    await ok(running.url, 'SignUp', { ClientId: running.clientId, Username: email, Password: PASSWORD });
    await ok(running.url, 'AdminConfirmSignUp', { UserPoolId: running.poolId, Username: email });
    const rider = riderOn(running.url, running.poolId, running.clientId, email, PASSWORD);
    const first = await librarySignIn(rider);
    await deviceCall((cb) => first.user.setDeviceStatusRemembered(cb));
    const key = cachedDevice(rider, first.user).key;
    await running.close();

    running = await startLocalCognito({ dataDir, port: 0, log: () => undefined });
    const moved = riderOn(running.url, running.poolId, running.clientId, email, PASSWORD);
    for (const [k, v] of rider.storage.items) moved.storage.setItem(k, v);
    requests.take();
    const again = await librarySignIn(moved);
    expect(requests.take()).toEqual(DEVICE_SIGN_IN);
    expect(deviceKeyClaim(again.session)).toBe(key);
  });

  it('a default pool stored before device tracking gets the riders’ setting at the next start', async () => {
    const dataDir = await tempDataDir('devices-upgrade');
    const old = await startLocalCognito({ dataDir, port: 0, log: () => undefined });
    const { store } = old.pool.services;
    const { devices: _tracking, ...before } = store.pool(old.poolId) as NonNullable<ReturnType<typeof store.pool>>;
    const { DeviceConfiguration: _given, ...input } = before.input;
    store.putPool({ ...before, input });
    await old.close();

    const upgraded = await startLocalCognito({ dataDir, port: 0, log: () => undefined });
    try {
      const { UserPool } = await sdk(upgraded.url).send(new DescribeUserPoolCommand({ UserPoolId: upgraded.poolId }));
      expect(UserPool?.DeviceConfiguration).toEqual({
        ChallengeRequiredOnNewDevice: true,
        DeviceOnlyRememberedOnUserPrompt: true,
      });
    } finally {
      await upgraded.close();
    }
  });
});
