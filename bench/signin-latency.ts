// Sign-in as a rider experiences it, in headless Chromium against `vite preview` + the local pool:
// from the sign-in form's submit event, to the tokens landing in localStorage, to the home page
// painting "Signed in as …". Timestamps are taken in the pages (performance.timeOrigin + now(), an
// absolute clock shared across the navigation) by an init script, so CDP round trips don't count.
import type { Browser } from 'playwright-core';
import { LOCAL_POOL } from '../shared/local-pool';
import { cognitoCall } from './srp-client';

export interface SignInTiming {
  /** submit → the ID token written to localStorage (SRP math in JS + two round trips). */
  stored: number;
  /** submit → the home page painted with the signed-in rider. */
  painted: number;
}

const { userPoolId: POOL_ID, clientId: CLIENT_ID } = LOCAL_POOL;

// Runs in every page before its own scripts (init scripts are not subject to the page's CSP).
// A string, not a function: tsx's transform would add helpers that don't exist in the page.
const PROBE = `(() => {
  const at = () => performance.timeOrigin + performance.now();
  if (location.pathname === '/signin.html') {
    document.addEventListener('submit', () => sessionStorage.setItem('bench.submit', String(at())), true);
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      setItem.call(this, key, value);
      if (this === localStorage && key.endsWith('.idToken')) setItem.call(sessionStorage, 'bench.stored', String(at()));
    };
  }
  if (location.pathname === '/') {
    const watch = () => {
      const signedIn = document.getElementById('signed-in');
      if (!signedIn) return;
      const done = () => {
        if (signedIn.hidden || !document.getElementById('rider-email')?.textContent) return false;
        // rAF runs before the next paint; the task it queues runs once that frame is painted.
        requestAnimationFrame(() => setTimeout(() => { window.benchPainted = at(); }, 0));
        return true;
      };
      if (done()) return;
      const observer = new MutationObserver(() => { if (done()) observer.disconnect(); });
      observer.observe(document.body, { attributes: true, childList: true, subtree: true, characterData: true });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
    else watch();
  }
})();`;

export async function measureSignIns(
  browser: Browser,
  baseUrl: string,
  runs: number,
  warmup = 3,
): Promise<SignInTiming[]> {
  const email = `bench-${Date.now().toString(36)}@example.com`;
  const password = 'Bench-Unicorn-1';
  const api = `${baseUrl}${LOCAL_POOL.mountPath}/`;
  await cognitoCall(api, 'SignUp', {
    ClientId: CLIENT_ID, Username: email, Password: password, UserAttributes: [{ Name: 'email', Value: email }],
  });
  await cognitoCall(api, 'AdminConfirmSignUp', { UserPoolId: POOL_ID, Username: email });

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: PROBE });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const timings: SignInTiming[] = [];
  try {
    for (let i = 0; i < warmup + runs; i += 1) {
      await page.goto(`${baseUrl}/signin.html?email=${encodeURIComponent(email)}`);
      await page.evaluate(() => {
        localStorage.clear();
        sessionStorage.clear();
      });
      await page.locator('#signin-form').getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.waitForFunction(() => (window as unknown as { benchPainted?: number }).benchPainted !== undefined);
      const t = await page.evaluate(() => ({
        submit: Number(sessionStorage.getItem('bench.submit')),
        stored: Number(sessionStorage.getItem('bench.stored')),
        painted: (window as unknown as { benchPainted: number }).benchPainted,
      }));
      if (!t.submit || !t.stored) throw new Error('the sign-in page did not record submit/stored times');
      if (i >= warmup) timings.push({ stored: t.stored - t.submit, painted: t.painted - t.submit });
    }
  } finally {
    await context.close();
  }
  if (errors.length) throw new Error(`page errors during sign-in: ${errors.join('; ')}`);
  return timings;
}
