// "Remember this device" and the account page's device list through src/auth (second-factor.ts,
// devices.ts) with the REAL amazon-cognito-identity-js against the in-process pool: after a
// sign-in with the authenticator code and "Remember this device", the library signs in on that
// device with device SRP instead of the code (docs/cognito-mfa-passwordless.md §3.6, §3.8).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerTotp, forgetDevice, listDevices, signIn, signOut } from '../../src/auth/index.ts';
import type { AuthTestPool } from './auth-kit.ts';
import { appCode, PASSWORD, signedOutRiderWithTotp, startAuthTestPool } from './auth-kit.ts';

let t: AuthTestPool;

beforeAll(async () => {
  t = await startAuthTestPool('devices');
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await signOut();
  t.storage.clear();
});

async function signInWithCode(email: string, secret: string, remember: boolean): Promise<boolean> {
  const result = await signIn(email, PASSWORD);
  if (result.next !== 'totp') throw new Error(`expected the code step, got ${result.next}`);
  return (await answerTotp(result.challenge, appCode(t, secret), { remember })).remembered;
}

describe('remembered devices against the local pool', () => {
  it('remembered: the next sign-in here needs no code, the list shows it, forgetting it brings the code back', async () => {
    const { email, secret } = await signedOutRiderWithTotp(t);
    expect(await signInWithCode(email, secret, true)).toBe(true);
    const devices = await listDevices();
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ current: true, name: 'nodejs' });
    expect(devices[0]!.lastUsed).toBeInstanceOf(Date);

    await signOut();
    expect((await signIn(email, PASSWORD)).next).toBe('done');

    await forgetDevice(devices[0]!.key);
    expect(await listDevices()).toEqual([]);
    await signOut();
    expect((await signIn(email, PASSWORD)).next).toBe('totp');
  });

  it('not remembered: the next sign-in asks for the code again, and the list stays empty', async () => {
    const { email, secret } = await signedOutRiderWithTotp(t);
    expect(await signInWithCode(email, secret, false)).toBe(false);
    expect(await listDevices()).toEqual([]);
    await signOut();
    expect((await signIn(email, PASSWORD)).next).toBe('totp');
  });
});
