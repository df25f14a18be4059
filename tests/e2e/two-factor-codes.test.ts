// Two-factor sign-in when things are not straightforward: a wrong and a reused code, a device the
// rider forgets, and a pool that requires two-factor sign-in (last in this file: it changes the
// preview's pool for its duration and puts the setting back, so other journeys see the default).
import { GetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { riderMfaSettings } from '../../shared/rider-pool.ts';
import { AuthenticatorApp } from './second-factors.ts';
import {
  audit,
  createRider,
  expectFocus,
  expectPath,
  expectSignedIn,
  expectText,
  GOOD_PASSWORD,
  newEmail,
  operator,
  POOL_ID,
  statusRegion,
  useBrowser,
} from './support.ts';
import {
  activate,
  expectCodeStep,
  openAccount,
  readSetup,
  retype,
  setUpAuthenticator,
  signInByKeyboard,
  signOutByKeyboard,
  tabToward,
} from './two-factor-kit.ts';

const browser = useBrowser();
const TOTP_REFUSED = /That code didn’t work: it was wrong or already used\. Wait for the next code/;

const challenges = (calls: { action: string; body: Record<string, unknown> }[]) =>
  calls.filter((c) => c.action === 'RespondToAuthChallenge').map((c) => c.body.ChallengeName);

/** A confirmed rider who set up an authenticator app on the account page and signed out again. */
async function riderWithAuthenticator(
  page: Parameters<typeof signInByKeyboard>[0],
  label: string,
): Promise<{ email: string; app: AuthenticatorApp }> {
  const email = newEmail(label);
  await createRider(email);
  await signInByKeyboard(page, email, GOOD_PASSWORD);
  await expectSignedIn(page, email);
  await openAccount(page);
  const app = await setUpAuthenticator(page, email);
  await signOutByKeyboard(page);
  return { email, app };
}

describe('a rider with two-factor sign-in (keyboard only)', () => {
  it('is told a wrong code and a reused code did not work, then signs in with the right one', async () => {
    const { page, cognitoCalls } = await browser.open();
    const { email, app } = await riderWithAuthenticator(page, 'wrongcode');

    await signInByKeyboard(page, email, GOOD_PASSWORD);
    await expectCodeStep(page);
    const code = page.getByLabel('Enter the 6-digit code from your authenticator app');
    await page.keyboard.type(app.wrongCode());
    await page.keyboard.press('Enter');
    await expectText(page.locator('#totp-code-error'), TOTP_REFUSED);
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
    await expectFocus(page, 'totp-code');
    await expectPath(page, '/signin.html');
    await audit(page, 'two-factor-signin-wrong-code');

    // The code that set the app up a moment ago is still on its screen, but it was used once.
    await retype(page, app.lastCode);
    await page.keyboard.press('Enter');
    await expectText(page.locator('#totp-code-error'), TOTP_REFUSED);
    await expectFocus(page, 'totp-code');
    await expectPath(page, '/signin.html');

    // Same sign-in, the next code: no need to start again with the password.
    const since = cognitoCalls.length;
    await retype(page, app.code());
    await page.keyboard.press('Enter');
    await expectSignedIn(page, email);
    expect(challenges(cognitoCalls.slice(since))).toEqual(['SOFTWARE_TOKEN_MFA']);
    // "Remember this device" was left unticked: nothing is remembered.
    expect(cognitoCalls.map((c) => c.action)).not.toContain('UpdateDeviceStatus');
    await openAccount(page);
    await expect.poll(() => page.locator('#devices-empty').isVisible()).toBe(true);
  });

  it('forgets a remembered device on the account page, and the code is asked there again', async () => {
    const { page, cognitoCalls } = await browser.open();
    const { email, app } = await riderWithAuthenticator(page, 'forget');

    await signInByKeyboard(page, email, GOOD_PASSWORD);
    await expectCodeStep(page);
    await page.keyboard.type(app.code());
    const remember = page.getByRole('checkbox', { name: 'Remember this device' });
    await tabToward(page, remember);
    await page.keyboard.press('Space');
    await expect.poll(() => remember.isChecked()).toBe(true);
    await activate(page, page.getByRole('button', { name: 'Verify and sign in' }));
    await expectSignedIn(page, email);
    await signOutByKeyboard(page);
    await signInByKeyboard(page, email, GOOD_PASSWORD);
    await expectSignedIn(page, email); // remembered: no code

    await openAccount(page);
    const devices = page.getByRole('list', { name: 'Remembered devices' });
    await expect.poll(() => devices.getByRole('listitem').count()).toBe(1);
    await activate(page, devices.getByRole('button', { name: /^Forget .+ \(this device\)$/ }));
    await expectText(
      page.locator('#devices-message'),
      /This browser is forgotten: next time you sign in here, we’ll ask for a code\./,
    );
    await expect.poll(() => page.locator('#devices-empty').isVisible()).toBe(true);
    await expectFocus(page, 'devices-message');
    await audit(page, 'two-factor-device-forgotten');
    expect(cognitoCalls.map((c) => c.action)).toContain('ForgetDevice');

    const since = cognitoCalls.length;
    await signOutByKeyboard(page);
    await signInByKeyboard(page, email, GOOD_PASSWORD);
    await expectCodeStep(page);
    expect(challenges(cognitoCalls.slice(since))).toEqual(['PASSWORD_VERIFIER']);
  });
});

describe('a new rider in a pool that requires two-factor sign-in', () => {
  it('is walked through setting up an authenticator app before the first sign-in completes', async () => {
    const before = await operator.send(new GetUserPoolMfaConfigCommand({ UserPoolId: POOL_ID }));
    await operator.send(new SetUserPoolMfaConfigCommand({ UserPoolId: POOL_ID, ...riderMfaSettings('ON') }));
    try {
      const { page, cognitoCalls } = await browser.open();
      const email = newEmail('mfarequired');
      await createRider(email);

      await signInByKeyboard(page, email, GOOD_PASSWORD);
      await page.locator('#setup-step').waitFor({ state: 'visible' });
      await expectText(page.getByRole('heading', { level: 1 }), /^Set up two-factor sign-in$/);
      await expectText(statusRegion(page), /Almost there: set up an authenticator app to finish signing in\./);
      await expectFocus(page, 'setup-code');
      const app = new AuthenticatorApp(await readSetup(page, 'setup', email));
      await audit(page, 'two-factor-signin-setup');
      expect(challenges(cognitoCalls)).toEqual(['PASSWORD_VERIFIER']);

      // A code from some other app is refused with the set-up sentence, and the rider can try again.
      await page.keyboard.type(app.wrongCode());
      await page.keyboard.press('Enter');
      await expectText(
        page.locator('#setup-code-error'),
        /That code doesn’t match\. Make sure the app shows “Wild Rydes”/,
      );
      await expectFocus(page, 'setup-code');

      await retype(page, app.code());
      await page.keyboard.press('Enter');
      await expectSignedIn(page, email);
      expect(challenges(cognitoCalls)).toEqual(['PASSWORD_VERIFIER', 'MFA_SETUP']);

      // From now on the password alone is not enough.
      await signOutByKeyboard(page);
      await signInByKeyboard(page, email, GOOD_PASSWORD);
      await expectCodeStep(page);
      await page.keyboard.type(app.code());
      await page.keyboard.press('Enter');
      await expectSignedIn(page, email);
    } finally {
      await operator.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: POOL_ID,
          MfaConfiguration: before.MfaConfiguration,
          SoftwareTokenMfaConfiguration: before.SoftwareTokenMfaConfiguration,
        }),
      );
    }
    const after = await operator.send(new GetUserPoolMfaConfigCommand({ UserPoolId: POOL_ID }));
    expect(after.MfaConfiguration).toBe(before.MfaConfiguration);
  });
});
