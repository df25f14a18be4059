import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../src/auth/errors.ts';
import type { RiderSession } from '../../../src/auth/session.ts';
import type { HomeDeps } from '../../../src/pages/home.ts';
import { mountHome } from '../../../src/pages/home.ts';
import { $, deferred, loadPage, settle } from './helpers.ts';

type Auth = HomeDeps['auth'];

const session: RiderSession = {
  email: 'rider@example.com',
  sub: '0f6c1c1e-0000-4000-8000-000000000001',
  idToken: 'eyJraWQiOiJrMSJ9.eyJzdWIiOiIxIn0.c2ln',
  expiresAt: new Date('2030-01-01T12:34:00Z'),
};

async function setup(overrides: Partial<Auth> = {}, copy?: HomeDeps['copy'], query = '') {
  loadPage('index');
  const auth = {
    currentSession: vi.fn<Auth['currentSession']>(async () => session),
    signOut: vi.fn<Auth['signOut']>(async () => ({ revoked: true })),
    ...overrides,
  };
  await mountHome(document, { auth, ...(copy ? { copy } : {}), params: new URLSearchParams(query) });
  return { auth };
}

/** The header's account links a rider can see. */
const navLinks = () =>
  Array.from(document.querySelectorAll<HTMLAnchorElement>('.site-nav a'))
    .filter((a) => !a.hidden)
    .map((a) => a.textContent);

