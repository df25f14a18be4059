import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import signinHtml from '../../../signin.html?raw';
import { AuthError } from '../../../src/auth/errors.ts';
import type { RiderSession } from '../../../src/auth/session.ts';
import type { NewPasswordChallenge, SignInResult } from '../../../src/auth/sign-in.ts';
import type { SignInDeps } from '../../../src/pages/signin.ts';
import { mountSignIn } from '../../../src/pages/signin.ts';
import { $, deferred, fieldErrorOf, input, loadPage, settle, submit, type } from './helpers.ts';

type Auth = SignInDeps['auth'];

const session: RiderSession = {
  email: 'rider@example.com',
  sub: 'uuid',
  idToken: 'id.token.sig',
  expiresAt: new Date(0),
};
const challenge: NewPasswordChallenge = { email: 'rider@example.com', requiredAttributes: [] };

function setup(query = '', overrides: Partial<Auth> = {}) {
  loadPage('signin');
  const navigate = vi.fn();
  const auth = {
    signIn: vi.fn<Auth['signIn']>(async () => ({ next: 'done', session })),
    completeNewPassword: vi.fn<Auth['completeNewPassword']>(async () => session),
    forgotPassword: vi.fn<Auth['forgotPassword']>(async () => ({ destination: 'r***@e***' })),
    confirmForgotPassword: vi.fn<Auth['confirmForgotPassword']>(async () => undefined),
    answerTotp: vi.fn<Auth['answerTotp']>(async () => ({ session, remembered: false })),
    startMfaSetup: vi.fn<Auth['startMfaSetup']>(async () => ({ secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/x' })),
    finishMfaSetup: vi.fn<Auth['finishMfaSetup']>(async () => session),
    ...overrides,
  };
  mountSignIn(document, { auth, navigate, params: new URLSearchParams(query), drawQr: vi.fn() });
  return { auth, navigate };
}

/** The page's h1 and document title, which follow the step. */
const named = () => [$('page-title').textContent, document.title];

const visibleForms = () =>
  Array.from(document.querySelectorAll('form'))
    .filter((f) => !f.closest('[hidden]'))
    .map((f) => f.id);

async function signInWith(email = 'rider@example.com', password = 'Unicorn1!') {
  type('email', email);
  type('password', password);
  submit('signin-form');
  await settle();
}

describe('sign-in page', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses email / current-password autocomplete and shows only the sign-in form', () => {
    setup();
    expect(input('email').autocomplete).toBe('email');
    expect(input('password').autocomplete).toBe('current-password');
    expect(input('new-password').autocomplete).toBe('new-password');
    expect(input('reset-password').autocomplete).toBe('new-password');
    expect(input('reset-code').autocomplete).toBe('one-time-code');
    expect(visibleForms()).toEqual(['signin-form']);
    expect(document.activeElement).toBe(input('email'));
  });

  it('prefills ?email=, focuses the password, and shows the verified notice', () => {
    setup('?email=rider%40example.com&verified=1');
    expect(input('email').value).toBe('rider@example.com');
    expect(document.activeElement).toBe(input('password'));
    expect($('form-message').textContent).toBe('Your email is confirmed. Sign in to start riding.');
    expect($('form-message').className).toContain('notice-success');
  });

  it('signs in and goes to the home page', async () => {
    const { auth, navigate } = setup();
    await signInWith();
    expect(auth.signIn).toHaveBeenCalledWith('rider@example.com', 'Unicorn1!');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it.each([
    ['/rides?x=1#top', '/rides?x=1#top'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
  ])('after sign-in follows ?next=%s only when same-origin', async (next, expected) => {
    const { navigate } = setup(`?next=${encodeURIComponent(next)}`);
    await signInWith();
    expect(navigate).toHaveBeenCalledWith(expected);
  });

  it('sends an unconfirmed rider to verify.html (a fresh code was sent)', async () => {
    const { navigate } = setup('', {
      signIn: async () => ({ next: 'confirmSignUp', email: 'rider@example.com', destination: 'r***@e***' }),
    });
    await signInWith('Rider@Example.com');
    expect(navigate).toHaveBeenCalledWith('/verify.html?email=rider%40example.com&unconfirmed=1&sent=1');
  });

  it('does not claim a code was sent when resending failed', async () => {
    const { navigate } = setup('', {
      signIn: async () => ({ next: 'confirmSignUp', email: 'rider@example.com', destination: null }),
    });
    await signInWith();
    expect(navigate).toHaveBeenCalledWith('/verify.html?email=rider%40example.com&unconfirmed=1');
  });

  it.each([
    [
      'NotAuthorized',
      'That email and password don’t match. Check both and try again, or reset your password.',
      'password',
    ],
    ['InvalidEmail', 'Enter a valid email address, like name@example.com.', 'email'],
    ['UserNotFound', 'We couldn’t find an account with that email. Check it, or create an account.', 'email'],
  ] as const)('shows %s on its field and focuses it', async (code, message, field) => {
    const { navigate } = setup('', {
      signIn: async () => {
        throw new AuthError(code, message, undefined, field);
      },
    });
    await signInWith();
    expect(fieldErrorOf(field)).toBe(message);
    expect(input(field).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input(field));
    expect(navigate).not.toHaveBeenCalled();
  });

  describe('field errors are heard whatever has focus', () => {
    const wrong = 'That email and password don’t match. Check both and try again, or reset your password.';
    const refuse = async () => {
      throw new AuthError('NotAuthorized', wrong, undefined, 'password');
    };

    // The announcer fills the region on a timer: these tests run it on fake timers, to the end,
    // instead of waiting up to a second of real time for it (which a stalled worker could miss).
    it('announces the error when its field already has focus (Enter pressed in it), and again when repeated', async () => {
      vi.useFakeTimers();
      setup('', { signIn: refuse });
      type('email', 'rider@example.com');
      type('password', 'Wrong1!x');
      input('password').focus();
      submit('signin-form');
      await vi.advanceTimersByTimeAsync(0);
      expect(fieldErrorOf('password')).toBe(wrong);
      expect(document.activeElement).toBe(input('password'));
      await vi.runAllTimersAsync();
      expect($('announcer').textContent).toBe(wrong);
      // Once: not in the status region as well.
      expect($('form-message').textContent).toBe('');

      submit('signin-form');
      await vi.advanceTimersByTimeAsync(0);
      expect($('announcer').textContent).toBe('');
      await vi.runAllTimersAsync();
      expect($('announcer').textContent).toBe(wrong);
    });

    it('moves focus to the field instead when it is elsewhere (the error is read from aria-describedby), without announcing it twice', async () => {
      setup('', { signIn: refuse });
      type('email', 'rider@example.com');
      type('password', 'Wrong1!x');
      input('email').focus();
      vi.useFakeTimers();
      submit('signin-form');
      // Run to the end: an announcement scheduled for any later time would have been made.
      await vi.runAllTimersAsync();
      expect(document.activeElement).toBe(input('password'));
      expect(input('password').getAttribute('aria-describedby')).toBe('password-error');
      expect($('announcer').textContent).toBe('');
    });

    it('clears an announced error when the form is sent again', async () => {
      const pending = deferred<SignInResult>();
      const signIn = vi
        .fn<Auth['signIn']>()
        .mockImplementationOnce(refuse)
        .mockImplementationOnce(() => pending.promise);
      setup('', { signIn });
      type('email', 'rider@example.com');
      type('password', 'Wrong1!x');
      input('password').focus();
      vi.useFakeTimers();
      submit('signin-form');
      await vi.runAllTimersAsync();
      expect($('announcer').textContent).toBe(wrong);
      submit('signin-form');
      await vi.advanceTimersByTimeAsync(0);
      expect($('announcer').textContent).toBe('');
      pending.resolve({ next: 'done', session });
    });
  });

  it.each([
    [
      'PasswordAttemptsExceeded',
      'Too many failed sign-in attempts. Wait a few minutes and try again, or reset your password.',
    ],
    ['UserDisabled', 'This account has been disabled. Please contact Wild Rydes support.'],
    [
      'PasswordResetRequired',
      'You need to set a new password before signing in. Choose “Forgot password?” to get a code.',
    ],
    ['Network', 'We couldn’t reach Wild Rydes. Check your internet connection and try again.'],
  ] as const)('shows %s in the message region and focuses it', async (code, message) => {
    setup('', {
      signIn: async () => {
        throw new AuthError(code, message);
      },
    });
    await signInWith();
    expect($('form-message').textContent).toBe(message);
    expect($('form-message').className).toContain('notice-error');
    expect(document.activeElement).toBe($('form-message'));
  });

  it('is busy while signing in and ignores a second submit', async () => {
    const pending = deferred<SignInResult>();
    const { auth, navigate } = setup('', { signIn: vi.fn(() => pending.promise) });
    await signInWith();
    submit('signin-form');
    await settle();
    const button = $<HTMLButtonElement>('submit');
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent).toBe('Signing in…');
    expect(auth.signIn).toHaveBeenCalledTimes(1);
    pending.resolve({ next: 'done', session });
    await settle();
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(button.textContent).toBe('Sign in');
  });

  describe('page heading and title follow the step', () => {
    it('starts as the HTML has it: “Sign in”', () => {
      setup();
      expect($('page-title').textContent).toBe($<HTMLFormElement>('signin-form').dataset.title);
      expect(new DOMParser().parseFromString(signinHtml, 'text/html').title).toBe('Sign in — Wild Rydes');
    });

    it('names the forgot and reset steps “Reset your password”, and goes back to “Sign in”', async () => {
      setup();
      $<HTMLButtonElement>('forgot').click();
      expect(named()).toEqual(['Reset your password', 'Reset your password — Wild Rydes']);
      type('forgot-email', 'rider@example.com');
      submit('forgot-form');
      await settle();
      expect(visibleForms()).toEqual(['reset-form']);
      expect(named()).toEqual(['Reset your password', 'Reset your password — Wild Rydes']);
      $<HTMLButtonElement>('back-to-signin').click();
      expect(named()).toEqual(['Sign in', 'Sign in — Wild Rydes']);
    });

    it('is “Sign in” again after a successful reset', async () => {
      setup();
      $<HTMLButtonElement>('forgot').click();
      type('forgot-email', 'rider@example.com');
      submit('forgot-form');
      await settle();
      type('reset-code', '123456');
      type('reset-password', 'BrandNew1!');
      submit('reset-form');
      await settle();
      expect(visibleForms()).toEqual(['signin-form']);
      expect(named()).toEqual(['Sign in', 'Sign in — Wild Rydes']);
    });

    it('names the new-password step “Choose your own password”', async () => {
      setup('', { signIn: async () => ({ next: 'newPassword', challenge }) });
      await signInWith();
      expect(named()).toEqual(['Choose your own password', 'Choose your own password — Wild Rydes']);
      $<HTMLButtonElement>('back-to-signin').click();
      expect(named()).toEqual(['Sign in', 'Sign in — Wild Rydes']);
    });

    it('labels the forms without their own heading by the h1, so no heading is repeated', () => {
      setup();
      for (const id of ['new-password-form', 'forgot-form']) {
        expect($(id).getAttribute('aria-labelledby')).toBe('page-title');
        expect($(id).querySelector('h2')).toBeNull();
      }
      expect($('reset-title').textContent).toBe('Set a new password');
    });
  });

  it.each([
    ['show-password', 'password'],
    ['show-new-password', 'new-password'],
    ['show-reset-password', 'reset-password'],
  ])('#%s reveals and hides #%s (aria-pressed, aria-controls)', (toggleId, inputId) => {
    setup();
    const toggle = $<HTMLButtonElement>(toggleId);
    expect(toggle.type).toBe('button');
    expect(toggle.getAttribute('aria-controls')).toBe(inputId);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(toggle.closest('form')).toBe(input(inputId).closest('form'));
    expect(input(inputId).type).toBe('password');
    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(input(inputId).type).toBe('text');
    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(input(inputId).type).toBe('password');
  });

  describe('NEW_PASSWORD_REQUIRED', () => {
    it('asks for a new password in place, then signs in and follows ?next=', async () => {
      const { auth, navigate } = setup('?next=%2Frides', { signIn: async () => ({ next: 'newPassword', challenge }) });
      await signInWith('rider@example.com', 'TempPass1!');
      expect(visibleForms()).toEqual(['new-password-form']);
      expect(document.activeElement).toBe(input('new-password'));
      expect(input('password').value).toBe('');
      expect($('new-password-rules').querySelectorAll('li')).toHaveLength(5);
      // Password managers save the new password under this account.
      expect(input('new-password-username').value).toBe('rider@example.com');
      expect(input('new-password-username').autocomplete).toBe('username');

      type('new-password', 'MyOwnPass1!');
      submit('new-password-form');
      await settle();
      expect(auth.completeNewPassword).toHaveBeenCalledWith(challenge, 'MyOwnPass1!');
      expect(navigate).toHaveBeenCalledWith('/rides');
    });

    it('shows a weak new password on the new-password field', async () => {
      const { navigate } = setup('', {
        signIn: async () => ({ next: 'newPassword', challenge }),
        completeNewPassword: async () => {
          throw new AuthError('InvalidPassword', 'Add a number (0–9).', undefined, 'password');
        },
      });
      await signInWith();
      type('new-password', 'NoDigits!!');
      submit('new-password-form');
      await settle();
      expect(fieldErrorOf('new-password')).toBe('Add a number (0–9).');
      expect(document.activeElement).toBe(input('new-password'));
      expect(navigate).not.toHaveBeenCalled();
    });
  });

  describe('forgot password', () => {
    it('emails a code, then sets the new password and returns to sign-in', async () => {
      const { auth, navigate } = setup('?email=rider%40example.com');
      $<HTMLButtonElement>('forgot').click();
      expect(visibleForms()).toEqual(['forgot-form']);
      expect(input('forgot-email').value).toBe('rider@example.com');
      expect(document.activeElement).toBe(input('forgot-email'));
      expect($('back-row').hidden).toBe(false);

      submit('forgot-form');
      await settle();
      expect(auth.forgotPassword).toHaveBeenCalledWith('rider@example.com');
      expect(visibleForms()).toEqual(['reset-form']);
      expect($('form-message').textContent).toBe(
        'If rider@example.com has an account, we’ve emailed a code to r***@e***.',
      );
      expect(document.activeElement).toBe(input('reset-code'));
      expect(input('reset-username').value).toBe('rider@example.com');

      type('reset-code', '123456');
      type('reset-password', 'BrandNew1!');
      submit('reset-form');
      await settle();
      expect(auth.confirmForgotPassword).toHaveBeenCalledWith('rider@example.com', '123456', 'BrandNew1!');
      expect(visibleForms()).toEqual(['signin-form']);
      expect($('form-message').textContent).toBe('Your password is changed. Sign in with your new password.');
      expect(document.activeElement).toBe(input('password'));
      expect(input('reset-password').value).toBe('');
      expect(navigate).not.toHaveBeenCalled();
    });

    it('shows a wrong or expired reset code on the code field', async () => {
      setup('', {
        confirmForgotPassword: async () => {
          throw new AuthError(
            'ExpiredCode',
            'That code has expired — we can send a new one.',
            'ExpiredCodeException',
            'code',
          );
        },
      });
      $<HTMLButtonElement>('forgot').click();
      type('forgot-email', 'rider@example.com');
      submit('forgot-form');
      await settle();
      type('reset-code', '123456');
      type('reset-password', 'BrandNew1!');
      submit('reset-form');
      await settle();
      expect(fieldErrorOf('reset-code')).toBe('That code has expired — we can send a new one.');
      expect(document.activeElement).toBe(input('reset-code'));
      expect(visibleForms()).toEqual(['reset-form']);
    });

    async function toResetStep() {
      $<HTMLButtonElement>('forgot').click();
      type('forgot-email', 'Rider@Example.com');
      submit('forgot-form');
      await settle();
      expect(visibleForms()).toEqual(['reset-form']);
    }

    it('sends a new code from the reset step when the first one has expired', async () => {
      const resent = deferred<{ destination: string | null }>();
      const forgotPassword = vi.fn<Auth['forgotPassword']>(async () => ({ destination: 'r***@e***' }));
      setup('', {
        forgotPassword,
        confirmForgotPassword: async () => {
          throw new AuthError(
            'ExpiredCode',
            'That code has expired — we can send a new one.',
            'ExpiredCodeException',
            'code',
          );
        },
      });
      await toResetStep();
      type('reset-code', '123456');
      type('reset-password', 'BrandNew1!');
      submit('reset-form');
      await settle();
      expect(fieldErrorOf('reset-code')).toBe('That code has expired — we can send a new one.');

      forgotPassword.mockImplementationOnce(() => resent.promise);
      const resend = $<HTMLButtonElement>('reset-resend');
      expect(resend.type).toBe('button');
      expect(resend.closest('form')?.id).toBe('reset-form');
      resend.click();
      expect(resend.disabled).toBe(true);
      expect(resend.getAttribute('aria-busy')).toBe('true');
      expect(resend.textContent).toBe('Sending…');
      resend.click();
      expect(forgotPassword).toHaveBeenCalledTimes(2);
      expect(forgotPassword).toHaveBeenLastCalledWith('Rider@Example.com');

      resent.resolve({ destination: 'r***@e***' });
      await settle();
      expect($('form-message').textContent).toBe(
        'If Rider@Example.com has an account, we’ve emailed a new code to r***@e***. Only the newest code works.',
      );
      expect($('form-message').className).toContain('notice-success');
      expect(fieldErrorOf('reset-code')).toBeNull();
      expect(input('reset-code').value).toBe('');
      expect(input('reset-code').hasAttribute('aria-invalid')).toBe(false);
      expect(document.activeElement).toBe(input('reset-code'));
      expect(resend.disabled).toBe(false);
      expect(resend.textContent).toBe('Send a new code');
      expect(visibleForms()).toEqual(['reset-form']);
    });

    it('says why a new reset code could not be sent (too many requests) and stays on the reset step', async () => {
      const forgotPassword = vi.fn<Auth['forgotPassword']>(async () => ({ destination: 'r***@e***' }));
      setup('', { forgotPassword });
      await toResetStep();
      forgotPassword.mockRejectedValueOnce(
        new AuthError(
          'LimitExceeded',
          'Too many attempts. Please wait a few minutes, then try again.',
          'LimitExceededException',
        ),
      );
      const resend = $<HTMLButtonElement>('reset-resend');
      resend.click();
      await settle();
      expect(forgotPassword).toHaveBeenCalledTimes(2);
      expect($('form-message').textContent).toBe('Too many attempts. Please wait a few minutes, then try again.');
      expect($('form-message').className).toContain('notice-error');
      expect(document.activeElement).toBe($('form-message'));
      expect(resend.disabled).toBe(false);
      expect(resend.getAttribute('aria-busy')).toBeNull();
      expect(visibleForms()).toEqual(['reset-form']);
    });

    it('shows an invalid email on the forgot form and stays there', async () => {
      setup('', {
        forgotPassword: async () => {
          throw new AuthError('InvalidEmail', 'Enter your email address.', undefined, 'email');
        },
      });
      $<HTMLButtonElement>('forgot').click();
      submit('forgot-form');
      await settle();
      expect(fieldErrorOf('forgot-email')).toBe('Enter your email address.');
      expect(visibleForms()).toEqual(['forgot-form']);
    });

    it('goes back to sign-in with the back button', () => {
      setup();
      $<HTMLButtonElement>('forgot').click();
      $<HTMLButtonElement>('back-to-signin').click();
      expect(visibleForms()).toEqual(['signin-form']);
      expect($('back-row').hidden).toBe(true);
    });
  });
});
