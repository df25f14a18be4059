// The rider's steps of the two-factor journeys, with the keyboard alone (Tab, Enter, Space and
// typing; the address bar is the only other thing used): sign in, open the account page, set up an
// authenticator app there, sign out.
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { AuthenticatorApp } from './second-factors.ts';
import {
  audit,
  baseUrl,
  expectFocus,
  expectPath,
  expectSignedOut,
  expectText,
  focused,
  hasFocus,
  statusRegion,
  tabTo,
} from './support.ts';

/** Types into the focused field, replacing what it held (Ctrl+A selects it all, as a rider would). */
export async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/**
 * Moves focus to `target` as a keyboard user does on a long page: Tab when it comes later than
 * the focused element, Shift+Tab when it comes before (at most `limit` presses; fails if it never
 * gets there).
 */
export async function tabToward(page: Page, target: Locator, limit = 40): Promise<void> {
  const before = await target.evaluate((el) => {
    const active = document.activeElement;
    if (!active || active === document.body || active === el) return false;
    return (active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  });
  if (!before) return tabTo(page, target, limit);
  for (let i = 0; i < limit && !(await hasFocus(target)); i += 1) await page.keyboard.press('Shift+Tab');
  expect(await hasFocus(target), `Shift+Tab never reached ${String(target)} (focus is on ${await focused(page)})`).toBe(
    true,
  );
}

/** Tab to `target`, type `text` into it. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabToward(page, target);
  await retype(page, text);
}

/** Tab to a button or link and press Enter. */
export async function activate(page: Page, target: Locator): Promise<void> {
  await tabToward(page, target);
  await page.keyboard.press('Enter');
}

/** The sign-in page's email and password, then Enter; the caller asserts where the rider lands. */
export async function signInByKeyboard(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin.html`);
  const form = page.locator('#signin-form');
  await expectFocus(page, 'email');
  await page.keyboard.type(email);
  await typeInto(page, form.getByLabel('Password', { exact: true }), password);
  await page.keyboard.press('Enter');
}

/** The code step of sign-in (SOFTWARE_TOKEN_MFA) is shown, named, and has focus. */
export async function expectCodeStep(page: Page): Promise<void> {
  await expectPath(page, '/signin.html');
  await page.locator('#totp-form').waitFor({ state: 'visible' });
  await expectText(page.getByRole('heading', { level: 1 }), /^Enter your code$/);
  await expectFocus(page, 'totp-code');
  await expect.poll(() => page.locator('#signin-form').isVisible()).toBe(false);
}

/** On the signed-in home page: "Manage your account" → the account page, loaded. */
export async function openAccount(page: Page): Promise<void> {
  await activate(page, page.getByRole('link', { name: 'Manage your account' }));
  await expectPath(page, '/account.html');
  await page.locator('#account').waitFor({ state: 'visible' });
  await expect.poll(() => page.locator('#devices-loading').isVisible()).toBe(false);
}

/** From any page: home (the header's brand link), then "Sign out". */
export async function signOutByKeyboard(page: Page): Promise<void> {
  if (new URL(page.url()).pathname !== '/') {
    await activate(page, page.getByRole('link', { name: 'Wild Rydes', exact: true }));
    await expectPath(page, '/');
  }
  await tabToward(page, page.getByRole('button', { name: 'Sign out', exact: true }));
  await page.keyboard.press('Space');
  await expectSignedOut(page);
  await expectText(statusRegion(page), /You’re signed out\./);
}

/**
 * The authenticator set-up shown with id prefix `prefix` (account page "mfa", sign-in "setup"):
 * waits for its QR code, checks the key and the otpauth: link, and returns the key as a rider
 * types it into the app (read from the page, spaces dropped).
 */
export async function readSetup(page: Page, prefix: string, email: string): Promise<string> {
  await page.locator(`#${prefix}-qr svg`).waitFor({ state: 'visible' });
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a rider reads off.
  const shown = await page.locator(`#${prefix}-secret`).innerText();
  // 32 Base32 characters (160 bits, §1.2 of docs/cognito-mfa-passwordless.md) in groups of four.
  expect(shown).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
  const secret = shown.replace(/ /g, '');
  const uri = new URL((await page.locator(`#${prefix}-open`).getAttribute('href')) ?? '');
  expect(uri.protocol).toBe('otpauth:');
  expect(uri.host + decodeURIComponent(uri.pathname)).toBe(`totp/Wild Rydes:${email}`);
  expect(uri.searchParams.get('secret')).toBe(secret);
  expect(uri.searchParams.get('issuer')).toBe('Wild Rydes');
  return secret;
}

/**
 * On the account page: "Set up an authenticator app", read the key the page shows, enter the
 * app's code. Returns the app, its first code used. `shot` names the audit of the set-up step
 * with its QR code, when the caller wants one.
 */
export async function setUpAuthenticator(page: Page, email: string, shot?: string): Promise<AuthenticatorApp> {
  const section = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expectText(section.locator('#mfa-status'), /^Off\./);
  await activate(page, page.getByRole('button', { name: 'Set up an authenticator app' }));
  await expectFocus(page, 'mfa-code');
  await expectText(section.locator('#mfa-message'), /Scan the QR code with your authenticator app/);
  const app = new AuthenticatorApp(await readSetup(page, 'mfa', email));
  if (shot) await audit(page, shot);

  await page.keyboard.type(app.code());
  await page.keyboard.press('Enter');
  await expectText(section.locator('#mfa-message'), /Two-factor sign-in is on\./);
  await expectText(section.locator('#mfa-status'), /^On\./);
  await expect.poll(() => section.locator('#mfa-setup-area').isVisible()).toBe(false);
  return app;
}
