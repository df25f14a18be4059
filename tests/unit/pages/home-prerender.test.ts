// The home page prerendered from the sign-in page: it reads the session when the rider arrives,
// after the tokens were stored, not while it is prerendering.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RiderSession } from '../../../src/auth/session.ts';
import type { HomeDeps } from '../../../src/pages/home.ts';
import { mountHome } from '../../../src/pages/home.ts';
import { $, loadPage, settle } from './helpers.ts';

const session: RiderSession = {
  email: 'rider@example.com',
  sub: '0f6c1c1e-0000-4000-8000-000000000001',
  idToken: 'eyJraWQiOiJrMSJ9.eyJzdWIiOiIxIn0.c2ln',
  expiresAt: new Date('2030-01-01T12:34:00Z'),
};

afterEach(() => {
  delete (document as { prerendering?: boolean }).prerendering;
});

describe('home page, prerendered', () => {
  it('checks the session only once it is shown, then shows the rider', async () => {
    let prerendering = true;
    Object.defineProperty(document, 'prerendering', { configurable: true, get: () => prerendering });
    loadPage('index');
    const currentSession = vi.fn<HomeDeps['auth']['currentSession']>(async () => session);
    const mounted = mountHome(document, { auth: { currentSession, signOut: async () => ({ revoked: true }) } });
    await settle();
    expect(currentSession).not.toHaveBeenCalled();
    expect($('session-loading').hidden).toBe(false);

    prerendering = false;
    document.dispatchEvent(new Event('prerenderingchange'));
    await mounted;
    expect(currentSession).toHaveBeenCalledTimes(1);
    expect($('signed-in').hidden).toBe(false);
    expect($('rider-email').textContent).toBe('rider@example.com');
  });

  it('waits for the sign-in page’s tokens when it is shown before they reached its renderer', async () => {
    let prerendering = true;
    Object.defineProperty(document, 'prerendering', { configurable: true, get: () => prerendering });
    loadPage('index');
    let stored: RiderSession | null = null;
    const currentSession = vi.fn<HomeDeps['auth']['currentSession']>(async () => stored);
    const mounted = mountHome(document, { auth: { currentSession, signOut: async () => ({ revoked: true }) } });
    prerendering = false;
    document.dispatchEvent(new Event('prerenderingchange'));
    await settle();
    expect(currentSession).toHaveBeenCalledTimes(1);
    expect($('signed-out').hidden).toBe(true); // not "signed out" while the writes may be on their way

    stored = session;
    window.dispatchEvent(new StorageEvent('storage', { key: 'CognitoIdentityServiceProvider.c.idToken' }));
    await settle();
    expect(currentSession).toHaveBeenCalledTimes(1); // not yet: LastAuthUser is written last
    window.dispatchEvent(new StorageEvent('storage', { key: 'CognitoIdentityServiceProvider.c.LastAuthUser' }));
    await mounted;
    expect(currentSession).toHaveBeenCalledTimes(2);
    expect($('signed-in').hidden).toBe(false);
  });

  it('shows a rider who really is signed out after at most 2 s', async () => {
    vi.useFakeTimers();
    try {
      let prerendering = true;
      Object.defineProperty(document, 'prerendering', { configurable: true, get: () => prerendering });
      loadPage('index');
      const currentSession = vi.fn<HomeDeps['auth']['currentSession']>(async () => null);
      const mounted = mountHome(document, { auth: { currentSession, signOut: async () => ({ revoked: true }) } });
      prerendering = false;
      document.dispatchEvent(new Event('prerenderingchange'));
      await vi.advanceTimersByTimeAsync(1999);
      expect($('signed-out').hidden).toBe(true);
      await vi.advanceTimersByTimeAsync(1);
      await mounted;
      expect(currentSession).toHaveBeenCalledTimes(2);
      expect($('signed-out').hidden).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the session once when it was not prerendered, signed out or not', async () => {
    loadPage('index');
    const currentSession = vi.fn<HomeDeps['auth']['currentSession']>(async () => null);
    await mountHome(document, { auth: { currentSession, signOut: async () => ({ revoked: true }) } });
    expect(currentSession).toHaveBeenCalledTimes(1);
    expect($('signed-out').hidden).toBe(false);
  });
});

describe('home page, prerendered: what it does before it is shown', () => {
  it('lays the signed-in view out unseen and runs the session code once, then hides it again', async () => {
    let prerendering = true;
    Object.defineProperty(document, 'prerendering', { configurable: true, get: () => prerendering });
    loadPage('index');
    const view = $('signed-in');
    const layouts: { hidden: boolean; visibility: string; position: string; token: number }[] = [];
    const offsetHeight = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      if (this === view) {
        layouts.push({
          hidden: view.hidden,
          visibility: view.style.visibility,
          position: view.style.position,
          token: ($('id-token') as HTMLTextAreaElement).value.length,
        });
      }
      return 0;
    });
    const warmSessionCode = vi.fn();
    const currentSession = vi.fn<HomeDeps['auth']['currentSession']>(async () => session);
    const mounted = mountHome(document, {
      auth: { currentSession, signOut: async () => ({ revoked: true }), warmSessionCode },
    });
    await settle();
    offsetHeight.mockRestore();
    // Laid out once, shown but invisible and out of flow, with a token-sized text…
    expect(layouts).toEqual([{ hidden: false, visibility: 'hidden', position: 'absolute', token: 1100 }]);
    // …and put back as it was: hidden, no styles, no text.
    expect(view.hidden).toBe(true);
    expect(view.getAttribute('style') ?? '').toBe('');
    expect(($('id-token') as HTMLTextAreaElement).value).toBe('');
    expect(warmSessionCode).toHaveBeenCalledTimes(1);
    expect(currentSession).not.toHaveBeenCalled();

    prerendering = false;
    document.dispatchEvent(new Event('prerenderingchange'));
    await mounted;
    expect($('signed-in').hidden).toBe(false);
    expect(($('id-token') as HTMLTextAreaElement).value).toBe(session.idToken);
  });

  it('does neither when it is loaded the ordinary way', async () => {
    loadPage('index');
    const warmSessionCode = vi.fn();
    await mountHome(document, {
      auth: { currentSession: async () => session, signOut: async () => ({ revoked: true }), warmSessionCode },
    });
    expect(warmSessionCode).not.toHaveBeenCalled();
    expect($('signed-in').hidden).toBe(false);
  });
});
