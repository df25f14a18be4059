// Signing in without the password (issue 10), in Chromium: a passkey added on the account page
// (Chromium's virtual authenticator, on http://localhost because WebAuthn refuses 127.0.0.1), on a
// 375 px phone with the keyboard alone; and a code from the mailbox. Either way the session is
// like any other: a reload keeps it, sign-out ends it.
import { describe, expect, it } from 'vitest';
import {
  listedPasskeys,
  NO_PASSKEY,
  passkeysSection,
  poolAnswer,
  signInWithPasskeyByKeyboard,
  signInWithPasswordByKeyboard,
  site,
  typeSignInEmail,
  userAuth,
  WRONG_EMAIL_CODE,
} from './passwordless-kit.ts';
import { addPasskeyAuthenticator } from './second-factors.ts';
import {
  audit,
  baseUrl,
  createRider,
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
  useBrowser,
} from './support.ts';
import { activate, openAccount, signOutByKeyboard, typeInto } from './two-factor-kit.ts';

const browser = useBrowser();
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
/** `text` as a regular expression that matches it literally. */
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a rider with a passkey (keyboard only, 375 px)', () => {
  it('adds one on the account page, signs in with it, stays signed in, removes it and is told so at sign-in', async () => {
    const { page, cognitoCalls } = await browser.open(PHONE);
    const { keyboard } = page;
    const authenticator = await addPasskeyAuthenticator(page);
    const email = newEmail('passkey');

    // Register, confirm and sign in with the password, as any rider.
    await page.goto(`${site}/register.html`);
    await typeInto(page, page.getByLabel('Email address'), email);
    await typeInto(page, page.getByLabel('Password', { exact: true }), GOOD_PASSWORD);
    await typeInto(page, page.getByLabel('Confirm password'), GOOD_PASSWORD);
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

    // The account page: no passkey yet; "Add a passkey" registers the authenticator's.
    await openAccount(page);
    let section = await passkeysSection(page, /^You haven’t added a passkey yet\.$/);
    expect(await listedPasskeys(section)).toEqual([]);
    await audit(page, 'passwordless-passkeys-empty');
    const registration = poolAnswer(page, 'StartWebAuthnRegistration');
    await activate(page, section.getByRole('button', { name: 'Add a passkey' }));
    await expectText(
      section.locator('#passkeys-message'),
      /^Passkey added\. Next time, choose “Sign in with a passkey” on the sign-in page\.$/,
    );
    await expectFocus(page, 'passkeys-message');
    // The local pool bound it to the page's host, the only relying party the browser accepts here.
    const options = (await (await registration).json()) as { CredentialCreationOptions: { rp: { id: string } } };
    expect(options.CredentialCreationOptions.rp.id).toBe('localhost');
    const stored = await authenticator.credentials();
    expect(stored.map((c) => c.rpId)).toEqual(['localhost']);
    section = await passkeysSection(page, /^You have one passkey\.$/);
    const [name] = await listedPasskeys(section);
    expect(name).toMatch(/\S/);
    await expectText(section.getByRole('listitem'), /Added \w+.*\d/);
    await audit(page, 'passwordless-passkeys-one');
    expect(cognitoCalls.map((c) => c.action)).toContain('CompleteWebAuthnRegistration');

    // Signed out, the email and "Sign in with a passkey" are all it takes.
    await signOutByKeyboard(page);
    let since = cognitoCalls.length;
    await typeSignInEmail(page, email);
    await audit(page, 'passwordless-signin-choices');
    await activate(page, page.getByRole('button', { name: 'Sign in with a passkey' }));
    const token = await expectSignedIn(page, email);
    expect(userAuth(cognitoCalls.slice(since))).toEqual({ preferred: ['WEB_AUTHN'], answered: ['WEB_AUTHN'] });
    // The new device its tokens name is confirmed, so they can be refreshed (src/auth/new-device.ts).
    expect(cognitoCalls.slice(since).map((c) => c.action)).toContain('ConfirmDevice');
    const [used] = await authenticator.credentials();
    expect(used!.signCount).toBeGreaterThan(stored[0]!.signCount);

    // The session is like any other: a reload keeps it without signing in again.
    since = cognitoCalls.length;
    await page.reload();
    expect(await expectSignedIn(page, email)).toBe(token);
    expect(cognitoCalls.slice(since).map((c) => c.action)).not.toContain('InitiateAuth');

    // Remove it on the account page; the message takes the focus of the vanished button.
    await openAccount(page);
    section = await passkeysSection(page, /^You have one passkey\.$/);
    await activate(page, section.getByRole('button', { name: new RegExp(`^Remove ${literally(name!)}, added `) }));
    await expectText(
      section.locator('#passkeys-message'),
      new RegExp(`^${literally(name!)} is removed: it no longer signs you in\\.`),
    );
    await expectFocus(page, 'passkeys-message');
    section = await passkeysSection(page, /^You haven’t added a passkey yet\.$/);
    expect(await listedPasskeys(section)).toEqual([]);
    expect(cognitoCalls.map((c) => c.action)).toContain('DeleteWebAuthnCredential');

    // Sign-out ends the session, across a reload too.
    await signOutByKeyboard(page);
    expect(cognitoCalls.map((c) => c.action)).toContain('RevokeToken');
    await page.reload();
    await expectSignedOut(page);

    // The authenticator still holds the passkey, but Cognito no longer offers it: the rider is
    // told, and the password (focused) and an emailed code are right there.
    since = cognitoCalls.length;
    await signInWithPasskeyByKeyboard(page, email);
    await expectText(statusRegion(page), NO_PASSKEY);
    await expectFocus(page, 'password');
    await expectPath(page, '/signin.html');
    await expect.poll(() => page.getByRole('button', { name: 'Email me a sign-in code' }).isVisible()).toBe(true);
    await audit(page, 'passwordless-no-passkey');
    expect(userAuth(cognitoCalls.slice(since)).answered).not.toContain('WEB_AUTHN');
    await keyboard.type(GOOD_PASSWORD);
    await keyboard.press('Enter');
    await expectSignedIn(page, email);
  }, 120_000); // a long journey, on a machine whose two cores the browser shares with the preview server

  it('is told there is no passkey when the account never had one, and signs in with the password', async () => {
    const { page } = await browser.open(PHONE);
    await addPasskeyAuthenticator(page);
    const email = newEmail('nopasskey');
    await createRider(email);

    await signInWithPasskeyByKeyboard(page, email);
    await expectText(statusRegion(page), NO_PASSKEY);
    await expectFocus(page, 'password');
    await signInWithPasswordByKeyboard(page, email, GOOD_PASSWORD);
    await expectSignedIn(page, email);
  });
});

