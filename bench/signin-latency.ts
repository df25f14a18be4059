// Sign-in as a rider experiences it, in headless Chromium against `vite preview` + the local pool:
// from the sign-in form's submit event, to the tokens landing in localStorage, to the home page
// painting "Signed in as …". Times are taken in the pages (performance.timeOrigin + now(), an
// absolute clock shared across the navigation), so DevTools round trips don't count; "painted" is the
// home page's own mark, set once the frame showing the signed-in rider is painted.
//
// Driven with puppeteer-core, not Playwright: Chromium refuses to prerender while a DevTools client
// is attached to the page without the tab target (PrerenderingDisabledByDevTools), which is how
// Playwright attaches; puppeteer attaches through the tab, so the home page is prerendered as in
// a rider's Chrome (src/ui/prerender.ts). Each sign-in runs one of two variants, interleaved in
// the same run so load affects both alike: 'prerender' (as Chromium riders get it) and
// 'navigation' (Speculation Rules switched off, as in browsers without them).
import type { Browser } from 'puppeteer-core';
import { LOCAL_POOL } from '../shared/local-pool.ts';
import { cognitoCall } from './cognito-call.ts';
import { openTab } from './tab-driver.ts';

export type Variant = 'prerender' | 'navigation';

export interface SignInTiming {
  variant: Variant;
  /** submit → the ID token written to localStorage (SRP math in JS + two round trips). */
  stored: number;
  /** submit → the home page painted with the signed-in rider. */
  painted: number;
  /** Whether the home page was shown from a prerender (Speculation Rules) rather than loaded on navigation. */
  prerendered: boolean;
}

const { userPoolId: POOL_ID, clientId: CLIENT_ID } = LOCAL_POOL;
/** How long the rider's hands take between typing the password and pressing "Sign in" (ms). */
const THINK_MS = 1_000;

// Runs in the sign-in page before its own scripts (not subject to the page's CSP). A string, not a
// function: tsx's transform would add helpers that don't exist in the page. localStorage, not
// sessionStorage: a prerendered page starts with its own session storage.
const PROBE = `(() => {
  const at = () => performance.timeOrigin + performance.now();
  if (location.pathname !== '/signin.html') return;
  if (localStorage.getItem('bench.variant') === 'navigation') HTMLScriptElement.supports = () => false;
  document.addEventListener('submit', () => {
    localStorage.setItem('bench.submit', String(at()));
    performance.mark('bench:submit');
  }, true);
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    setItem.call(this, key, value);
    if (this === localStorage && key.endsWith('.idToken')) {
      setItem.call(localStorage, 'bench.stored', String(at()));
      performance.mark('bench:stored');
    }
  };
})();`;

/** In the home page: the absolute time the signed-in rider was first painted (the page's own mark, src/ui/paint-mark.ts). */
const PAINTED = `new Promise((resolve, reject) => {
  const started = Date.now();
  const poll = () => {
    const mark = performance.getEntriesByName('wildrydes:signed-in-painted')[0];
    if (!mark) {
      if (Date.now() - started > 15000) {
        const shown = ['session-loading', 'signed-in', 'signed-out', 'session-unknown']
          .filter((id) => !document.getElementById(id)?.hidden);
        const nav = performance.getEntriesByType('navigation')[0];
        reject(new Error('the home page never painted the signed-in rider (showing ' + shown.join(', ') + ', ' +
          document.visibilityState + ', activationStart ' + (nav && nav.activationStart) + ', message "' +
          (document.getElementById('form-message')?.textContent ?? '') + '")'));
      }
      else setTimeout(poll, 20);
      return;
    }
    const nav = performance.getEntriesByType('navigation')[0];
    resolve({
      painted: performance.timeOrigin + mark.startTime,
      activationStart: nav && nav.activationStart || 0,
      submit: Number(localStorage.getItem('bench.submit')),
      stored: Number(localStorage.getItem('bench.stored')),
    });
  };
  poll();
})`;

export interface SignIns {
  /** One sign-in from the sign-in page to the painted home page. */
  once(variant?: Variant): Promise<SignInTiming>;
  close(): Promise<void>;
}

/** A confirmed rider and a tab with the probe, ready to sign in again and again. */
export async function prepareSignIns(browser: Browser, baseUrl: string): Promise<SignIns> {
  const email = `bench-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.com`;
  const password = 'Bench-Unicorn-1';
  const api = `${baseUrl}${LOCAL_POOL.mountPath}/`;
  await cognitoCall(api, 'SignUp', {
    ClientId: CLIENT_ID,
    Username: email,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: email }],
  });
  await cognitoCall(api, 'AdminConfirmSignUp', { UserPoolId: POOL_ID, Username: email });

  const tab = await openTab(browser, PROBE);
  return {
    async once(variant: Variant = 'prerender') {
      await tab.goto(`${baseUrl}/signin.html`);
      await tab.evaluate(
        `localStorage.clear(); sessionStorage.clear(); localStorage.setItem('bench.variant', ${JSON.stringify(variant)})`,
      );
      await tab.goto(`${baseUrl}/signin.html?email=${encodeURIComponent(email)}`);
      // As a rider types: the value, then the input event the page listens to.
      await tab.evaluate(
        `(() => {
        const field = document.getElementById('password');
        field.focus();
        field.value = ${JSON.stringify(password)};
        field.dispatchEvent(new Event('input', { bubbles: true }));
      })()`,
        '/signin.html',
      );
      await new Promise((resolve) => setTimeout(resolve, THINK_MS));
      await tab.evaluate(`document.getElementById('submit').click()`, '/signin.html');
      const t = await tab.evaluate<{ painted: number; activationStart: number; submit: number; stored: number }>(
        PAINTED,
        '/',
      );
      if (!t.submit || !t.stored) throw new Error('the sign-in page did not record submit/stored times');
      if (tab.errors.length) throw new Error(`page errors during sign-in: ${tab.errors.join('; ')}`);
      return {
        variant,
        stored: t.stored - t.submit,
        painted: t.painted - t.submit,
        prerendered: t.activationStart > 0,
      };
    },
    close: () => tab.close(),
  };
}

/** `runs` sign-ins of each variant after `warmup` of each, alternating so both see the same load. */
export async function measureSignIns(
  browser: Browser,
  baseUrl: string,
  runs: number,
  warmup = 3,
): Promise<SignInTiming[]> {
  const signIns = await prepareSignIns(browser, baseUrl);
  const timings: SignInTiming[] = [];
  try {
    for (let i = 0; i < warmup + runs; i += 1) {
      // ABBA order, so neither variant always runs first after a warm cache.
      const order: Variant[] = i % 2 ? ['navigation', 'prerender'] : ['prerender', 'navigation'];
      for (const variant of order) {
        const timing = await signIns.once(variant);
        if (i >= warmup) timings.push(timing);
      }
    }
  } finally {
    await signIns.close();
  }
  return timings;
}
