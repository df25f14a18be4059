// TOTP two-factor sign-in through AWS Amplify v6, unchanged, against the in-process pool:
// setUpTOTP → verifyTOTPSetup → updateMFAPreference → signIn (CONFIRM_SIGN_IN_WITH_TOTP_CODE) →
// confirmSignIn, and a pool that requires MFA (CONTINUE_SIGN_IN_WITH_TOTP_SETUP). The pool runs
// on an injected clock that starts at the wall clock (Amplify checks token times against its own)
// and only moves when the test moves it; codes are computed with otpauth at that clock.
import { Amplify } from 'aws-amplify';
import {
  confirmSignIn,
  confirmSignUp,
  fetchMFAPreference,
  setUpTOTP,
  signIn,
  signOut,
  signUp,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import { latestCode, ok, PASSWORD, removeTempDirs, tempDataDir, uniqueEmail } from './pool-kit.ts';

const STEP = 30_000;
const clock = createFakeClock(Math.floor(Date.now() / STEP) * STEP + 1_000);
const codeFor = (secret: string, at = clock.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
/** A code that no step within one of now shows (so it is wrong for certain, not by chance). */
const wrongCodeFor = (secret: string) => {
  const near = new Set([-1, 0, 1].map((d) => codeFor(secret, clock.now() + d * STEP)));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.has(c)) as string;
};

let pool: RunningLocalCognito;

beforeAll(async () => {
  pool = await startLocalCognito({ dataDir: await tempDataDir('amplify-totp'), clock, quiet: true });
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, userPoolEndpoint: pool.url } },
  });
});
afterAll(async () => {
  await signOut().catch(() => undefined);
  await pool?.close();
  await removeTempDirs();
});
beforeEach(async () => {
  await signOut().catch(() => undefined);
  clock.advance(STEP);
});

async function confirmedRider(label: string): Promise<string> {
  const email = uniqueEmail(label);
  await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
  await confirmSignUp({ username: email, confirmationCode: await latestCode(pool.url, email) });
  return email;
}

const setPoolMfa = (mode: 'OPTIONAL' | 'ON') =>
  ok(pool.url, 'SetUserPoolMfaConfig', {
    UserPoolId: pool.poolId,
    MfaConfiguration: mode,
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });

describe('AWS Amplify v6: authenticator-app sign-in', () => {
  it('sets up TOTP while signed in, then signs in with a code', async () => {
    await setPoolMfa('OPTIONAL');
    const email = await confirmedRider('amplify-totp');
    expect((await signIn({ username: email, password: PASSWORD })).isSignedIn).toBe(true);
    const details = await setUpTOTP();
    expect(details.sharedSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(details.getSetupUri('Wild Rydes', email).toString()).toContain(`secret=${details.sharedSecret}`);
    await verifyTOTPSetup({ code: codeFor(details.sharedSecret), options: { friendlyDeviceName: 'Pixel' } });
    await updateMFAPreference({ totp: 'PREFERRED' });
    expect(await fetchMFAPreference()).toMatchObject({ enabled: ['TOTP'], preferred: 'TOTP' });
    await signOut();

    clock.advance(STEP);
    const first = await signIn({ username: email, password: PASSWORD });
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    await expect(confirmSignIn({ challengeResponse: wrongCodeFor(details.sharedSecret) })).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code or auth state for the user.',
    });
    const done = await confirmSignIn({ challengeResponse: codeFor(details.sharedSecret) });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });

    await updateMFAPreference({ totp: 'DISABLED' });
    expect((await fetchMFAPreference()).enabled ?? []).toEqual([]);
  });

  it('a pool that requires MFA sets up TOTP inside the sign-in (MFA_SETUP)', async () => {
    const email = await confirmedRider('amplify-setup');
    await setPoolMfa('ON');
    try {
      const first = await signIn({ username: email, password: PASSWORD });
      expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      const setup = first.nextStep as { totpSetupDetails: { sharedSecret: string } };
      const done = await confirmSignIn({ challengeResponse: codeFor(setup.totpSetupDetails.sharedSecret) });
      expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      expect(await fetchMFAPreference()).toMatchObject({ enabled: ['TOTP'], preferred: 'TOTP' });
    } finally {
      await setPoolMfa('OPTIONAL');
    }
  });
});
