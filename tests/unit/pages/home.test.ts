import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../src/auth/errors';
import type { RiderSession } from '../../../src/auth/session';
import { mountHome } from '../../../src/pages/home';
import type { HomeDeps } from '../../../src/pages/home';
import { $, deferred, loadPage, settle } from './helpers';

type Auth = HomeDeps['auth'];

const session: RiderSession = {
  email: 'rider@example.com',
  sub: '0f6c1c1e-0000-4000-8000-000000000001',
  idToken: 'eyJraWQiOiJrMSJ9.eyJzdWIiOiIxIn0.c2ln',
  expiresAt: new Date('2030-01-01T12:34:00Z'),
};

async function setup(overrides: Partial<Auth> = {}, copy?: HomeDeps['copy']) {
  loadPage('index');
  const auth = {
    currentSession: vi.fn<Auth['currentSession']>(async () => session),
    signOut: vi.fn<Auth['signOut']>(async () => ({ revoked: true })),
    ...overrides,
  };
  await mountHome(document, { auth, ...(copy ? { copy } : {}) });
  return { auth };
}

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
    expect(document.querySelector<HTMLElement>('.site-nav')!.hidden).toBe(true);
  });

  it('shows links to register and sign in when signed out', async () => {
    await setup({ currentSession: async () => null });
    expect($('signed-in').hidden).toBe(true);
    expect($('signed-out').hidden).toBe(false);
    const links = Array.from($('signed-out').querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/register.html', '/signin.html']);
    expect($<HTMLTextAreaElement>('id-token').value).toBe('');
    expect(document.querySelector<HTMLElement>('.site-nav')!.hidden).toBe(false);
  });

  it('tells a signed-in rider they are all set, and a signed-out visitor to create an account', async () => {
    const lede = () => Array.from(document.querySelectorAll<HTMLElement>('.lede span'))
      .filter((span) => !span.hidden).map((span) => span.textContent);
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

  it('explains a network failure while restoring the session', async () => {
    await setup({
      currentSession: async () => {
        throw new AuthError('Network', 'We couldn’t reach Wild Rydes. Check your internet connection and try again.');
      },
    });
    expect($('signed-out').hidden).toBe(false);
    expect($('form-message').textContent).toBe('We couldn’t reach Wild Rydes. Check your internet connection and try again.');
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
    expect($('form-message').textContent).toMatch(/signed out on this device\. We couldn’t reach Wild Rydes/);
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
