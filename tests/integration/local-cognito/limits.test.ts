// Time-dependent limits of the local pool, on an injected fake clock, with the REAL
// amazon-cognito-identity-js for sign-ins (no mocks): the failed sign-in lockout, code lifetimes
// and wrong-code limits, the hourly send limit, token and temporary-password lifetimes
// (docs/cognito.md §4, §5.2, §5.4). The client stamps SRP timestamps with its own clock;
// the pool checks only their format, so moving the pool's clock alone is enough here.

import type { CognitoUserAttribute } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../../../local-cognito/index.ts';
import {
  expectLibraryError,
  expectRawError,
  type Harness,
  newEmail,
  nodeCall,
  PASSWORD,
  startHarness,
} from './harness.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const INCORRECT = 'Incorrect username or password.';
const EXCEEDED = 'Password attempts exceeded';
const LIMIT = 'Attempt limit exceeded, please try after some time.';
const MISMATCH = 'Invalid verification code provided, please try again.';
const EXPIRED = 'Invalid code provided, please request a code again.';
const WRONG = 'Wrong-Pass-1';

let h: Harness;
let clock: FakeClock;

beforeAll(async () => {
  clock = createFakeClock(Date.now());
  h = await startHarness({ clock });
});

afterAll(async () => {
  await h?.close();
});

/** A code that is certainly not `code`. */
const otherThan = (code: string): string => (code === '000000' ? '111111' : '000000');

const confirmRaw = (email: string, code: string) =>
  h.call('ConfirmSignUp', { ClientId: h.clientId, Username: email, ConfirmationCode: code });
const resendRaw = (email: string) => h.call('ResendConfirmationCode', { ClientId: h.clientId, Username: email });
const forgotRaw = (email: string) => h.call('ForgotPassword', { ClientId: h.clientId, Username: email });
const confirmForgotRaw = (email: string, code: string, password: string) =>
  h.call('ConfirmForgotPassword', {
    ClientId: h.clientId,
    Username: email,
    ConfirmationCode: code,
    Password: password,
  });
const signUpRaw = (email: string) => h.call('SignUp', { ClientId: h.clientId, Username: email, Password: PASSWORD });

const failsWith = (email: string, password: string, message: string) =>
  expectLibraryError(h.signIn(email, password), 'NotAuthorizedException', message);

describe('failed sign-in lockout (5 free failures, then 2^(n-5) s)', () => {
  it('locks after the fifth failure, refuses even the right password during the window, does not extend it, and doubles it', async () => {
    const email = newEmail('lockout');
    await h.registerConfirmed(email);
    for (let i = 0; i < 5; i++) await failsWith(email, WRONG, INCORRECT);
    const fifthFailureAt = clock.now();

    // Locked for 2^0 = 1 s: the right password is refused too.
    await failsWith(email, PASSWORD, EXCEEDED);
    clock.set(fifthFailureAt + 500);
    await failsWith(email, WRONG, EXCEEDED);
    clock.set(fifthFailureAt + 999);
    await failsWith(email, PASSWORD, EXCEEDED);

    // The attempts inside the window did not extend it: at 1 s the password is checked again.
    clock.set(fifthFailureAt + SECOND);
    await failsWith(email, WRONG, INCORRECT);
    const sixthFailureAt = clock.now();

    // Six failures: 2^1 = 2 s.
    clock.set(sixthFailureAt + SECOND);
    await failsWith(email, PASSWORD, EXCEEDED);
    clock.set(sixthFailureAt + 2 * SECOND - 1);
    await failsWith(email, PASSWORD, EXCEEDED);
    clock.set(sixthFailureAt + 2 * SECOND);
    const { session } = await h.signIn(email);
    expect(session.isValid()).toBe(true);

    // A success clears the count: one more failure is just a failure.
    await failsWith(email, WRONG, INCORRECT);
    await expect(h.signIn(email)).resolves.toBeDefined();
  }, 20_000);

  it('doubles the lockout per further failure up to the 15-minute cap', async () => {
    const email = newEmail('capped');
    await h.registerConfirmed(email);
    for (let n = 1; n <= 15; n++) {
      await failsWith(email, WRONG, INCORRECT);
      if (n >= 5 && n < 15) clock.advance(2 ** (n - 5) * SECOND); // sit out each window: 1 s, 2 s, … 512 s
    }
    // 2^(15-5) s = 1024 s would exceed the cap: the 15th failure locks for 15 minutes.
    clock.advance(15 * MINUTE - 1);
    await failsWith(email, PASSWORD, EXCEEDED);
    clock.advance(1);
    await expect(h.signIn(email)).resolves.toBeDefined();
  }, 30_000);

  it('forgets the failures after 15 minutes without attempts', async () => {
    const email = newEmail('quiet');
    await h.registerConfirmed(email);
    for (let i = 0; i < 3; i++) await failsWith(email, WRONG, INCORRECT);
    clock.advance(15 * MINUTE + SECOND);
    // Without the reset, the 6th failure below would find a lockout instead.
    for (let i = 0; i < 3; i++) await failsWith(email, WRONG, INCORRECT);
    await expect(h.signIn(email)).resolves.toBeDefined();
  }, 20_000);

  it('within 15 minutes the failures keep counting', async () => {
    const email = newEmail('noisy');
    await h.registerConfirmed(email);
    for (let i = 0; i < 3; i++) await failsWith(email, WRONG, INCORRECT);
    clock.advance(14 * MINUTE);
    for (let i = 0; i < 2; i++) await failsWith(email, WRONG, INCORRECT);
    await failsWith(email, PASSWORD, EXCEEDED);
  }, 20_000);
});

