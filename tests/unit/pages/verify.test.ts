import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../src/auth/errors.ts';
import type { VerifyDeps } from '../../../src/pages/verify.ts';
import { mountVerify } from '../../../src/pages/verify.ts';
import { $, deferred, fieldErrorOf, input, loadPage, settle, submit, type } from './helpers.ts';

type Auth = VerifyDeps['auth'];

function setup(query = '?email=rider%40example.com', overrides: Partial<Auth> = {}) {
  loadPage('verify');
  const navigate = vi.fn();
  const auth = {
    confirmRegistration: vi.fn<Auth['confirmRegistration']>(async () => undefined),
    resendConfirmationCode: vi.fn<Auth['resendConfirmationCode']>(async () => ({ destination: 'r***@e***' })),
    ...overrides,
  };
  mountVerify(document, { auth, navigate, params: new URLSearchParams(query) });
  return { auth, navigate };
}

describe('verify page', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('prefills the email, focuses the code, and marks the code field for one-time codes', () => {
    setup();
    expect(input('email').value).toBe('rider@example.com');
    expect(document.activeElement).toBe(input('code'));
    expect(input('code').getAttribute('inputmode')).toBe('numeric');
    expect(input('code').autocomplete).toBe('one-time-code');
    expect(input('code').getAttribute('aria-describedby')).toBe('code-hint code-error');
  });

  it('focuses the email when none was given', () => {
    setup('');
    expect(input('email').value).toBe('');
    expect(document.activeElement).toBe(input('email'));
    expect($('form-message').textContent).toBe('');
  });

  it('says where the code went after registering', () => {
    setup('?email=rider%40example.com&sent=1');
    expect($('form-message').textContent).toBe(
      'We’ve sent a code to rider@example.com. It can take a minute to arrive.',
    );
  });

  it('explains the redirect from sign-in for an unconfirmed account', () => {
    setup('?email=rider%40example.com&unconfirmed=1&sent=1');
    expect($('form-message').textContent).toBe(
      'Your email address isn’t confirmed yet. We’ve sent a new code to rider@example.com.',
    );
    setup('?email=rider%40example.com&unconfirmed=1');
    expect($('form-message').textContent).toMatch(/Enter the code we emailed you, or send a new one/);
  });

  it('confirms and goes to sign-in with a verified notice', async () => {
    const { auth, navigate } = setup();
    type('code', '123 456');
    submit('verify-form');
    await settle();
    expect(auth.confirmRegistration).toHaveBeenCalledWith('rider@example.com', '123 456');
    expect(navigate).toHaveBeenCalledWith('/signin.html?email=rider%40example.com&verified=1');
  });

  it.each([
    ['CodeMismatch', 'That code isn’t right. Check the latest email from us and try again.'],
    ['ExpiredCode', 'That code has expired — we can send a new one.'],
    ['InvalidCode', 'Enter the 6-digit code from the email.'],
  ] as const)('shows %s on the code field', async (code, message) => {
    const { navigate } = setup('?email=rider%40example.com', {
      confirmRegistration: async () => {
        throw new AuthError(code, message, undefined, 'code');
      },
    });
    type('code', '000000');
    submit('verify-form');
    await settle();
    expect(fieldErrorOf('code')).toBe(message);
    expect(input('code').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('code'));
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shows an invalid email on the email field', async () => {
    setup('', {
      confirmRegistration: async () => {
        throw new AuthError('InvalidEmail', 'Enter your email address.', undefined, 'email');
      },
    });
    submit('verify-form');
    await settle();
    expect(fieldErrorOf('email')).toBe('Enter your email address.');
    expect(document.activeElement).toBe(input('email'));
  });

  it('links to sign-in when the account is already confirmed', async () => {
    const { navigate } = setup('?email=rider%40example.com', {
      confirmRegistration: async () => {
        throw new AuthError('AlreadyConfirmed', 'This account is already confirmed — you can sign in.');
      },
    });
    type('code', '123456');
    submit('verify-form');
    await settle();
    expect(navigate).not.toHaveBeenCalled();
    expect($('form-message').className).toContain('notice-success');
    expect($('form-message').querySelector('a')?.getAttribute('href')).toBe('/signin.html?email=rider%40example.com');
  });

  it('shows LimitExceeded in the message region', async () => {
    setup('?email=rider%40example.com', {
      confirmRegistration: async () => {
        throw new AuthError('LimitExceeded', 'Too many attempts. Please wait a few minutes, then try again.');
      },
    });
    type('code', '123456');
    submit('verify-form');
    await settle();
    expect($('form-message').textContent).toBe('Too many attempts. Please wait a few minutes, then try again.');
    expect(document.activeElement).toBe($('form-message'));
  });

  it('resends a code, clears the old one, and says where it went', async () => {
    const { auth } = setup();
    type('code', '111111');
    $<HTMLButtonElement>('resend').click();
    await settle();
    expect(auth.resendConfirmationCode).toHaveBeenCalledWith('rider@example.com');
    expect(input('code').value).toBe('');
    expect($('form-message').textContent).toBe('We’ve sent a new code to r***@e***. Only the newest code works.');
    expect(document.activeElement).toBe(input('code'));
  });

  it('keeps the resend button busy while sending and ignores extra clicks', async () => {
    const pending = deferred<{ destination: string | null }>();
    const { auth } = setup('?email=rider%40example.com', { resendConfirmationCode: vi.fn(() => pending.promise) });
    const resend = $<HTMLButtonElement>('resend');
    resend.click();
    resend.click();
    await settle();
    expect(resend.getAttribute('aria-busy')).toBe('true');
    expect(resend.textContent).toBe('sending…');
    expect(auth.resendConfirmationCode).toHaveBeenCalledTimes(1);
    pending.resolve({ destination: null });
    await settle();
    expect(resend.textContent).toBe('send a new code');
    expect($('form-message').textContent).toContain('rider@example.com');
  });

  it('shows resend failures (e.g. too many codes) to the rider', async () => {
    setup('?email=rider%40example.com', {
      resendConfirmationCode: async () => {
        throw new AuthError('LimitExceeded', 'Too many attempts. Please wait a few minutes, then try again.');
      },
    });
    $<HTMLButtonElement>('resend').click();
    await settle();
    expect($('form-message').className).toContain('notice-error');
    expect($('form-message').textContent).toBe('Too many attempts. Please wait a few minutes, then try again.');
  });

  it('disables the submit button while confirming (no double submit)', async () => {
    const pending = deferred<void>();
    const { auth } = setup('?email=rider%40example.com', { confirmRegistration: vi.fn(() => pending.promise) });
    type('code', '123456');
    submit('verify-form');
    submit('verify-form');
    await settle();
    expect($<HTMLButtonElement>('submit').disabled).toBe(true);
    expect($('submit').textContent).toBe('Confirming…');
    expect(auth.confirmRegistration).toHaveBeenCalledTimes(1);
    pending.resolve();
    await settle();
    expect($<HTMLButtonElement>('submit').disabled).toBe(false);
  });
});
