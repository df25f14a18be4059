// The whole journey with the keyboard alone, and on a 375 px wide phone screen.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  audit,
  baseUrl,
  expectFocus,
  expectPath,
  expectSignedIn,
  expectSignedOut,
  expectText,
  GOOD_PASSWORD,
  hasFocus,
  newEmail,
  nextMail,
  statusRegion,
  tabTo,
  useBrowser,
} from './support.ts';

const browser = useBrowser();

describe('a keyboard-only rider (Tab, Enter and Space; no mouse)', () => {
  it('registers, confirms, signs in and signs out', async () => {
    const { page } = await browser.open();
    const email = newEmail('keyboard');
    const { keyboard } = page;

    await page.goto(`${baseUrl}/`);
    await expectSignedOut(page);
    // The first Tab stop is the skip link, and it works.
    await keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await hasFocus(skip)).toBe(true);
    await audit(page, 'keyboard-skip-link');
    await keyboard.press('Enter');
    await expectFocus(page, 'main');

    await tabTo(page, page.getByRole('link', { name: 'Create an account' }));
    await keyboard.press('Enter');
    await expectPath(page, '/register.html');

    await tabTo(page, page.getByLabel('Email address'));
    await keyboard.type(email);
    await tabTo(page, page.getByLabel('Password', { exact: true }));
    await keyboard.type(GOOD_PASSWORD);
    // Space on the show-passwords toggle reveals what was typed.
    const toggle = page.getByRole('button', { name: 'Show passwords' });
    await tabTo(page, toggle);
    await keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('text');
    await tabTo(page, page.getByLabel('Confirm password'));
    await keyboard.type(GOOD_PASSWORD);
    await audit(page, 'keyboard-register-revealed');
    await keyboard.press('Enter');

    await expectPath(page, '/verify.html');
    await expectFocus(page, 'code');
    await keyboard.type((await nextMail(email, 0)).code);
    await keyboard.press('Enter');

    await expectPath(page, '/signin.html');
    await expectFocus(page, 'password');
    await keyboard.type(GOOD_PASSWORD);
    await keyboard.press('Enter');
    await expectSignedIn(page, email);

    await tabTo(page, page.getByRole('button', { name: 'Sign out', exact: true }));
    await audit(page, 'keyboard-home-focus-sign-out');
    await keyboard.press('Space');
    await expectSignedOut(page);
    await expectText(statusRegion(page), /You’re signed out\./);
    await expectFocus(page, 'main');
  });
});

/** The page fits the viewport: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(scroll, `page is ${scroll}px wide in a ${width}px viewport (${page.url()})`).toBeLessThanOrEqual(width);
}

describe('a rider on a 375 px wide phone', () => {
  it('registers, confirms, signs in and sees the token without sideways scrolling', async () => {
    const { page } = await browser.open({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
    });
    const email = newEmail('phone');

    await page.goto(`${baseUrl}/`);
    await expectSignedOut(page);
    await expectNoSidewaysScroll(page);
    await audit(page, 'mobile-home-signed-out');

    await page.goto(`${baseUrl}/register.html`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('weak');
    await page.getByLabel('Confirm password').fill('weak');
    await page.getByRole('button', { name: 'Create account' }).tap();
    await expectText(page.locator('#password-error'), /at least 8 characters/);
    await expectNoSidewaysScroll(page);
    await audit(page, 'mobile-register-error');
    await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('Confirm password').fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).tap();

    await expectPath(page, '/verify.html');
    await expectText(statusRegion(page), /sent a code/);
    await expectNoSidewaysScroll(page);
    await audit(page, 'mobile-verify');
    await page.getByLabel('Confirmation code').fill((await nextMail(email, 0)).code);
    await page.getByRole('button', { name: 'Confirm email' }).tap();

    await expectPath(page, '/signin.html');
    await expectText(statusRegion(page), /Your email is confirmed/);
    await expectNoSidewaysScroll(page);
    await audit(page, 'mobile-signin');
    await page.locator('#signin-form').getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).tap();

    await expectSignedIn(page, email);
    await expectNoSidewaysScroll(page);
    await audit(page, 'mobile-home-signed-in');
  });
});