describe('code lifetimes', () => {
  it('a sign-up code is valid for 24 hours', async () => {
    const early = newEmail('code24a');
    const late = newEmail('code24b');
    await signUpRaw(early);
    await signUpRaw(late);
    const [earlyCode, lateCode] = [await h.latestCode(early), await h.latestCode(late)];

    clock.advance(DAY - SECOND);
    await expect(h.confirm(early, earlyCode)).resolves.toBe('SUCCESS');
    clock.advance(SECOND);
    await expectLibraryError(h.confirm(late, lateCode), 'ExpiredCodeException', EXPIRED);
    // A new code is the way out.
    expect((await resendRaw(late)).status).toBe(200);
    await expect(h.confirm(late, await h.latestCode(late))).resolves.toBe('SUCCESS');
  });

  it('a password-reset code is valid for 1 hour', async () => {
    const early = newEmail('code1a');
    const late = newEmail('code1b');
    await h.registerConfirmed(early);
    await h.registerConfirmed(late);
    expect((await forgotRaw(early)).status).toBe(200);
    expect((await forgotRaw(late)).status).toBe(200);
    const [earlyCode, lateCode] = [await h.latestCode(early), await h.latestCode(late)];

    clock.advance(HOUR - SECOND);
    expect((await confirmForgotRaw(early, earlyCode, 'Reset-Pass-1')).status).toBe(200);
    clock.advance(SECOND);
    expectRawError(await confirmForgotRaw(late, lateCode, 'Reset-Pass-1'), 'ExpiredCodeException', EXPIRED);
    await failsWith(early, PASSWORD, INCORRECT);
    await expect(h.signIn(early, 'Reset-Pass-1')).resolves.toBeDefined();
  });
});

describe('wrong-code limits', () => {
  it('after 5 wrong sign-up codes even the right one is refused until a resend', async () => {
    const email = newEmail('guess');
    await signUpRaw(email);
    const code = await h.latestCode(email);
    for (let i = 0; i < 5; i++)
      expectRawError(await confirmRaw(email, otherThan(code)), 'CodeMismatchException', MISMATCH);
    await expectLibraryError(h.confirm(email, code), 'LimitExceededException', LIMIT);
    expectRawError(await confirmRaw(email, otherThan(code)), 'LimitExceededException', LIMIT);

    expect((await resendRaw(email)).status).toBe(200);
    const fresh = await h.latestCode(email);
    expectRawError(await confirmRaw(email, otherThan(fresh)), 'CodeMismatchException', MISMATCH);
    await expect(h.confirm(email, fresh)).resolves.toBe('SUCCESS');
  });

  it('after 5 wrong reset codes even the right one is refused until a new reset is requested', async () => {
    const email = newEmail('guessreset');
    await h.registerConfirmed(email);
    expect((await forgotRaw(email)).status).toBe(200);
    const code = await h.latestCode(email);
    for (let i = 0; i < 5; i++) {
      expectRawError(await confirmForgotRaw(email, otherThan(code), 'Reset-Pass-1'), 'CodeMismatchException', MISMATCH);
    }
    expectRawError(await confirmForgotRaw(email, code, 'Reset-Pass-1'), 'LimitExceededException', LIMIT);

    expect((await forgotRaw(email)).status).toBe(200);
    const fresh = await h.latestCode(email);
    expect((await confirmForgotRaw(email, fresh, 'Reset-Pass-1')).status).toBe(200);
    await expect(h.signIn(email, 'Reset-Pass-1')).resolves.toBeDefined();
  });

  it('limits code deliveries per rider per hour', async () => {
    const email = newEmail('sends');
    await signUpRaw(email); // delivery 1
    for (let i = 2; i <= 10; i++) expect((await resendRaw(email)).status).toBe(200);
    expect(await h.mailbox(email)).toHaveLength(10);
    const lastCode = await h.latestCode(email);

    expectRawError(await resendRaw(email), 'LimitExceededException', LIMIT);
    await expectLibraryError(
      nodeCall((cb) => h.cognitoUser(email).resendConfirmationCode(cb)),
      'LimitExceededException',
      LIMIT,
    );
    expect(await h.mailbox(email)).toHaveLength(10);

    clock.advance(HOUR);
    expect((await resendRaw(email)).status).toBe(200);
    expect(await h.mailbox(email)).toHaveLength(11);
    const newest = await h.latestCode(email);
    if (newest !== lastCode) expectRawError(await confirmRaw(email, lastCode), 'ExpiredCodeException', EXPIRED);
    expect((await confirmRaw(email, newest)).status).toBe(200);
  });
});