describe('a rider signing in with an emailed code', () => {
  it('is told a wrong code is wrong, asks for a new one (only the newest works), signs in, reloads, signs out', async () => {
    const { page, cognitoCalls } = await browser.open();
    const email = newEmail('emailcode');
    await createRider(email);
    const mails = (await mailFor(email)).length; // the confirmation code

    await page.goto(`${baseUrl}/signin.html`);
    const form = page.locator('#signin-form');
    await form.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in code' }).click();

    // The code step: named, focused, saying where the code went.
    const first = await nextMail(email, mails);
    expect(first.subject).toBe('Your Wild Rydes sign-in code');
    expect(first.code).toMatch(/^\d{6}$/);
    await expectText(page.getByRole('heading', { level: 1 }), /^Enter your sign-in code$/);
    await expectFocus(page, 'email-code');
    await expectText(page.locator('#email-code-sent'), /^We’ve emailed a 6-digit sign-in code to \S+@\S+\./);
    const code = page.getByLabel('Sign-in code', { exact: true });
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await expect.poll(() => form.isVisible()).toBe(false);
    await audit(page, 'passwordless-email-code');

    // A wrong code: its sentence at the field, which keeps the focus.
    await code.fill(first.code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(page.locator('#email-code-error'), WRONG_EMAIL_CODE);
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    await expectFocus(page, 'email-code');
    await expectPath(page, '/signin.html');
    await audit(page, 'passwordless-email-code-wrong');

    // "Send a new code" starts again: a second email, and the first code no longer signs in.
    await page.getByRole('button', { name: 'Send a new code' }).click();
    await expectText(statusRegion(page), /^We’ve sent a new code to \S+@\S+\. Only the newest code works\.$/);
    await expectFocus(page, 'email-code');
    const second = await nextMail(email, mails + 1);
    await audit(page, 'passwordless-email-code-resent');
    if (second.code !== first.code) {
      // (One chance in a million that both are equal; the old code then cannot be told apart.)
      await code.fill(first.code);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expectText(page.locator('#email-code-error'), WRONG_EMAIL_CODE);
      await expectPath(page, '/signin.html');
    }
    await code.fill(second.code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const token = await expectSignedIn(page, email);
    const { preferred, answered } = userAuth(cognitoCalls);
    expect(preferred).toEqual(['EMAIL_OTP', 'EMAIL_OTP']);
    expect(new Set(answered)).toEqual(new Set(['EMAIL_OTP']));
    const confirmed = cognitoCalls.filter((c) => c.action === 'ConfirmDevice').map((c) => c.body.DeviceKey);
    expect(confirmed).toHaveLength(1);

    // Like any other session: a reload keeps it, the refresh token renews it, sign-out ends it.
    let since = cognitoCalls.length;
    await page.reload();
    expect(await expectSignedIn(page, email)).toBe(token);
    expect(cognitoCalls.slice(since).map((c) => c.action)).not.toContain('InitiateAuth');
    // The library's clock drift makes the stored tokens look two hours old (as in account.test.ts).
    const drifted = await page.evaluate(() => {
      const keys = Object.keys(localStorage).filter(
        (k) => k.startsWith('CognitoIdentityServiceProvider.') && k.endsWith('.clockDrift'),
      );
      for (const k of keys) localStorage.setItem(k, String(-2 * 3600));
      return keys;
    });
    expect(drifted).toHaveLength(1);
    since = cognitoCalls.length;
    await page.reload();
    expect(decodeJwt(await expectSignedIn(page, email)).sub).toBe(decodeJwt(token).sub);
    const renewals = cognitoCalls.slice(since).filter((c) => c.action === 'InitiateAuth');
    expect(renewals.map((c) => c.body.AuthFlow)).toEqual(['REFRESH_TOKEN_AUTH']);
    // …naming the device confirmed at sign-in, without which Cognito refuses the refresh (§3.2 of the docs).
    expect((renewals[0]!.body.AuthParameters as Record<string, unknown>).DEVICE_KEY).toBe(confirmed[0]);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectSignedOut(page);
    await expectText(statusRegion(page), /You’re signed out\./);
    expect(cognitoCalls.map((c) => c.action)).toContain('RevokeToken');
    await page.reload();
    await expectSignedOut(page);
  });
});
