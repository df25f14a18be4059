// Getting back in: a forgotten password, and a rider an operator created with a temporary password.
import { describe, expect, it } from 'vitest';
import {
  audit,
  createInvitedRider,
  createRider,
  expectFocus,
  expectPath,
  expectSignedIn,
  expectSignedOut,
  expectText,
  GOOD_PASSWORD,
  newEmail,
  nextMail,
  statusRegion,
  submitSignIn,
  useBrowser,
} from './support.ts';

const browser = useBrowser();
const NEW_PASSWORD = 'Rainbow-Trail-77';

describe('a rider who forgot the password', () => {
  it('gets a code by email, sets a new password, signs in with it; the old one no longer works', async () => {
    const { page } = await browser.open();
    const email = newEmail('forgot');
    await createRider(email, GOOD_PASSWORD);

    await submitSignIn(page, email, 'Guessing-Wrong-1');
    await expectText(page.locator('#password-error'), /don’t match/);
    await page.getByRole('button', { name: 'Forgot password?' }).click();

    const forgot = page.getByRole('form', { name: 'Reset your password' });
    await forgot.waitFor();
    await expect.poll(() => forgot.getByLabel('Email address').inputValue()).toBe(email);
    await expectFocus(page, 'forgot-email');
    await audit(page, 'signin-forgot');
    await forgot.getByRole('button', { name: 'Email me a code' }).click();

    const reset = page.getByRole('form', { name: 'Set a new password' });
    await reset.waitFor();
    await expectText(
      statusRegion(page),
      new RegExp(`If ${email.replace(/[.]/g, '\\.')} has an account, we’ve emailed a code`),
    );
    await expectFocus(page, 'reset-code');
    await audit(page, 'signin-reset-code');

    const mail = await nextMail(email, 1); // the sign-up code came first
    expect(mail.subject).toMatch(/password reset/i);
    await reset.getByLabel('Code from the email').fill(mail.code);
    await reset.getByLabel('New password').fill(NEW_PASSWORD);
    await reset.getByRole('button', { name: 'Set new password' }).click();

    await expectText(statusRegion(page), /Your password is changed\. Sign in with your new password\./);
    await expect.poll(() => page.locator('#signin-form').getByLabel('Email address').inputValue()).toBe(email);
    await expectFocus(page, 'password');
    await audit(page, 'signin-password-changed');

    const password = page.locator('#signin-form').getByLabel('Password', { exact: true });
    await password.fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(page.locator('#password-error'), /email and password don’t match/);
    await expectPath(page, '/signin.html');

    await password.fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedIn(page, email);
  });
});

describe('a rider an operator created', () => {
  it('signs in with the emailed temporary password, chooses a new one and is signed in', async () => {
    const { page, cognitoCalls } = await browser.open();
    const email = newEmail('invited');
    const temporary = await createInvitedRider(email);

    await submitSignIn(page, email, temporary);
    const choose = page.getByRole('form', { name: 'Choose your own password' });
    await choose.waitFor();
    await expectText(statusRegion(page), /Almost there: choose your own password\./);
    await expectFocus(page, 'new-password');
    await expect.poll(() => page.locator('#signin-form').isVisible()).toBe(false);
    await audit(page, 'signin-new-password-required');

    // The policy applies here too, before any request.
    const calls = cognitoCalls.length;
    await choose.getByLabel('New password').fill('short');
    await choose.getByRole('button', { name: 'Set password and sign in' }).click();
    await expectText(page.locator('#new-password-error'), /at least 8 characters/);
    expect(cognitoCalls.length).toBe(calls);
    await audit(page, 'signin-new-password-weak');

    await choose.getByLabel('New password').fill(NEW_PASSWORD);
    await choose.getByRole('button', { name: 'Set password and sign in' }).click();
    await expectSignedIn(page, email);
    expect(cognitoCalls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.body.ChallengeName)).toEqual([
      'PASSWORD_VERIFIER',
      'NEW_PASSWORD_REQUIRED',
    ]);

    // The temporary password is gone for good.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectSignedOut(page);
    await submitSignIn(page, email, temporary);
    await expectText(page.locator('#password-error'), /don’t match/);
  });
});
