// A password (SRP) sign-in through src/auth with the REAL amazon-cognito-identity-js against the
// in-process pool, which tracks devices ("user opt-in"): the sign-in lets the rider in as soon as
// the tokens are stored and leaves its new device to the next page (pending-device.ts); settling
// it confirms the device exactly as the library would have, so the refresh, which Cognito grants
// only for a confirmed device, works.
import { AdminListDevicesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { currentSession, signIn, signOut } from '../../src/auth/index.ts';
import { hasPendingDevice } from '../../src/auth/pending-device.ts';
import { settlePendingDevice } from '../../src/auth/settle-device.ts';
import type { AuthTestPool } from './auth-kit.ts';
import { PASSWORD, startAuthTestPool } from './auth-kit.ts';

let t: AuthTestPool;

beforeAll(async () => {
  t = await startAuthTestPool('pending-device');
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await signOut();
  t.storage.clear();
});

const cached = (what: string) =>
  [...t.storage.items].find(
    ([key]) => key.startsWith('CognitoIdentityServiceProvider.') && key.endsWith(`.${what}`),
  )?.[1];

async function poolDevices(email: string) {
  const { Devices } = await t.sdk.send(new AdminListDevicesCommand({ UserPoolId: t.pool.poolId, Username: email }));
  return Devices ?? [];
}

describe('the new device of a password sign-in', () => {
  it('is left to confirm; settling confirms it, caches its key and secret, and the refresh then works', async () => {
    const email = await t.registeredRider();
    const result = await signIn(email, PASSWORD);
    expect(result.next).toBe('done');
    expect(hasPendingDevice()).toBe(true);
    expect(cached('deviceKey')).toBeUndefined();
    expect(await poolDevices(email)).toEqual([]);

    await settlePendingDevice();
    expect(hasPendingDevice()).toBe(false);
    const key = cached('deviceKey');
    expect(key).toMatch(/^us-east-1_/);
    expect(cached('randomPasswordKey')).toMatch(/\S{20,}/);
    const devices = await poolDevices(email);
    expect(devices.map((d) => d.DeviceKey)).toEqual([key]);
    expect(devices[0]?.DeviceAttributes).toContainEqual({
      Name: 'dev:device_remembered_status',
      Value: 'not_remembered',
    });

    // An hour on, the tokens have expired: the library refreshes them, naming the device.
    const before = await currentSession();
    t.clock.advance(61 * 60_000);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t.clock.now());
    try {
      const after = await currentSession();
      expect(after?.sub).toBe(before?.sub);
      expect(after?.idToken).not.toBe(before?.idToken);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is not given again on this browser: the next sign-in names the confirmed device', async () => {
    const email = await t.registeredRider();
    await signIn(email, PASSWORD);
    await settlePendingDevice();
    const key = cached('deviceKey');
    await signOut();
    expect((await signIn(email, PASSWORD)).next).toBe('done');
    expect(hasPendingDevice()).toBe(false);
    expect(cached('deviceKey')).toBe(key);
    expect((await poolDevices(email)).map((d) => d.DeviceKey)).toEqual([key]);
  });

  it('is forgotten when the rider signs out before it was confirmed', async () => {
    const email = await t.registeredRider();
    await signIn(email, PASSWORD);
    await signOut();
    expect(hasPendingDevice()).toBe(false);
    await settlePendingDevice();
    expect(await poolDevices(email)).toEqual([]);
  });
});
