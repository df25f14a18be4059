// The sign-in page's other ways in: "Sign in with a passkey" and "Email me a sign-in code" beside the
// password (src/pages/signin/), and the passkey step; the emailed-code step is signin-email-code.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { AuthError, noPasskey } from '../../../src/auth/errors.ts';
import type { PasskeySignInResult } from '../../../src/auth/passwordless.ts';
import { mountSignIn } from '../../../src/pages/signin.ts';
import { $, deferred, fieldErrorOf, input, loadPage, settle, submit, type } from './helpers.ts';
import { button, choose, message, session, setup, usePage, visibleForms } from './signin-passwordless-kit.ts';

usePage();

describe('the choices beside the password', () => {
  it('offers a passkey (where the browser has WebAuthn) and an emailed code, in a labelled group, as plain buttons', () => {
    setup();
    const group = $('other-ways');
    expect(group.hidden).toBe(false);
    expect(group.tagName).toBe('FIELDSET'); // a group named by its legend
    expect(group.querySelector('legend')?.textContent).toBe('Or sign in without your password');
    expect(button('passkey-signin').hidden).toBe(false);
    expect(button('passkey-signin').textContent).toBe('Sign in with a passkey');
    expect(button('email-code-signin').textContent).toBe('Email me a sign-in code');
    for (const id of ['passkey-signin', 'email-code-signin']) expect(button(id).type).toBe('button');
  });

  it('hides the passkey choice where the browser has no PublicKeyCredential', () => {
    setup({}, { passkeys: false });
    expect(button('passkey-signin').hidden).toBe(true);
    expect(button('email-code-signin').hidden).toBe(false);
  });

  it('offers none of it when the page has no passwordless service', () => {
    loadPage('signin');
    mountSignIn(document, {
      auth: {
        signIn: vi.fn(),
        completeNewPassword: vi.fn(),
        forgotPassword: vi.fn(),
        confirmForgotPassword: vi.fn(),
        answerTotp: vi.fn(),
        startMfaSetup: vi.fn(),
        finishMfaSetup: vi.fn(),
      },
      navigate: vi.fn(),
      params: new URLSearchParams(),
      drawQr: vi.fn(),
    });
    expect($('other-ways').hidden).toBe(true);
  });

  it('keeps the password the default: Enter signs in with SRP, and nothing passwordless is loaded', async () => {
    const { auth, loadPasswordless, navigate } = setup();
    expect(input('password').autocomplete).toBe('current-password');
    type('email', 'rider@example.com');
    type('password', 'Unicorn1!');
    submit('signin-form');
    await settle();
    expect(auth.signIn).toHaveBeenCalledWith('rider@example.com', 'Unicorn1!');
    expect(navigate).toHaveBeenCalledWith('/');
    expect(loadPasswordless).not.toHaveBeenCalled();
  });

  it.each(['passkey-signin', 'email-code-signin'] as const)(
    '%s flags a missing or malformed email on its field, before loading anything',
    async (id) => {
      const { loadPasswordless } = setup();
      await choose(id, 'rider@');
      expect(fieldErrorOf('email')).toBe('Enter a valid email address, like name@example.com.');
      expect(document.activeElement).toBe(input('email'));
      expect(loadPasswordless).not.toHaveBeenCalled();
    },
  );

  it('tells the rider when the code could not be loaded, and loads it again on the next try', async () => {
    let attempt = 0;
    const { navigate } = setup(
      {},
      {
        load: async () => {
          attempt += 1;
          if (attempt === 1) throw new TypeError('Failed to fetch dynamically imported module');
          return {
            signInWithPasskey: async () => ({ next: 'done', session }),
            startEmailCodeSignIn: vi.fn(),
            confirmEmailCode: vi.fn(),
          };
        },
      },
    );
    await choose('passkey-signin');
    expect(message().textContent).toBe('We couldn’t reach Wild Rydes. Check your internet connection and try again.');
    expect(document.activeElement).toBe(message());
    await choose('passkey-signin');
    expect(navigate).toHaveBeenCalledWith('/');
  });
});

describe('Sign in with a passkey', () => {
  it('signs in with the typed email and follows ?next=, busy while the browser asks', async () => {
    const pending = deferred<PasskeySignInResult>();
    const { passwordless, navigate } = setup(
      { signInWithPasskey: vi.fn(() => pending.promise) },
      { query: '?next=%2Frides' },
    );
    await choose('passkey-signin', 'Rider@Example.com');
    expect(passwordless.signInWithPasskey).toHaveBeenCalledWith('Rider@Example.com');
    expect(button('passkey-signin').getAttribute('aria-busy')).toBe('true');
    expect(button('passkey-signin').textContent).toBe('Waiting for your passkey…');
    button('passkey-signin').click(); // a second click while waiting does nothing
    pending.resolve({ next: 'done', session });
    await settle();
    expect(passwordless.signInWithPasskey).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith('/rides');
  });

  it('tells a rider without a passkey so, and puts them in the password field with the emailed code beside it', async () => {
    const { navigate } = setup({
      signInWithPasskey: async () => {
        throw noPasskey();
      },
    });
    await choose('passkey-signin');
    expect(message().textContent).toBe(noPasskey().message);
    expect(message().className).toContain('notice-info');
    expect(document.activeElement).toBe(input('password'));
    expect(button('email-code-signin').hidden).toBe(false);
    expect(visibleForms()).toEqual(['signin-form']);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shows a cancelled prompt as an error the rider hears', async () => {
    const cancelled = new AuthError('PasskeyCancelled', 'The passkey sign-in was cancelled or timed out.');
    setup({
      signInWithPasskey: async () => {
        throw cancelled;
      },
    });
    await choose('passkey-signin');
    expect(message().textContent).toBe(cancelled.message);
    expect(message().className).toContain('notice-error');
    expect(document.activeElement).toBe(message());
    expect(button('passkey-signin').disabled).toBe(false);
  });

  it('sends an unconfirmed rider to verify.html, as the password does', async () => {
    const { navigate } = setup({
      signInWithPasskey: async () => ({ next: 'confirmSignUp', email: 'rider@example.com', destination: 'r***@e***' }),
    });
    await choose('passkey-signin');
    expect(navigate).toHaveBeenCalledWith('/verify.html?email=rider%40example.com&unconfirmed=1&sent=1');
  });
});