describe('token lifetimes as the pool sees them', () => {
  it('an access token expires after 60 minutes: GetUser through the real client says so', async () => {
    const email = newEmail('access');
    await h.registerConfirmed(email);
    const { user } = await h.signIn(email);
    const getAttributes = () => nodeCall<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));

    clock.advance(HOUR - SECOND);
    expect((await getAttributes()).map((a) => a.getName())).toContain('email');
    clock.advance(SECOND);
    await expectLibraryError(getAttributes(), 'NotAuthorizedException', 'Access Token has expired');
  });

  it('a refresh token works for 30 days and then is refused', async () => {
    const email = newEmail('refresh');
    await h.registerConfirmed(email);
    const { user, session } = await h.signIn(email);
    const refresh = () =>
      h.call('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: h.clientId,
        AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken(), DEVICE_KEY: null },
        ClientMetadata: {},
      });

    clock.advance(30 * DAY - SECOND);
    const renewed = await nodeCall<typeof session>((cb) => user.refreshSession(session.getRefreshToken(), cb));
    expect(renewed.getAccessToken().payload.auth_time).toBe(session.getAccessToken().payload.auth_time);
    expect(renewed.getAccessToken().payload.iat).toBe(Math.floor(clock.now() / 1000));
    clock.advance(SECOND);
    expectRawError(await refresh(), 'NotAuthorizedException', 'Refresh Token has expired');
  });

  it('the NEW_PASSWORD_REQUIRED challenge session lasts 3 minutes (AuthSessionValidity default)', async () => {
    const email = newEmail('slow');
    const temporary = 'Temp-Pass-1';
    const res = await h.call('AdminCreateUser', {
      UserPoolId: h.poolId,
      Username: email,
      TemporaryPassword: temporary,
      MessageAction: 'SUPPRESS',
    });
    expect(res.status).toBe(200);
    const { user, outcome } = await h.authenticate(email, temporary);
    expect(outcome.kind).toBe('newPasswordRequired');
    clock.advance(3 * MINUTE);
    await expectLibraryError(
      new Promise((resolve, reject) =>
        user.completeNewPasswordChallenge('Chosen-Pass-1', {}, { onSuccess: resolve, onFailure: reject }),
      ),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
    // Signing in again opens a new challenge, which completes in time.
    const again = await h.authenticate(email, temporary);
    expect(again.outcome.kind).toBe('newPasswordRequired');
    clock.advance(3 * MINUTE - SECOND);
    await expect(
      new Promise((resolve, reject) =>
        again.user.completeNewPasswordChallenge('Chosen-Pass-1', {}, { onSuccess: resolve, onFailure: reject }),
      ),
    ).resolves.toBeDefined();
  });

  it('a temporary password (AdminCreateUser) is good for 7 days', async () => {
    const fresh = newEmail('temp7a');
    const stale = newEmail('temp7b');
    const temporary = 'Temp-Pass-1';
    for (const email of [fresh, stale]) {
      const res = await h.call('AdminCreateUser', {
        UserPoolId: h.poolId,
        Username: email,
        TemporaryPassword: temporary,
        MessageAction: 'SUPPRESS',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    clock.advance(7 * DAY - SECOND);
    const { outcome } = await h.authenticate(fresh, temporary);
    expect(outcome.kind).toBe('newPasswordRequired');
    clock.advance(2 * SECOND);
    await expectLibraryError(
      h.authenticate(stale, temporary),
      'NotAuthorizedException',
      'Temporary password has expired and must be reset by an administrator.',
    );
  });
});
