// The rider's steps of the passwordless journeys (issue 10): the site under the name localhost
// (WebAuthn refuses an IP-address origin), the account page's Passkeys section, and what the
// journeys check about the calls the page made to Cognito.
import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import { localhostOrigin } from './second-factors.ts';
import { baseUrl, type CognitoCall, expectFocus, expectText } from './support.ts';
import { activate, typeInto } from './two-factor-kit.ts';

/** The preview server as http://localhost:<port>: the origin passkeys work on. */
export const site = localhostOrigin(baseUrl);

export const NO_PASSKEY =
  /^You can’t sign in with a passkey here yet: no passkey has been added for this email address, or two-factor sign-in is on \(it needs your password\)\. Sign in with your password or an emailed code\.$/;
export const WRONG_EMAIL_CODE = /^That code isn’t right\. Check the newest sign-in email from us and try again\.$/;

/** The USER_AUTH sign-ins among `calls`: each InitiateAuth's preferred factor, and the challenges answered. */
export function userAuth(calls: CognitoCall[]): { preferred: unknown[]; answered: unknown[] } {
  const starts = calls.filter((c) => c.action === 'InitiateAuth');
  for (const start of starts) expect(start.body.AuthFlow).toBe('USER_AUTH');
  return {
    preferred: starts.map((c) => (c.body.AuthParameters as Record<string, unknown>).PREFERRED_CHALLENGE),
    answered: calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.body.ChallengeName),
  };
}

/** The next answer of the pool to `action` (start waiting before the rider acts). */
export function poolAnswer(page: Page, action: string): Promise<Response> {
  return page.waitForResponse(
    (res) => res.request().headers()['x-amz-target'] === `AWSCognitoIdentityProviderService.${action}`,
  );
}

/** The sign-in page with the email typed (keyboard only), the choices in view. */
export async function typeSignInEmail(page: Page, email: string): Promise<void> {
  await page.goto(`${site}/signin.html`);
  await expectFocus(page, 'email');
  await page.keyboard.type(email);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Email me a sign-in code' }).waitFor({ state: 'visible' });
}

/** Email typed, then "Sign in with a passkey" (the virtual authenticator answers the browser's prompt). */
export async function signInWithPasskeyByKeyboard(page: Page, email: string): Promise<void> {
  await typeSignInEmail(page, email);
  await activate(page, page.getByRole('button', { name: 'Sign in with a passkey' }));
}

/** Email and password, keyboard only, on the localhost site. */
export async function signInWithPasswordByKeyboard(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${site}/signin.html`);
  await expectFocus(page, 'email');
  await page.keyboard.type(email);
  await typeInto(page, page.locator('#signin-form').getByLabel('Password', { exact: true }), password);
  await page.keyboard.press('Enter');
}

/** The account page's Passkeys section once its list has loaded, with the status line it shows. */
export async function passkeysSection(page: Page, status: RegExp): Promise<Locator> {
  const section = page.getByRole('region', { name: 'Passkeys' });
  await expectText(section.locator('#passkeys-status'), status);
  return section;
}

/** The names of the passkeys the section lists. */
export async function listedPasskeys(section: Locator): Promise<string[]> {
  const list = section.getByRole('list', { name: 'Passkeys' });
  if (!(await list.isVisible())) return [];
  return list.locator('.passkey-name').allTextContents();
}
