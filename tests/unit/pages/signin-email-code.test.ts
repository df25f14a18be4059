// The sign-in page's emailed-code step (src/pages/signin/email-code.ts) with a fake passwordless service.
import { describe, expect, it, vi } from 'vitest';
import { AuthError, noEmailCode } from '../../../src/auth/errors.ts';
import type { EmailCodeChallenge, EmailCodeStart } from '../../../src/auth/passwordless.ts';
import { $, fieldErrorOf, input, settle, submit, type } from './helpers.ts';
import { button, challenge, choose, message, setup, usePage, visibleForms } from './signin-passwordless-kit.ts';

usePage();

describe('Email me a sign-in code', () => {
  it('emails a code, then asks for it on a step of its own', async () => {
    const { passwordless } = setup();
    await choose('email-code-signin');
    expect(passwordless.startEmailCodeSignIn).toHaveBeenCalledWith('rider@example.com');
    expect(visibleForms()).toEqual(['email-code-form']);
    expect([$('page-title').textContent, document.title]).toEqual([
      'Enter your sign-in code',
      'Enter your sign-in code — Wild Rydes',
    ]);
    expect($('email-code-sent').textContent).toBe(
      'We’ve emailed a 6-digit sign-in code to r***@e***. It works for a few minutes.',
    );
    const code = input('email-code');
    expect(document.activeElement).toBe(code);
    expect([code.autocomplete, code.inputMode, code.type]).toEqual(['one-time-code', 'numeric', 'text']);
    expect($(`${code.id}-hint`).textContent).toBe('The 6 digits from our email. Spaces are fine.');
    expect(code.labels?.[0]?.textContent).toBe('Sign-in code');
    expect($('back-row').hidden).toBe(false);
  });

  it('signs in with the code and follows ?next=', async () => {
    const { passwordless, navigate } = setup({}, { query: '?next=%2Frides' });
    await choose('email-code-signin');
    type('email-code', '123 456');
    submit('email-code-form');
    await settle();
    expect(passwordless.confirmEmailCode).toHaveBeenCalledWith(challenge, '123 456');
    expect(navigate).toHaveBeenCalledWith('/rides');
  });

  it('shows a wrong code on the code field', async () => {
    const wrong = new AuthError('CodeMismatch', 'That code isn’t right.', 'CodeMismatchException', 'code');
    const { navigate } = setup({
      confirmEmailCode: async () => {
        throw wrong;
      },
    });
    await choose('email-code-signin');
    type('email-code', '111111');
    submit('email-code-form');
    await settle();
    expect(fieldErrorOf('email-code')).toBe('That code isn’t right.');
    expect(input('email-code').getAttribute('aria-invalid')).toBe('true');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('sends a new code on request; only the newest is used', async () => {
    const second: EmailCodeChallenge = { email: 'rider@example.com', destination: 'r***@e***' };
    const starts: EmailCodeStart[] = [
      { next: 'emailCode', challenge },
      { next: 'emailCode', challenge: second },
    ];
    const { passwordless } = setup({ startEmailCodeSignIn: vi.fn(async () => starts.shift()!) });
    await choose('email-code-signin');
    type('email-code', '999999');
    button('email-code-resend').click();
    await settle();
    expect(passwordless.startEmailCodeSignIn).toHaveBeenCalledTimes(2);
    expect(message().textContent).toBe('We’ve sent a new code to r***@e***. Only the newest code works.');
    expect(input('email-code').value).toBe('');
    expect(document.activeElement).toBe(input('email-code'));
    type('email-code', '123456');
    submit('email-code-form');
    await settle();
    expect(passwordless.confirmEmailCode).toHaveBeenCalledWith(second, '123456');
  });

  it('says so when the account can’t get an emailed code', async () => {
    setup({
      startEmailCodeSignIn: async () => {
        throw noEmailCode();
      },
    });
    await choose('email-code-signin');
    expect(message().textContent).toBe(noEmailCode().message);
    expect(visibleForms()).toEqual(['signin-form']);
  });

  it('goes back to the password, and a second choice wires the code step only once', async () => {
    const { passwordless } = setup();
    await choose('email-code-signin');
    button('back-to-signin').click();
    expect(visibleForms()).toEqual(['signin-form']);
    await choose('email-code-signin');
    expect(visibleForms()).toEqual(['email-code-form']);
    type('email-code', '123456');
    submit('email-code-form');
    await settle();
    expect(passwordless.confirmEmailCode).toHaveBeenCalledTimes(1);
  });

  it('sends an unconfirmed rider to verify.html', async () => {
    const { navigate } = setup({
      startEmailCodeSignIn: async () => ({ next: 'confirmSignUp', email: 'rider@example.com', destination: null }),
    });
    await choose('email-code-signin');
    expect(navigate).toHaveBeenCalledWith('/verify.html?email=rider%40example.com&unconfirmed=1');
    expect(visibleForms()).toEqual(['signin-form']);
  });
});
