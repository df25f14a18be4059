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
});
