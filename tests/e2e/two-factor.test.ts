// The rider's account page with two-factor sign-in, start to finish (issue 9), on a 375 px phone
// and with the keyboard alone: register, set up an authenticator app, sign in with its code and
// remember the device, sign in on it without a code, change the password and the email address,
// delete the account.
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
  newEmail,
  nextMail,
  statusRegion,
  useBrowser,
} from './support.ts';
import {
  activate,
  expectCodeStep,
  openAccount,
  retype,
  setUpAuthenticator,
  signInByKeyboard,
  signOutByKeyboard,
  tabToward,
  typeInto,
} from './two-factor-kit.ts';

const browser = useBrowser();
const NEW_PASSWORD = 'Rainbow-Trail-77';
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

const actions = (calls: { action: string; body: Record<string, unknown> }[]) => calls.map((c) => c.action);
const challenges = (calls: { action: string; body: Record<string, unknown> }[]) =>
  calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.body.ChallengeName);

describe('a rider protecting the account with an authenticator app (keyboard only, 375 px)', () => {
  it('sets it up, signs in with a code, is remembered, changes password and email, and deletes the account', async () => {
    const { page, cognitoCalls } = await browser.open(PHONE);
    const { keyboard } = page;
    const email = newEmail('twofactor');
    const newAddress = newEmail('twofactor-new');

    // Register and confirm, as any rider.
    await page.goto(`${baseUrl}/`);
    await expectSignedOut(page);
    await activate(page, page.getByRole('link', { name: 'Create an account' }));
    await expectPath(page, '/register.html');
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

    // The account page: two-factor sign-in is off, no remembered devices.
    await openAccount(page);
    await expectText(page.locator('#account-email'), new RegExp(`^${email.replace(/[.]/g, '\\.')}$`));
    await expectText(page.locator('#email-status'), /^You sign in with /);
    await expect.poll(() => page.locator('#devices-empty').isVisible()).toBe(true);
    await audit(page, 'two-factor-account');

    const app = await setUpAuthenticator(page, email, 'two-factor-account-setup');
    await audit(page, 'two-factor-account-on');
    expect(actions(cognitoCalls)).toEqual(
      expect.arrayContaining(['AssociateSoftwareToken', 'VerifySoftwareToken', 'SetUserMFAPreference']),
    );

    // Signing in now asks for the code; the rider ticks "Remember this device".
    await signOutByKeyboard(page);
    let since = cognitoCalls.length;
    await signInByKeyboard(page, email, GOOD_PASSWORD);
    await expectCodeStep(page);
    const code = page.getByLabel('Enter the 6-digit code from your authenticator app');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    await audit(page, 'two-factor-signin-code');
    await keyboard.type(app.code());
    const remember = page.getByRole('checkbox', { name: 'Remember this device' });
    await tabToward(page, remember);
    await keyboard.press('Space');
    await expect.poll(() => remember.isChecked()).toBe(true);
    await activate(page, page.getByRole('button', { name: 'Verify and sign in' }));
    await expectSignedIn(page, email);
    expect(challenges(cognitoCalls.slice(since))).toEqual(['PASSWORD_VERIFIER', 'SOFTWARE_TOKEN_MFA']);
    // The library confirmed this browser as a device at its first sign-in; ticking the box remembers it.
    expect(actions(cognitoCalls.slice(0, since))).toContain('ConfirmDevice');
    expect(
      cognitoCalls
        .slice(since)
        .filter((c) => c.action === 'UpdateDeviceStatus')
        .map((c) => c.body.DeviceRememberedStatus),
    ).toEqual(['remembered']);

    // On this remembered device the password is enough: device SRP instead of the code.
    await signOutByKeyboard(page);
    since = cognitoCalls.length;
    await signInByKeyboard(page, email, GOOD_PASSWORD);
    await expectSignedIn(page, email);
    expect(challenges(cognitoCalls.slice(since))).toEqual([
      'PASSWORD_VERIFIER',
      'DEVICE_SRP_AUTH',
      'DEVICE_PASSWORD_VERIFIER',
    ]);

    // …and the account page lists it, as this device, with its last use.
    await openAccount(page);
    const devices = page.getByRole('list', { name: 'Remembered devices' });
    await expect.poll(() => devices.getByRole('listitem').count()).toBe(1);
    await expectText(
      devices.getByRole('listitem'),
      /^Chrome on \w+ This device Last used \D*\d.* Forget Chrome on \w+ \(this device\)$/,
    );
    await audit(page, 'two-factor-devices');

    // Change password; the new one signs in (still without a code), the old one no longer does.
    const passwordForm = page.getByRole('form', { name: 'Change password' });
    await typeInto(page, passwordForm.getByLabel('Current password', { exact: true }), GOOD_PASSWORD);
    await typeInto(page, passwordForm.getByLabel('New password', { exact: true }), NEW_PASSWORD);
    await activate(page, passwordForm.getByRole('button', { name: 'Change password' }));
    await expectText(page.locator('#password-message'), /Your password is changed\./);
    await expectFocus(page, 'password-message');
    await audit(page, 'two-factor-password-changed');
    await signOutByKeyboard(page);
    await signInByKeyboard(page, email, GOOD_PASSWORD);
    await expectText(page.locator('#password-error'), /email and password don’t match/);
    await signInByKeyboard(page, email, NEW_PASSWORD);
    await expectSignedIn(page, email);

    // Change email: the new address gets a code; until it is entered the old one stays the sign-in name.
    await openAccount(page);
    await typeInto(page, page.getByLabel('New email address'), newAddress);
    await keyboard.press('Enter');
    await expectText(page.locator('#email-message'), /We’ve emailed a code to /);
    await expectFocus(page, 'email-code');
    const pending = new RegExp(
      `We emailed a code to ${newAddress.replace(/[.]/g, '\\.')}\\. Until you enter it, you keep signing in with ${email.replace(/[.]/g, '\\.')}\\.`,
    );
    await expectText(page.locator('#email-status'), pending);
    await audit(page, 'two-factor-email-pending');
    const mail = await nextMail(newAddress, 0);
    expect(mail.code).toMatch(/^\d{6}$/);

    await signOutByKeyboard(page);
    await signInByKeyboard(page, email, NEW_PASSWORD);
    await expectSignedIn(page, email);
    await openAccount(page);
    await expectText(page.locator('#email-status'), pending);
    await typeInto(page, page.getByLabel('Code from the email'), mail.code);
    await keyboard.press('Enter');
    await expectText(
      page.locator('#email-message'),
      new RegExp(`Your email address is changed\\. Sign in with ${newAddress.replace(/[.]/g, '\\.')} from now on\\.`),
    );
    await expectText(page.locator('#account-email'), new RegExp(`^${newAddress.replace(/[.]/g, '\\.')}$`));
    await expectText(page.locator('#email-status'), /^You sign in with /);
    await audit(page, 'two-factor-email-changed');

    // Delete the account: typing the address confirms it; the old address is not it any more.
    const typed = page.getByLabel('To confirm, type your email address');
    const callsBeforeDelete = cognitoCalls.length;
    await typeInto(page, typed, email);
    await page.keyboard.press('Enter');
    await expectText(
      page.locator('#delete-email-error'),
      new RegExp(`Type your email address, ${newAddress.replace(/[.]/g, '\\.')}, exactly as shown to confirm\\.`),
    );
    await expectFocus(page, 'delete-email');
    expect(actions(cognitoCalls.slice(callsBeforeDelete))).not.toContain('DeleteUser');
    await retype(page, newAddress);
    await audit(page, 'two-factor-delete-confirm');
    await activate(page, page.getByRole('button', { name: 'Delete my account' }));
    await expectPath(page, '/');
    await expectSignedOut(page);
    await expectText(
      statusRegion(page),
      /Your Wild Rydes account is deleted, and nothing of it is left on this device\./,
    );
    await audit(page, 'two-factor-deleted-home');
    expect(actions(cognitoCalls)).toContain('DeleteUser');
    // Nothing of the rider is left in this browser: no tokens, no device key, no pending address.
    const stored = await page.evaluate(() => Object.keys(localStorage));
    expect(stored.filter((k) => k.startsWith('CognitoIdentityServiceProvider.') || k.startsWith('wildrydes.'))).toEqual(
      [],
    );

    // The account is gone: neither address signs in, with the usual sentence (no hint it ever existed).
    for (const address of [newAddress, email]) {
      await signInByKeyboard(page, address, NEW_PASSWORD);
      await expectText(page.locator('#password-error'), /That email and password don’t match\./);
      await expectPath(page, '/signin.html');
    }
  }, 150_000); // a long journey, on a machine whose two cores the browser shares with the preview server
});
