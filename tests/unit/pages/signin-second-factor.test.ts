// The sign-in page's steps after the password when two-factor sign-in is on.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../src/auth/errors.ts';
import type { MfaSetupChallenge, TotpChallenge } from '../../../src/auth/second-factor.ts';
import type { RiderSession } from '../../../src/auth/session.ts';
import type { SignInDeps } from '../../../src/pages/signin.ts';
import { mountSignIn } from '../../../src/pages/signin.ts';
import { $, fieldErrorOf, input, loadPage, settle, submit, type } from './helpers.ts';

type Auth = SignInDeps['auth'];

const session: RiderSession = { email: 'rider@example.com', sub: 'uuid', idToken: 'id', expiresAt: new Date(0) };
const totp: TotpChallenge = { kind: 'totp', email: 'rider@example.com' };
const setupChallenge: MfaSetupChallenge = { kind: 'mfaSetup', email: 'rider@example.com' };
const SECRET = 'JBSWY3DPEHPK3PXP';

function setup(overrides: Partial<Auth> = {}, query = '') {
  loadPage('signin');
  const navigate = vi.fn();
  const drawQr = vi.fn<SignInDeps['drawQr']>();
  const auth = {
    signIn: vi.fn<Auth['signIn']>(async () => ({ next: 'totp', challenge: totp })),
    completeNewPassword: vi.fn<Auth['completeNewPassword']>(async () => session),
    forgotPassword: vi.fn<Auth['forgotPassword']>(async () => ({ destination: null })),
    confirmForgotPassword: vi.fn<Auth['confirmForgotPassword']>(async () => undefined),
    answerTotp: vi.fn<Auth['answerTotp']>(async () => ({ session, remembered: true })),
    startMfaSetup: vi.fn<Auth['startMfaSetup']>(async () => ({
      secret: SECRET,
      uri: `otpauth://totp/x?secret=${SECRET}`,
    })),
    finishMfaSetup: vi.fn<Auth['finishMfaSetup']>(async () => session),
    ...overrides,
  };
  mountSignIn(document, { auth, navigate, params: new URLSearchParams(query), drawQr });
  return { auth, navigate, drawQr };
}

const visibleSteps = () =>
  ['signin-form', 'new-password-form', 'forgot-form', 'reset-form', 'totp-form', 'setup-step'].filter(
    (id) => !$(id).hidden,
  );

async function password() {
  type('email', 'rider@example.com');
  type('password', 'Unicorn1!');
  submit('signin-form');
  await settle();
}

describe('sign-in with an authenticator code', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('asks for the 6-digit code (one-time-code, numeric) with "Remember this device"', async () => {
    setup();
    await password();
    expect(visibleSteps()).toEqual(['totp-form']);
    expect($('page-title').textContent).toBe('Enter your code');
    expect(document.title).toBe('Enter your code — Wild Rydes');
    const code = input('totp-code');
    expect(document.activeElement).toBe(code);
    expect([code.autocomplete, code.inputMode]).toEqual(['one-time-code', 'numeric']);
    expect(document.querySelector('label[for="totp-code"]')!.textContent).toBe(
      'Enter the 6-digit code from your authenticator app',
    );
    expect(input('remember-device').type).toBe('checkbox');
    expect(input('remember-device').checked).toBe(false);
    expect(document.querySelector('label[for="remember-device"]')!.textContent).toBe('Remember this device');
    expect(input('password').value).toBe('');
    expect($('back-row').hidden).toBe(false);
  });

  it('signs in with the code, remembering the device when asked, and follows ?next=', async () => {
    const { auth, navigate } = setup({}, '?next=%2Faccount.html');
    await password();
    type('totp-code', '123 456');
    input('remember-device').checked = true;
    submit('totp-form');
    await settle();
    expect(auth.answerTotp).toHaveBeenCalledWith(totp, '123 456', { remember: true });
    expect(navigate).toHaveBeenCalledWith('/account.html');
  });

  it('a wrong or reused code gets its sentence under the field, and the step stays', async () => {
    const text =
      'That code didn’t work: it was wrong or already used. Wait for the next code in your authenticator app and enter it.';
    const { navigate } = setup({
      answerTotp: async () => {
        throw new AuthError('CodeMismatch', text, 'CodeMismatchException', 'code');
      },
    });
    await password();
    type('totp-code', '000000');
    submit('totp-form');
    await settle();
    expect(fieldErrorOf('totp-code')).toBe(text);
    expect(visibleSteps()).toEqual(['totp-form']);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('an expired step says so in the message', async () => {
    setup({
      answerTotp: async () => {
        throw new AuthError('SessionExpired', 'Your session has ended. Please sign in again.');
      },
    });
    await password();
    submit('totp-form');
    await settle();
    expect($('form-message').textContent).toBe('Your session has ended. Please sign in again.');
  });
});

describe('sign-in when the pool requires two-factor sign-in (MFA_SETUP)', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('walks the rider through set-up: QR code, key in groups of four, code', async () => {
    const { auth, drawQr } = setup({ signIn: async () => ({ next: 'mfaSetup', challenge: setupChallenge }) });
    await password();
    expect(auth.startMfaSetup).toHaveBeenCalledWith(setupChallenge);
    expect(visibleSteps()).toEqual(['setup-step']);
    expect($('page-title').textContent).toBe('Set up two-factor sign-in');
    expect(drawQr).toHaveBeenCalledWith($('setup-qr'), `otpauth://totp/x?secret=${SECRET}`, expect.any(String));
    expect($('setup-secret').textContent).toBe('JBSW Y3DP EHPK 3PXP');
    expect(document.activeElement).toBe(input('setup-code'));
    expect($('setup-submit').textContent).toBe('Turn on and sign in');
    expect($('form-message').textContent).toBe('Almost there: set up an authenticator app to finish signing in.');
  });

  it('finishes the sign-in with the code', async () => {
    const { auth, navigate } = setup({ signIn: async () => ({ next: 'mfaSetup', challenge: setupChallenge }) });
    await password();
    type('setup-code', '654321');
    submit('setup-form');
    await settle();
    expect(auth.finishMfaSetup).toHaveBeenCalledWith(setupChallenge, '654321');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('also after choosing a new password (an operator-created rider)', async () => {
    const challenge = { email: 'rider@example.com', requiredAttributes: [] };
    const { auth } = setup({
      signIn: async () => ({ next: 'newPassword', challenge }),
      completeNewPassword: async () => ({ next: 'mfaSetup', challenge: setupChallenge }),
    });
    await password();
    type('new-password', 'MyOwnPass1!');
    submit('new-password-form');
    await settle();
    expect(auth.startMfaSetup).toHaveBeenCalledWith(setupChallenge);
    expect(visibleSteps()).toEqual(['setup-step']);
  });
});
