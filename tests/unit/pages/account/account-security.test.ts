import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../../src/auth/errors.ts';
import { $, fieldErrorOf, settle } from '../helpers.ts';
import { memoryStorage, mount, overview, SECRET, session } from './kit.ts';

const visible = (id: string) => !$(id).closest('[hidden]');

describe('account page: two-factor sign-in', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('off: says so and offers set-up', async () => {
    await mount();
    expect($('mfa-status').textContent).toMatch(/^Off\. Your password alone signs you in/);
    expect(visible('mfa-start')).toBe(true);
    expect(visible('mfa-setup-area')).toBe(false);
    expect(visible('mfa-off-form')).toBe(false);
  });

  it('set-up shows the QR code of the otpauth URI, the key in groups of four, and a one-time-code field', async () => {
    const { auth, drawQr, copy } = await mount();
    $<HTMLButtonElement>('mfa-start').click();
    await settle();
    expect(auth.startTotpSetup).toHaveBeenCalled();
    expect(visible('mfa-setup-area')).toBe(true);
    expect(visible('mfa-start')).toBe(false);
    expect(drawQr).toHaveBeenCalledWith(
      $('mfa-qr'),
      `otpauth://totp/x?secret=${SECRET}`,
      expect.stringMatching(/QR code/),
    );
    expect($('mfa-secret').textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect($<HTMLAnchorElement>('mfa-open').href).toBe(`otpauth://totp/x?secret=${SECRET}`);
    const code = $<HTMLInputElement>('mfa-code');
    expect([code.autocomplete, code.inputMode]).toEqual(['one-time-code', 'numeric']);
    expect(document.activeElement).toBe(code);
    $<HTMLButtonElement>('mfa-copy-secret').click();
    await settle();
    expect(copy).toHaveBeenCalledWith(SECRET);
    expect($('mfa-copy-secret').textContent).toBe('Key copied');
  });

  it('a right code turns it on; the page then offers turning it off', async () => {
    const { auth } = await mount();
    $<HTMLButtonElement>('mfa-start').click();
    await settle();
    $<HTMLInputElement>('mfa-code').value = '123456';
    $<HTMLFormElement>('mfa-form').requestSubmit();
    await settle();
    expect(auth.confirmTotpSetup).toHaveBeenCalledWith('123456');
    expect($('mfa-status').textContent).toMatch(/^On\./);
    expect(visible('mfa-setup-area')).toBe(false);
    expect(visible('mfa-off-form')).toBe(true);
    expect($('mfa-message').textContent).toMatch(/^Two-factor sign-in is on\./);
  });

  it('a wrong code stays in set-up with the sentence under the field', async () => {
    const text = 'That code doesn’t match. Make sure the app shows “Wild Rydes”, then enter the 6 digits it shows now.';
    await mount({
      confirmTotpSetup: async () => {
        throw new AuthError('CodeMismatch', text, 'EnableSoftwareTokenMFAException', 'code');
      },
    });
    $<HTMLButtonElement>('mfa-start').click();
    await settle();
    $<HTMLFormElement>('mfa-form').requestSubmit();
    await settle();
    expect(fieldErrorOf('mfa-code')).toBe(text);
    expect(visible('mfa-setup-area')).toBe(true);
  });

  it('cancel goes back to the set-up button', async () => {
    await mount();
    $<HTMLButtonElement>('mfa-start').click();
    await settle();
    $<HTMLButtonElement>('mfa-cancel').click();
    expect(visible('mfa-setup-area')).toBe(false);
    expect(document.activeElement).toBe($('mfa-start'));
  });

  it('on: turning it off takes the current password', async () => {
    const { auth } = await mount({ accountOverview: async () => ({ ...overview, totpEnabled: true }) });
    expect(visible('mfa-off-form')).toBe(true);
    expect($<HTMLInputElement>('mfa-off-password').autocomplete).toBe('current-password');
    $<HTMLInputElement>('mfa-off-password').value = 'Unicorn1!';
    $<HTMLFormElement>('mfa-off-form').requestSubmit();
    await settle();
    expect(auth.disableTotp).toHaveBeenCalledWith('Unicorn1!');
    expect($('mfa-status').textContent).toMatch(/^Off\./);
    expect(visible('mfa-start')).toBe(true);
  });

  it('a wrong password to turn it off goes under the password field', async () => {
    await mount({
      accountOverview: async () => ({ ...overview, totpEnabled: true }),
      disableTotp: async () => {
        throw new AuthError(
          'NotAuthorized',
          'That isn’t your current password. Check it and try again.',
          'NotAuthorizedException',
          'currentPassword',
        );
      },
    });
    $<HTMLFormElement>('mfa-off-form').requestSubmit();
    await settle();
    expect(fieldErrorOf('mfa-off-password')).toBe('That isn’t your current password. Check it and try again.');
  });
});

