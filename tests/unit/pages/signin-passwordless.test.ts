// The sign-in page's other ways in: "Sign in with a passkey" and "Email me a sign-in code"
// (src/pages/signin/), with a fake passwordless auth service loaded on demand.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError, noEmailCode, noPasskey } from '../../../src/auth/errors.ts';
import type { EmailCodeChallenge, EmailCodeStart, PasskeySignInResult } from '../../../src/auth/passwordless.ts';
import type { RiderSession } from '../../../src/auth/session.ts';
import type { PasswordlessAuth } from '../../../src/pages/signin/other-ways.ts';
// The steps the page imports on first use, loaded up front so that first use takes no longer here
// than any other (a dynamic import of a module not yet transformed can outlast the event-loop turns below).
import '../../../src/pages/signin/choices.ts';
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
const challenge: EmailCodeChallenge = { email: 'rider@example.com', destination: 'r***@e***' };

function setup(
  overrides: Partial<PasswordlessAuth> = {},
  {
    query = '',
    passkeys = true,
    load,
  }: { query?: string; passkeys?: boolean; load?: () => Promise<PasswordlessAuth> } = {},
) {
  if (passkeys) vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
  loadPage('signin');
  const navigate = vi.fn();
  const auth = {
    signIn: vi.fn<Auth['signIn']>(async () => ({ next: 'done', session })),
    completeNewPassword: vi.fn<Auth['completeNewPassword']>(),
    forgotPassword: vi.fn<Auth['forgotPassword']>(),
    confirmForgotPassword: vi.fn<Auth['confirmForgotPassword']>(),
  };
  const passwordless = {
    signInWithPasskey: vi.fn<PasswordlessAuth['signInWithPasskey']>(async () => ({ next: 'done', session })),
    startEmailCodeSignIn: vi.fn<PasswordlessAuth['startEmailCodeSignIn']>(async () => ({
      next: 'emailCode',
      challenge,
    })),
    confirmEmailCode: vi.fn<PasswordlessAuth['confirmEmailCode']>(async () => session),
    ...overrides,
  };
  const loadPasswordless = vi.fn(load ?? (async () => passwordless));
  mountSignIn(document, { auth, loadPasswordless, navigate, params: new URLSearchParams(query) });
  return { auth, passwordless, loadPasswordless, navigate };
}

const button = (id: string) => $<HTMLButtonElement>(id);
/** The forms shown: neither they nor a container of theirs is hidden. */
const visibleForms = () =>
  Array.from(document.querySelectorAll('form'))
    .filter((f) => !f.closest('[hidden]'))
    .map((f) => f.id);
const message = () => $('form-message');

/** Clicks a choice and lets it run until its button is idle again (or 20 turns of the event loop). */
async function choose(id: 'passkey-signin' | 'email-code-signin', email = 'rider@example.com') {
  type('email', email);
  button(id).click();
  for (let turn = 0; turn < 20 && button(id).getAttribute('aria-busy') === 'true'; turn++) await settle();
}

beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

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
      auth: { signIn: vi.fn(), completeNewPassword: vi.fn(), forgotPassword: vi.fn(), confirmForgotPassword: vi.fn() },
      navigate: vi.fn(),
      params: new URLSearchParams(),
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
