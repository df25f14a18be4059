// The sign-in page mounted with a fake passwordless auth service loaded on demand, for the tests of its
// passkey and emailed-code choices (signin-passwordless.test.ts, signin-email-code.test.ts).
import { afterEach, beforeEach, vi } from 'vitest';
import type { EmailCodeChallenge } from '../../../src/auth/passwordless.ts';
import type { RiderSession } from '../../../src/auth/session.ts';
import type { PasswordlessAuth } from '../../../src/pages/signin/other-ways.ts';
// The steps the page imports on first use, loaded up front so that first use takes no longer here
// than any other (a dynamic import of a module not yet transformed can outlast the event-loop turns below).
import '../../../src/pages/signin/choices.ts';
import type { SignInDeps } from '../../../src/pages/signin.ts';
import { mountSignIn } from '../../../src/pages/signin.ts';
import { $, loadPage, settle, type } from './helpers.ts';

type Auth = SignInDeps['auth'];

export const session: RiderSession = {
  email: 'rider@example.com',
  sub: 'uuid',
  idToken: 'id.token.sig',
  expiresAt: new Date(0),
};
export const challenge: EmailCodeChallenge = { email: 'rider@example.com', destination: 'r***@e***' };

export function setup(
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
    answerTotp: vi.fn<Auth['answerTotp']>(),
    startMfaSetup: vi.fn<Auth['startMfaSetup']>(),
    finishMfaSetup: vi.fn<Auth['finishMfaSetup']>(),
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
  mountSignIn(document, { auth, loadPasswordless, navigate, params: new URLSearchParams(query), drawQr: vi.fn() });
  return { auth, passwordless, loadPasswordless, navigate };
}

export const button = (id: string) => $<HTMLButtonElement>(id);
/** The forms shown: neither they nor a container of theirs is hidden. */
export const visibleForms = () =>
  Array.from(document.querySelectorAll('form'))
    .filter((f) => !f.closest('[hidden]'))
    .map((f) => f.id);
export const message = () => $('form-message');

/** Clicks a choice and lets it run until its button is idle again (or 20 turns of the event loop). */
export async function choose(id: 'passkey-signin' | 'email-code-signin', email = 'rider@example.com') {
  type('email', email);
  button(id).click();
  for (let turn = 0; turn < 20 && button(id).getAttribute('aria-busy') === 'true'; turn++) await settle();
}

/** Resets the page between the calling file's tests. */
export function usePage(): void {
  beforeEach(() => {
    document.body.replaceChildren();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
}