describe('home page', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('shows the signed-in rider, the ID token and its expiry', async () => {
    await setup();
    expect($('session-loading').hidden).toBe(true);
    expect($('signed-in').hidden).toBe(false);
    expect($('signed-out').hidden).toBe(true);
    expect($('rider-email').textContent).toBe('rider@example.com');
    expect($<HTMLTextAreaElement>('id-token').value).toBe(session.idToken);
    expect($<HTMLTimeElement>('token-expires').dateTime).toBe('2030-01-01T12:34:00.000Z');
    expect($('token-expires').textContent).toMatch(/^at \d{1,2}:\d{2}/);
    expect(navLinks()).toEqual(['Your account']);
  });

  it('links a signed-in rider to the account page, from the card and the header', async () => {
    await setup();
    const links = Array.from($('signed-in').querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([['Manage your account', '/account.html']]);
    expect(document.querySelector('.site-nav a[href="/account.html"]')!.textContent).toBe('Your account');
  });

  it.each([
    [
      '?deleted=1',
      'Your Wild Rydes account is deleted, and nothing of it is left on this device. Thanks for riding with us.',
    ],
    ['?signedOut=all', 'You’re signed out on all your devices.'],
  ])('after the account page (%s) says what happened', async (query, text) => {
    await setup({ currentSession: async () => null }, undefined, query);
    expect($('form-message').textContent).toBe(text);
    expect($('form-message').className).toContain('notice-success');
    expect($('signed-out').hidden).toBe(false);
  });

  it('ignores ?deleted=1 when someone is signed in (a stale or crafted link)', async () => {
    await setup({}, undefined, '?deleted=1');
    expect($('form-message').textContent).toBe('');
  });

  it('shows links to register and sign in when signed out', async () => {
    await setup({ currentSession: async () => null });
    expect($('signed-in').hidden).toBe(true);
    expect($('signed-out').hidden).toBe(false);
    const links = Array.from($('signed-out').querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/register.html', '/signin.html']);
    expect($<HTMLTextAreaElement>('id-token').value).toBe('');
    expect(navLinks()).toEqual(['Sign in', 'Register']);
  });

  it('tells a signed-in rider they are all set, and a signed-out visitor to create an account', async () => {
    const lede = () =>
      Array.from(document.querySelectorAll<HTMLElement>('.lede span'))
        .filter((span) => !span.hidden)
        .map((span) => span.textContent);
    await setup({ currentSession: async () => null });
    expect(lede()).toEqual(['Create a rider account to request your first ryde.']);
    await setup();
    expect(lede()).toEqual(['You’re all set to request a ryde.']);
    $<HTMLButtonElement>('sign-out').click();
    await settle();
    expect(lede()).toEqual(['Create a rider account to request your first ryde.']);
  });

  it('keeps the loading text until the session is known', async () => {
    loadPage('index');
    const pending = deferred<RiderSession | null>();
    const mounted = mountHome(document, { auth: { currentSession: () => pending.promise, signOut: vi.fn() } });
    expect($('session-loading').hidden).toBe(false);
    pending.resolve(null);
    await mounted;
    expect($('session-loading').hidden).toBe(true);
  });

  describe('when the session cannot be checked (offline; the tokens are kept)', () => {
    const offline = new AuthError(
      'Network',
      'We couldn’t reach Wild Rydes. Check your internet connection and try again.',
      'NetworkError',
    );
    const visible = (id: string) => !$(id).hidden;
    const lede = () => Array.from(document.querySelectorAll<HTMLElement>('.lede span')).filter((span) => !span.hidden);

    it('says it could not check, not that the rider is signed out, and offers to try again', async () => {
      await setup({ currentSession: vi.fn<Auth['currentSession']>().mockRejectedValue(offline) });
      expect(visible('session-unknown')).toBe(true);
      expect($('session-unknown').querySelector('p')!.textContent).toMatch(
        /^We couldn’t check your session — you may still be signed in\. Check your internet connection, then try again\.$/,
      );
      expect(visible('signed-out')).toBe(false);
      expect(visible('signed-in')).toBe(false);
      expect(visible('session-loading')).toBe(false);
      // No sign-in or register prompts as if the rider were signed out.
      expect(navLinks()).toEqual([]);
      expect(lede()).toEqual([]);
      expect($('form-message').textContent).toBe('');
      const retry = $<HTMLButtonElement>('retry-session');
      expect(retry.type).toBe('button');
      expect(retry.textContent).toBe('Try again');
    });

    it('tries again (busy) and shows the signed-in rider when the check works', async () => {
      const pending = deferred<RiderSession | null>();
      const currentSession = vi
        .fn<Auth['currentSession']>()
        .mockRejectedValueOnce(offline)
        .mockImplementationOnce(() => pending.promise);
      await setup({ currentSession });
      const retry = $<HTMLButtonElement>('retry-session');
      retry.click();
      expect(retry.disabled).toBe(true);
      expect(retry.getAttribute('aria-busy')).toBe('true');
      expect(retry.textContent).toBe('Checking…');
      retry.click();
      expect(currentSession).toHaveBeenCalledTimes(2);
      pending.resolve(session);
      await settle();
      expect(visible('session-unknown')).toBe(false);
      expect(visible('signed-in')).toBe(true);
      expect($('rider-email').textContent).toBe('rider@example.com');
      expect($<HTMLTextAreaElement>('id-token').value).toBe(session.idToken);
      expect($('form-message').textContent).toBe('You’re still signed in.');
      expect(document.activeElement).toBe($('main'));
      expect(retry.disabled).toBe(false);
      expect(retry.textContent).toBe('Try again');
    });

    it('shows the signed-out state when the check says the session has ended', async () => {
      await setup({
        currentSession: vi.fn<Auth['currentSession']>().mockRejectedValueOnce(offline).mockResolvedValueOnce(null),
      });
      $<HTMLButtonElement>('retry-session').click();
      await settle();
      expect(visible('session-unknown')).toBe(false);
      expect(visible('signed-out')).toBe(true);
      expect(navLinks()).toEqual(['Sign in', 'Register']);
      expect(lede().map((span) => span.textContent)).toEqual(['Create a rider account to request your first ryde.']);
      expect($('form-message').textContent).toBe('Your session has ended. Please sign in again.');
      expect(document.activeElement).toBe($('main'));
    });

    it('says so when trying again fails too, and stays in the not-known state', async () => {
      await setup({ currentSession: vi.fn<Auth['currentSession']>().mockRejectedValue(offline) });
      $<HTMLButtonElement>('retry-session').click();
      await settle();
      expect(visible('session-unknown')).toBe(true);
      expect(visible('signed-out')).toBe(false);
      expect($('form-message').textContent).toBe(
        'We still couldn’t check your session. Check your internet connection, then try again.',
      );
      expect($('form-message').className).toContain('notice-error');
      expect(document.activeElement).toBe($('form-message'));
    });

    it('gives the reason when the service, not the network, failed', async () => {
      await setup({
        currentSession: vi
          .fn<Auth['currentSession']>()
          .mockRejectedValue(
            new AuthError(
              'Unavailable',
              'Wild Rydes accounts are unavailable right now. Please try again in a few minutes.',
            ),
          ),
      });
      expect(visible('session-unknown')).toBe(true);
      expect(visible('signed-out')).toBe(false);
      expect($('session-problem').textContent).toBe(
        'Wild Rydes accounts are unavailable right now. Please try again in a few minutes.',
      );
    });
  });

  it('signs out (revoking the refresh token) and shows the signed-out state', async () => {
    const { auth } = await setup();
    const button = $<HTMLButtonElement>('sign-out');
    button.click();
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent).toBe('Signing out…');
    button.click();
    await settle();
    expect(auth.signOut).toHaveBeenCalledTimes(1);
    expect(auth.signOut).toHaveBeenCalledWith({ global: false });
    expect($('signed-in').hidden).toBe(true);
    expect($('signed-out').hidden).toBe(false);
    expect($<HTMLTextAreaElement>('id-token').value).toBe('');
    expect($('form-message').textContent).toBe('You’re signed out.');
  });

  it('signs out everywhere', async () => {
    const { auth } = await setup();
    $<HTMLButtonElement>('sign-out-everywhere').click();
    await settle();
    expect(auth.signOut).toHaveBeenCalledWith({ global: true });
    expect($('form-message').textContent).toBe('You’re signed out on all your devices.');
  });

  it('is honest when the server could not be reached during sign-out', async () => {
    await setup({ signOut: async () => ({ revoked: false }) });
    $<HTMLButtonElement>('sign-out').click();
    await settle();
    expect($('signed-out').hidden).toBe(false);
    expect($('form-message').textContent).toBe(
      'You’re signed out on this device. We couldn’t reach Wild Rydes to end the session ' +
        'on our side, so it ends by itself within 30 days. To end it sooner, sign in when you’re online and choose “Sign out on all devices”.',
    );
    // The ID and access tokens expire within the hour, but the unrevoked refresh token lasts 30 days.
    expect($('form-message').textContent).not.toMatch(/within the hour/);
  });

  it('copies the ID token', async () => {
    const copy = vi.fn(async () => undefined);
    await setup({}, copy);
    $<HTMLButtonElement>('copy-token').click();
    await settle();
    expect(copy).toHaveBeenCalledWith(session.idToken);
    expect($('form-message').textContent).toBe('ID token copied.');
  });

  it('selects the token for manual copying when the clipboard is refused', async () => {
    await setup({}, async () => {
      throw new Error('denied');
    });
    $<HTMLButtonElement>('copy-token').click();
    await settle();
    const token = $<HTMLTextAreaElement>('id-token');
    expect(token.selectionEnd - token.selectionStart).toBe(session.idToken.length);
    expect($('form-message').textContent).toMatch(/press Ctrl\+C/);
  });
});