describe('account page: remembered devices', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  const chrome = {
    key: 'eu-west-1_aaaa',
    name: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    lastUsed: new Date('2026-11-30T09:15:00Z'),
    current: true,
  };
  const phone = {
    key: 'eu-west-1_bbbb',
    name: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    lastUsed: null,
    current: false,
  };

  it('lists each device by browser and system, with its last use, this device marked', async () => {
    await mount({ listDevices: async () => [chrome, phone] });
    const items = Array.from($('device-list').querySelectorAll('li'));
    expect(items.map((li) => li.querySelector('strong')!.textContent)).toEqual(['Chrome on Linux', 'Safari on iOS']);
    expect(items[0]!.querySelector('.badge')!.textContent).toBe('This device');
    expect(items[0]!.querySelector('time')!.dateTime).toBe('2026-11-30T09:15:00.000Z');
    expect(items[1]!.textContent).toContain('Not used yet');
    const buttons = items.map((li) => li.querySelector('button')!.textContent);
    expect(buttons).toEqual(['Forget Chrome on Linux (this device)', 'Forget Safari on iOS']);
    expect(visible('devices-loading')).toBe(false);
  });

  it('a device forgotten meanwhile leaves the list, with a sentence', async () => {
    await mount({
      listDevices: async () => [chrome, phone],
      forgetDevice: async () => {
        throw new AuthError(
          'DevicesUnavailable',
          'That device was already forgotten. The list is now up to date.',
          'ResourceNotFoundException',
        );
      },
    });
    $('device-list').querySelectorAll('button')[1]!.click();
    await settle();
    expect($('device-list').querySelectorAll('li')).toHaveLength(1);
    expect($('devices-message').textContent).toBe('That device was already forgotten. The list is now up to date.');
  });

  it('a list that failed to load says so without taking focus', async () => {
    await mount({
      listDevices: async () => {
        throw new AuthError('Network', 'We couldn’t reach Wild Rydes. Check your internet connection and try again.');
      },
    });
    expect($('devices-message').textContent).toMatch(/couldn’t reach Wild Rydes/);
    expect($('devices-message').className).toContain('notice-error');
    expect(document.activeElement).not.toBe($('devices-message'));
  });

  it('says when there are none', async () => {
    await mount();
    expect(visible('devices-empty')).toBe(true);
    expect(visible('device-list')).toBe(false);
  });

  it('forgets one: gone from the list, said, focus on the next one', async () => {
    const { auth } = await mount({ listDevices: async () => [chrome, phone] });
    $('device-list').querySelector('button')!.click();
    await settle();
    expect(auth.forgetDevice).toHaveBeenCalledWith('eu-west-1_aaaa');
    expect($('device-list').querySelectorAll('li')).toHaveLength(1);
    expect($('devices-message').textContent).toBe(
      'This browser is forgotten: next time you sign in here, we’ll ask for a code.',
    );
    expect(document.activeElement?.textContent).toBe('Forget Safari on iOS');
  });

  it('a pool without device tracking is stated, without taking focus', async () => {
    await mount({
      listDevices: async () => {
        throw new AuthError(
          'DevicesUnavailable',
          'Wild Rydes doesn’t remember devices at the moment, so there is nothing to manage here.',
        );
      },
    });
    expect($('devices-message').className).toContain('notice-info');
    expect(document.activeElement).not.toBe($('devices-message'));
  });
});

describe('account page: sign out everywhere, delete', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('signs out on all devices and lands on the home page that says so', async () => {
    const { auth, navigate } = await mount();
    $<HTMLButtonElement>('sign-out-everywhere').click();
    await settle();
    expect(auth.signOut).toHaveBeenCalledWith({ global: true });
    expect(navigate).toHaveBeenCalledWith('/?signedOut=all');
  });

  it('says when the other sessions could not be ended', async () => {
    const { navigate } = await mount({ signOut: vi.fn(async () => ({ revoked: false })) });
    $<HTMLButtonElement>('sign-out-everywhere').click();
    await settle();
    expect(navigate).not.toHaveBeenCalled();
    expect($('signout-message').textContent).toMatch(/couldn’t reach Wild Rydes to end your other sessions/);
  });

  it('deletes the account with the typed email and lands on the home page', async () => {
    const storage = memoryStorage({ [`wildrydes.pendingEmail.${session.sub}`]: 'new@example.com' });
    const { auth, navigate } = await mount({}, storage);
    expect($<HTMLInputElement>('delete-email').autocomplete).toBe('off');
    $<HTMLInputElement>('delete-email').value = 'Rider@Example.com';
    $<HTMLFormElement>('delete-form').requestSubmit();
    await settle();
    expect(auth.deleteAccount).toHaveBeenCalledWith('Rider@Example.com');
    expect(navigate).toHaveBeenCalledWith('/?deleted=1');
    expect(storage.items.size).toBe(0);
  });

  it('a mistyped email stays on the page, under the field', async () => {
    const { navigate } = await mount({
      deleteAccount: async () => {
        throw new AuthError(
          'NotYourEmail',
          'Type your email address, rider@example.com, exactly as shown to confirm.',
          undefined,
          'email',
        );
      },
    });
    $<HTMLFormElement>('delete-form').requestSubmit();
    await settle();
    expect(navigate).not.toHaveBeenCalled();
    expect(fieldErrorOf('delete-email')).toBe(
      'Type your email address, rider@example.com, exactly as shown to confirm.',
    );
  });
});
