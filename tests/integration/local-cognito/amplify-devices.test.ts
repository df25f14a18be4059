// Remembered devices through AWS Amplify v6, unchanged (its own device SRP code: getNewDeviceMetadata,
// rememberDevice, handleDeviceSRPAuth, fetchDevices, forgetDevice) against the in-process pool.
// What Amplify sent is recorded from `fetch`. docs/cognito-mfa-passwordless.md §3.9.
import { Amplify } from 'aws-amplify';
import {
  confirmSignUp,
  fetchAuthSession,
  fetchDevices,
  forgetDevice,
  rememberDevice,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import { recordRequests } from './device-kit.ts';
import { latestCode, PASSWORD, removeTempDirs, tempDataDir, uniqueEmail } from './pool-kit.ts';

let pool: RunningLocalCognito;
let requests: ReturnType<typeof recordRequests>;

beforeAll(async () => {
  // Amplify names the device from `navigator` and, where there is none (Node 20), silently skips
  // ConfirmDevice: give it the browser's.
  vi.stubGlobal('navigator', { userAgent: 'Mozilla/5.0 (amplify-devices test)' });
  pool = await startLocalCognito({ dataDir: await tempDataDir('amplify-devices'), quiet: true });
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, userPoolEndpoint: pool.url } },
  });
  requests = recordRequests();
});

afterAll(async () => {
  requests.stop();
  vi.unstubAllGlobals();
  await signOut().catch(() => undefined);
  await pool?.close();
  await removeTempDirs();
});

const accessClaims = async () => (await fetchAuthSession()).tokens?.accessToken.payload ?? {};

describe('remembered devices through AWS Amplify v6', () => {
  it('confirms the device at sign-in, remembers it, signs in with device SRP, lists and forgets it', async () => {
    const email = uniqueEmail('amplify-device');
    await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
    await confirmSignUp({ username: email, confirmationCode: await latestCode(pool.url, email) });
    requests.take();
    expect((await signIn({ username: email, password: PASSWORD })).isSignedIn).toBe(true);
    expect(requests.take()).toEqual(['InitiateAuth', 'RespondToAuthChallenge:PASSWORD_VERIFIER', 'ConfirmDevice']);
    const key = (await accessClaims()).device_key;
    expect(key).toEqual(expect.stringMatching(/^us-east-1_/));
    expect(await fetchDevices()).toEqual([]);

    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices.map((d) => d.id)).toEqual([key]);
    expect(devices[0]?.name).toBe('Mozilla/5.0 (amplify-devices test)');
    await signOut();

    requests.take();
    expect((await signIn({ username: email, password: PASSWORD })).isSignedIn).toBe(true);
    expect(requests.take()).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    expect((await accessClaims()).device_key).toBe(key);

    await forgetDevice();
    expect(await fetchDevices()).toEqual([]);
  });
});
