// Remembered devices and the authenticator app together (issue 9), with the REAL
// amazon-cognito-identity-js: a second-factor sign-in on a new device, "Remember this device", and
// the next sign-in on it without a code (DEVICE_SRP_AUTH instead of SOFTWARE_TOKEN_MFA); a device
// that is only tracked still asks for the code; a pool whose devices do not replace the second factor.
// TOTP codes are computed with otpauth at the pool's injected clock. docs/cognito-mfa-passwordless.md §3.
import { AuthenticationDetails, CognitoUser, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../../local-cognito/index.ts';
import { cachedDevice, type DeviceRider, deviceCall, deviceKeyClaim, recordRequests, riderOn } from './device-kit.ts';
import { type Harness, startHarness } from './harness.ts';
import { ok, PASSWORD, uniqueEmail } from './pool-kit.ts';
import { associate, codeAt, preferTotp, STEP, stepClock, verify } from './totp-kit.ts';

const clock: FakeClock = stepClock(Date.UTC(2026, 6, 1));
let h: Harness;
let requests: ReturnType<typeof recordRequests>;

beforeAll(async () => {
  h = await startHarness({ clock });
  requests = recordRequests();
});
afterAll(async () => {
  requests.stop();
  await h.close();
});

const codeFor = (secret: string): string => codeAt(secret, clock.now());

type Outcome =
  | { kind: 'tokens'; user: CognitoUser; session: CognitoUserSession; confirm: boolean }
  | { kind: 'totp'; user: CognitoUser };

/** The library's SRP sign-in on this rider's storage, up to tokens or the code step. */
function signIn(rider: DeviceRider): Promise<Outcome> {
  const user = new CognitoUser({ Username: rider.email, Pool: rider.pool, Storage: rider.storage });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: rider.email, Password: rider.password }), {
      onSuccess: (session, confirm) => resolve({ kind: 'tokens', user, session, confirm: confirm === true }),
      onFailure: reject,
      totpRequired: () => resolve({ kind: 'totp', user }),
      mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
    });
  });
}

/** The code step: resolves with the session and whether the new device waits for "Remember". */
const sendCode = (user: CognitoUser, code: string): Promise<{ session: CognitoUserSession; confirm: boolean }> =>
  new Promise((resolve, reject) => {
    user.sendMFACode(
      code,
      { onSuccess: (session, confirm) => resolve({ session, confirm: confirm === true }), onFailure: reject },
      'SOFTWARE_TOKEN_MFA',
    );
  });

/** Sets up the authenticator for a signed-in user and makes it the preferred factor; returns the secret. */
async function enableTotp(user: CognitoUser): Promise<string> {
  const secret = await associate(user);
  await verify(user, codeFor(secret));
  await preferTotp(user);
  return secret;
}

const CODE_SIGN_IN = [
  'InitiateAuth',
  'RespondToAuthChallenge:PASSWORD_VERIFIER',
  'RespondToAuthChallenge:SOFTWARE_TOKEN_MFA',
];

describe('remembered devices skip the authenticator code', () => {
  it('code on a new device → remember it → the next sign-in there needs no code; a tracked device still does', async () => {
    const email = uniqueEmail('mfa-device');
    await h.registerConfirmed(email, PASSWORD);
    // The laptop: first sign-in (no factor yet), where the rider sets up the authenticator.
    const laptop = riderOn(h.url, h.poolId, h.clientId, email, PASSWORD);
    const setUp = await signIn(laptop);
    if (setUp.kind !== 'tokens') throw new Error('expected tokens before TOTP is set up');
    const secret = await enableTotp(setUp.user);
    setUp.user.signOut();

    // The phone: a new device, so the code is asked; its result brings a new device key.
    const phone = riderOn(h.url, h.poolId, h.clientId, email, PASSWORD);
    clock.advance(STEP);
    requests.take();
    const step = await signIn(phone);
    expect(step.kind).toBe('totp');
    const done = await sendCode(step.user, codeFor(secret));
    expect(requests.take()).toEqual([...CODE_SIGN_IN, 'ConfirmDevice']);
    expect(done.confirm).toBe(true);
    const phoneKey = cachedDevice(phone, step.user).key;
    expect(deviceKeyClaim(done.session)).toBe(phoneKey);
    await deviceCall((cb) => step.user.setDeviceStatusRemembered(cb));
    step.user.signOut();

    // A wrong password first: the failure is kept while a second factor is owed, and the device step,
    // which stands in for it, completes the sign-in and clears it.
    await expect(signIn({ ...phone, password: 'Wrong-Pass-1' })).rejects.toMatchObject({
      code: 'NotAuthorizedException',
    });
    const failures = () => h.running.pool.services.store.userByEmail(h.poolId, email)?.failures;
    expect(failures()?.count).toBe(1);
    clock.advance(STEP);
    requests.take();
    const again = await signIn(phone);
    expect(again.kind).toBe('tokens');
    expect(failures()).toBeUndefined();
    expect(requests.take()).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    if (again.kind === 'tokens') expect(deviceKeyClaim(again.session)).toBe(phoneKey);

    // The laptop's device was confirmed but never remembered: the code is asked, no new device key.
    clock.advance(STEP);
    requests.take();
    const laptopStep = await signIn(laptop);
    expect(laptopStep.kind).toBe('totp');
    const laptopDone = await sendCode(laptopStep.user, codeFor(secret));
    expect(requests.take()).toEqual(CODE_SIGN_IN);
    expect(deviceKeyClaim(laptopDone.session)).toBe(cachedDevice(laptop, laptopStep.user).key);

    // Forgotten: the phone is a new device again and the code is asked.
    await deviceCall((cb) => laptopStep.user.forgetSpecificDevice(phoneKey as string, cb));
    clock.advance(STEP);
    requests.take();
    const forgotten = await signIn(phone);
    expect(forgotten.kind).toBe('totp');
    expect(requests.take()).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
    ]);
  });

  it('where remembered devices do not replace the second factor (ChallengeRequiredOnNewDevice false), the code is asked', async () => {
    const created = await ok(h.url, 'CreateUserPool', {
      PoolName: 'devices-no-skip',
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const poolId = (created.UserPool as { Id: string }).Id;
    await ok(h.url, 'SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const client = await ok(h.url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'no-skip' });
    const clientId = (client.UserPoolClient as { ClientId: string }).ClientId;
    await ok(h.url, 'AdminCreateUser', { UserPoolId: poolId, Username: 'ann', MessageAction: 'SUPPRESS' });
    await ok(h.url, 'AdminSetUserPassword', {
      UserPoolId: poolId,
      Username: 'ann',
      Password: PASSWORD,
      Permanent: true,
    });

    const rider = riderOn(h.url, poolId, clientId, 'ann', PASSWORD);
    const first = await signIn(rider);
    if (first.kind !== 'tokens') throw new Error('expected tokens before TOTP is set up');
    expect(first.confirm).toBe(false); // "always": remembered at ConfirmDevice
    const secret = await enableTotp(first.user);
    first.user.signOut();

    clock.advance(STEP);
    requests.take();
    const step = await signIn(rider);
    expect(step.kind).toBe('totp');
    const done = await sendCode(step.user, codeFor(secret));
    expect(requests.take()).toEqual(CODE_SIGN_IN);
    expect(deviceKeyClaim(done.session)).toBe(cachedDevice(rider, step.user).key);
  });
});
