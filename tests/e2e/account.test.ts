// Register, confirm, sign in, stay signed in, sign out — and the ways each step can go wrong.
import { describe, expect, it } from 'vitest';
import {
  audit,
  baseUrl,
  createRider,
  createUnconfirmedRider,
  decodeJwt,
  expectFocus,
  expectPath,
  expectSignedIn,
  expectSignedOut,
  expectText,
  GOOD_PASSWORD,
  mailFor,
  newEmail,
  nextMail,
  statusRegion,
  submitRegistration,
  submitSignIn,
  useBrowser,
} from './support.ts';

const browser = useBrowser();

describe('a new rider', () => {
  it('registers, confirms the emailed code, signs in, stays signed in across a reload and signs out', async () => {
    const { page, cognitoCalls } = await browser.open();
    const email = newEmail('rider');

    await page.goto(`${baseUrl}/`);
    await expectSignedOut(page);
    await audit(page, 'home-signed-out');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await expectPath(page, '/register.html');
    await audit(page, 'register');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('Confirm password').fill(GOOD_PASSWORD);
    await audit(page, 'register-filled');
    await page.getByRole('button', { name: 'Create account' }).click();

    // verify.html: the address is prefilled, the code field has focus, the notice says where the code went.
    await expectPath(page, '/verify.html');
    expect(new URL(page.url()).searchParams.get('email')).toBe(email);
    await expect.poll(() => page.getByLabel('Email address').inputValue()).toBe(email);
    await expectText(statusRegion(page), new RegExp(`sent a code to ${email.replace(/[.]/g, '\\.')}`));
    await expectFocus(page, 'code');
    await audit(page, 'verify-code-sent');

    const mail = await nextMail(email, 0);
    expect(mail.subject).toMatch(/verification code/i);
    expect(mail.code).toMatch(/^\d{6}$/);
    await page.getByLabel('Confirmation code').fill(mail.code);
    await page.getByRole('button', { name: 'Confirm email' }).click();

    // signin.html: "confirmed" notice, email prefilled, password focused.
    await expectPath(page, '/signin.html');
    await expectText(statusRegion(page), /Your email is confirmed/);
    await expect.poll(() => page.locator('#signin-form').getByLabel('Email address').inputValue()).toBe(email);
    await expectFocus(page, 'password');
    await audit(page, 'signin-verified');

    await page.locator('#signin-form').getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const idToken = await expectSignedIn(page, email);
    expect(cognitoCalls.filter((c) => c.action === 'InitiateAuth').map((c) => c.body.AuthFlow)).toEqual([
      'USER_SRP_AUTH',
    ]);
    expect(cognitoCalls.map((c) => c.action)).not.toContain('USER_PASSWORD_AUTH');
    await expectText(page.getByText(/^Expires at/), /Expires at \d{1,2}:\d{2}/);
    await audit(page, 'home-signed-in');
    // The device this sign-in was given is confirmed by the home page once it has painted, not before
    // the rider got there (src/auth/pending-device.ts): ConfirmDevice comes after the tokens, its key
    // is then cached where the library keeps it, and nothing is left pending.
    await expect
      .poll(() =>
        page.evaluate(() => ({
          pending: localStorage.getItem('wildrydes.pendingDevice'),
          deviceKey: Object.keys(localStorage).some((k) => k.endsWith('.deviceKey')),
        })),
      )
      .toEqual({ pending: null, deviceKey: true });
    const signInActions = cognitoCalls.map((c) => c.action);
    expect(signInActions.indexOf('ConfirmDevice')).toBeGreaterThan(signInActions.indexOf('RespondToAuthChallenge'));

    // A reload restores the session from storage: same rider, same (still valid) token, no new sign-in.
    const callsBeforeReload = cognitoCalls.length;
    await page.reload();
    expect(await expectSignedIn(page, email)).toBe(idToken);
    expect(cognitoCalls.slice(callsBeforeReload).map((c) => c.action)).not.toContain('InitiateAuth');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectSignedOut(page);
    await expectText(statusRegion(page), /You’re signed out\./);
    expect(cognitoCalls.map((c) => c.action)).toContain('RevokeToken');
    await audit(page, 'home-after-sign-out');

    await page.reload();
    await expectSignedOut(page);
  });

  it('is refused a weak password before any request is sent', async () => {
    const { page, cognitoCalls } = await browser.open();
    await submitRegistration(page, newEmail('weak'), 'unicorns', 'unicorns');

    const password = page.getByLabel('Password', { exact: true });
    await expectText(page.locator('#password-error'), /uppercase letter.*number.*symbol/);
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    await expectFocus(page, 'password');
    // The live checklist shows what is still missing.
    await expectText(
      page.getByRole('list', { name: 'Your password needs:' }),
      /At least 8 characters \(done\).*uppercase.*\(still needed\)/,
    );
    await expectPath(page, '/register.html');
    await audit(page, 'register-weak-password');

    // Mismatched confirmation: also caught on the page.
    await password.fill(GOOD_PASSWORD);
    await page.getByLabel('Confirm password').fill(`${GOOD_PASSWORD}x`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectText(page.locator('#confirm-password-error'), /don’t match/);
    await expectFocus(page, 'confirm-password');
    await audit(page, 'register-password-mismatch');

    expect(cognitoCalls, 'requests to the Cognito endpoint').toEqual([]);
  });

  it('is told an email is already registered, with a way to sign in', async () => {
    const { page } = await browser.open();
    const email = newEmail('taken');
    await createRider(email);

    await submitRegistration(page, email, GOOD_PASSWORD);
    await expectText(
      statusRegion(page),
      /An account with this email already exists\. Sign in or enter your confirmation code/,
    );
    await expectPath(page, '/register.html');
    await audit(page, 'register-existing-email');

    await statusRegion(page).getByRole('link', { name: 'Sign in' }).click();
    await expectPath(page, '/signin.html');
    await expect.poll(() => page.locator('#signin-form').getByLabel('Email address').inputValue()).toBe(email);
  });

  it('is told a wrong confirmation code is wrong, then confirms with the right one', async () => {
    const { page } = await browser.open();
    const email = newEmail('code');
    await createUnconfirmedRider(email);
    const { code } = await nextMail(email, 0);
    const wrong = code === '123456' ? '654321' : '123456';

    await page.goto(`${baseUrl}/verify.html?email=${encodeURIComponent(email)}`);
    await expectFocus(page, 'code');
    await page.getByLabel('Confirmation code').fill(wrong);
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await expectText(page.locator('#code-error'), /That code isn’t right/);
    await expect.poll(() => page.getByLabel('Confirmation code').getAttribute('aria-invalid')).toBe('true');
    await expectFocus(page, 'code');
    await expectPath(page, '/verify.html');
    await audit(page, 'verify-wrong-code');

    await page.getByLabel('Confirmation code').fill(code);
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await expectPath(page, '/signin.html');
    await expectText(statusRegion(page), /Your email is confirmed/);
  });

  it('asks for a new code; only the newest code works', async () => {
    const { page } = await browser.open();
    const email = newEmail('resend');
    await createUnconfirmedRider(email);
    const first = await nextMail(email, 0);

    await page.goto(`${baseUrl}/verify.html?email=${encodeURIComponent(email)}`);
    await page.getByRole('button', { name: 'send a new code' }).click();
    await expectText(statusRegion(page), /We’ve sent a new code to .+\. Only the newest code works\./);
    await expectFocus(page, 'code');
    await audit(page, 'verify-code-resent');
    const second = await nextMail(email, 1);

    if (second.code !== first.code) {
      await page.getByLabel('Confirmation code').fill(first.code);
      await page.getByRole('button', { name: 'Confirm email' }).click();
      // Cognito answers a superseded code as expired (docs/cognito.md §5.2).
      await expectText(page.locator('#code-error'), /That code has expired — we can send a new one\./);
      await expectPath(page, '/verify.html');
    }
    await page.getByLabel('Confirmation code').fill(second.code);
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await expectPath(page, '/signin.html');
    await expectText(statusRegion(page), /Your email is confirmed/);
  });
});

describe('a registered rider', () => {
  it('is told a wrong password does not match, then signs in with the right one', async () => {
    const { page } = await browser.open();
    const email = newEmail('wrongpw');
    await createRider(email);
    await page.goto(`${baseUrl}/signin.html`);
    await expectFocus(page, 'email');
    await audit(page, 'signin');

    await submitSignIn(page, email, 'Not-The-Password-1');
    await expectText(page.locator('#password-error'), /email and password don’t match/);
    await expect
      .poll(() => page.locator('#signin-form').getByLabel('Password', { exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    await expectFocus(page, 'password');
    await expectPath(page, '/signin.html');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in', exact: true }).isEnabled()).toBe(true);
    await audit(page, 'signin-wrong-password');

    await page.locator('#signin-form').getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedIn(page, email);
  });

  it('who never confirmed is sent to verify with a fresh code, confirms and signs in', async () => {
    const { page } = await browser.open();
    const email = newEmail('unconfirmed');
    await createUnconfirmedRider(email);
    const first = await nextMail(email, 0);

    await submitSignIn(page, email, GOOD_PASSWORD);
    await expectPath(page, '/verify.html');
    const params = new URL(page.url()).searchParams;
    expect(params.get('email')).toBe(email);
    await expectText(
      statusRegion(page),
      new RegExp(`isn’t confirmed yet\\. We’ve sent a new code to ${email.replace(/[.]/g, '\\.')}`),
    );
    await expectFocus(page, 'code');
    await audit(page, 'verify-unconfirmed');

    const fresh = await nextMail(email, 1);
    expect(await mailFor(email)).toHaveLength(2);
    expect(fresh.sentAt >= first.sentAt).toBe(true);
    await page.getByLabel('Confirmation code').fill(fresh.code);
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await expectPath(page, '/signin.html');
    await page.locator('#signin-form').getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectSignedIn(page, email);
  });

  it('whose ID and access tokens have expired stays signed in: the refresh token gets new ones', async () => {
    const { page, cognitoCalls } = await browser.open();
    const email = newEmail('refresh');
    await createRider(email);
    await submitSignIn(page, email, GOOD_PASSWORD);
    const before = await expectSignedIn(page, email);

    // The library judges expiry by exp against (now - clockDrift). A large negative drift makes the
    // stored tokens look two hours old, exactly as after a laptop sleeps past the one-hour lifetime.
    const keys = await page.evaluate(() => {
      const drifted = Object.keys(localStorage).filter(
        (k) => k.startsWith('CognitoIdentityServiceProvider.') && k.endsWith('.clockDrift'),
      );
      for (const k of drifted) localStorage.setItem(k, String(-2 * 3600));
      return drifted;
    });
    expect(keys).toHaveLength(1);
    // So the new token's iat (whole seconds) differs: wait until this machine's clock, which the pool
    // uses too, is past the second the old token was issued in, rather than a fixed 1.1 s.
    const nextSecond = (Number(decodeJwt(before).iat) + 1) * 1000;
    while (Date.now() < nextSecond) await new Promise((r) => setTimeout(r, nextSecond - Date.now()));
    const callsBefore = cognitoCalls.length;
    await page.reload();

    const after = await expectSignedIn(page, email);
    expect(after).not.toBe(before);
    expect(decodeJwt(after).sub).toBe(decodeJwt(before).sub);
    expect(Number(decodeJwt(after).iat)).toBeGreaterThan(Number(decodeJwt(before).iat));
    const refreshes = cognitoCalls.slice(callsBefore).filter((c) => c.action === 'InitiateAuth');
    expect(refreshes.map((c) => c.body.AuthFlow)).toEqual(['REFRESH_TOKEN_AUTH']);
    await audit(page, 'home-after-refresh');
  });
});
