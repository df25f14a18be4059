// The device a sign-in's tokens come with (NewDeviceMetadata) is recorded, and confirmed by the page
// the rider lands on once it has painted (src/auth/pending-device.ts, settle-device.ts), as the
// library confirms it after SRP (new-device.ts), so the refresh names it: in a pool that tracks
// devices, Cognito refreshes only for a confirmed device whose key is sent. Real library, Cognito
// stubbed at fetch (passwordless-kit.ts).
import { describe, expect, it, vi } from 'vitest';
import { currentSession, signOut } from '../../src/auth/index.ts';
import { confirmEmailCode, startEmailCodeSignIn } from '../../src/auth/passwordless.ts';
import { hasPendingDevice } from '../../src/auth/pending-device.ts';
import { settlePendingDevice } from '../../src/auth/settle-device.ts';
import { settleDevice } from '../../src/auth/settle-later.ts';
import { calls, EMAIL_OTP, fail, ok, routes, storage, stored, tokens, useCognitoStub } from './passwordless-kit.ts';

useCognitoStub();

const DEVICE = { DeviceKey: 'us-east-1_5b6a3c1e-0d2f-4e8a-9c7b-1a2b3c4d5e6f', DeviceGroupKey: '-abcDEF123' };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

async function signInByCode(lifetime = 3600) {
  routes.InitiateAuth = () => ok(EMAIL_OTP);
  routes.RespondToAuthChallenge = () =>
    ok({ AuthenticationResult: { ...tokens('uuid-1', 'rider@example.com', lifetime), NewDeviceMetadata: DEVICE } });
  const start = await startEmailCodeSignIn('rider@example.com');
  if (start.next !== 'emailCode') throw new Error('no code step');
  return confirmEmailCode(start.challenge, '123456');
}

describe('a passwordless sign-in with NewDeviceMetadata', () => {
  it('lets the rider in at once and leaves the device to confirm', async () => {
    const session = await signInByCode();
    expect(session.sub).toBe('uuid-1');
    expect(calls.map((c) => c.action)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    expect(hasPendingDevice()).toBe(true);
    expect(stored('uuid-1', 'deviceKey')).toBeNull();
  });

  it('is confirmed by the next page with a fresh device secret, cached where the library keeps its own', async () => {
    routes.ConfirmDevice = () => ok({ UserConfirmationNecessary: true });
    const session = await signInByCode();
    await settleDevice();

    const confirm = calls.find((c) => c.action === 'ConfirmDevice')!;
    const { DeviceSecretVerifierConfig: verifier, ...rest } = confirm.body as {
      DeviceSecretVerifierConfig: { Salt: string; PasswordVerifier: string };
    };
    expect(rest).toEqual({
      AccessToken: stored('uuid-1', 'accessToken'),
      DeviceKey: DEVICE.DeviceKey,
      DeviceName: navigator.userAgent,
    });
    expect(verifier.Salt).toMatch(BASE64);
    expect(verifier.PasswordVerifier).toMatch(BASE64);
    // A 128-bit salt and a verifier modulo the 3072-bit N, as padHex writes them (leading zero byte allowed).
    expect(atob(verifier.Salt).length).toBeGreaterThanOrEqual(16);
    expect(atob(verifier.Salt).length).toBeLessThanOrEqual(17);
    expect(atob(verifier.PasswordVerifier).length).toBeGreaterThan(300);
    expect(atob(verifier.PasswordVerifier).length).toBeLessThanOrEqual(385);

    expect(stored('uuid-1', 'deviceKey')).toBe(DEVICE.DeviceKey);
    expect(stored('uuid-1', 'deviceGroupKey')).toBe(DEVICE.DeviceGroupKey);
    expect(stored('uuid-1', 'randomPasswordKey')).toMatch(/\S{20,}/);
    // Tracked, not remembered: nothing asks Cognito to remember it.
    expect(calls.map((c) => c.action)).not.toContain('UpdateDeviceStatus');
    expect(session.sub).toBe('uuid-1');
    expect(hasPendingDevice()).toBe(false);
    // Settled once: a later page load sends nothing.
    await settleDevice();
    expect(calls.filter((c) => c.action === 'ConfirmDevice')).toHaveLength(1);
  });

  it('refreshes naming the confirmed device, as Cognito requires when it tracks devices', async () => {
    routes.ConfirmDevice = () => ok({ UserConfirmationNecessary: false });
    await signInByCode(1);
    await settlePendingDevice();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    routes.InitiateAuth = () => ok({ AuthenticationResult: { ...tokens(), RefreshToken: undefined } });
    expect((await currentSession())?.sub).toBe('uuid-1');
    expect(calls.at(-1)!.body).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'refresh-1', DEVICE_KEY: DEVICE.DeviceKey },
    });
  });

  it('gives up on a device Cognito refuses, and caches none', async () => {
    routes.ConfirmDevice = () => fail('ResourceNotFoundException', 'Device does not exist.');
    const session = await signInByCode();
    await settlePendingDevice();
    expect(await currentSession()).toEqual(session);
    expect(stored('uuid-1', 'deviceKey')).toBeNull();
    expect(stored('uuid-1', 'randomPasswordKey')).toBeNull();
    expect(hasPendingDevice()).toBe(false);
  });

  it('keeps the device for the next page when the network is down, and confirms it then', async () => {
    await signInByCode();
    const online = globalThis.fetch;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await settlePendingDevice();
    expect(hasPendingDevice()).toBe(true);
    vi.stubGlobal('fetch', online);
    routes.ConfirmDevice = () => ok({ UserConfirmationNecessary: true });
    await settlePendingDevice();
    expect(hasPendingDevice()).toBe(false);
    expect(stored('uuid-1', 'deviceKey')).toBe(DEVICE.DeviceKey);
  });

  it('confirms one device once when two callers settle at the same time', async () => {
    routes.ConfirmDevice = () => ok({ UserConfirmationNecessary: true });
    await signInByCode();
    await Promise.all([settlePendingDevice(), settlePendingDevice(), settleDevice()]);
    expect(calls.filter((c) => c.action === 'ConfirmDevice')).toHaveLength(1);
  });

  it('forgets the device on signing out before it was confirmed', async () => {
    routes.RevokeToken = () => ok({});
    await signInByCode();
    await signOut();
    expect(hasPendingDevice()).toBe(false);
    await settlePendingDevice();
    expect(calls.map((c) => c.action)).not.toContain('ConfirmDevice');
  });

  it('drops a device left by another rider instead of confirming it for the one signed in now', async () => {
    await signInByCode();
    const pending = storage.getItem('wildrydes.pendingDevice')!;
    storage.setItem('wildrydes.pendingDevice', pending.replace('uuid-1', 'uuid-2'));
    await settlePendingDevice();
    expect(hasPendingDevice()).toBe(false);
    expect(calls.map((c) => c.action)).not.toContain('ConfirmDevice');
  });

  it('confirms nothing when the pool does not track devices', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens() });
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    await confirmEmailCode(start.challenge, '123456');
    await settleDevice();
    expect(hasPendingDevice()).toBe(false);
    expect(calls.map((c) => c.action)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
  });
});
