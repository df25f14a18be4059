import { beforeEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../../src/auth/errors.ts';
import { $, fieldErrorOf, settle } from '../helpers.ts';
import { memoryStorage, mount, overview, session } from './kit.ts';

const visible = (id: string) => !$(id).closest('[hidden]');
const KEY = `wildrydes.pendingEmail.${session.sub}`;

async function requestChange(address = 'New@Example.com') {
  $<HTMLInputElement>('new-email').value = address;
  $<HTMLFormElement>('email-form').requestSubmit();
  await settle();
}

describe('account page: change email', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('shows the sign-in address and an email field with email autocomplete', async () => {
    await mount();
    expect($('email-status').textContent).toBe('You sign in with rider@example.com.');
    expect($<HTMLInputElement>('new-email').autocomplete).toBe('email');
    expect(visible('email-form')).toBe(true);
    expect(visible('email-code-form')).toBe(false);
  });

  it('sends a code to the new address and says the old one stays the sign-in name until it is entered', async () => {
    const { auth, storage } = await mount();
    await requestChange();
    expect(auth.changeEmail).toHaveBeenCalledWith('New@Example.com');
    expect($('email-status').textContent).toBe(
      'We emailed a code to new@example.com. Until you enter it, you keep signing in with rider@example.com.',
    );
    expect($('email-message').textContent).toBe('We’ve emailed a code to n***@e***. It can take a minute to arrive.');
    expect(visible('email-code-form')).toBe(true);
    expect(visible('email-form')).toBe(false);
    expect(document.activeElement).toBe($('email-code'));
    expect($<HTMLInputElement>('email-code').autocomplete).toBe('one-time-code');
    expect(storage.items.get(KEY)).toBe('new@example.com');
  });

  it('says so when the pool switched the address at once (no verification before update)', async () => {
    await mount({
      changeEmail: async (email) => ({ destination: null, pending: email, applied: true }),
    });
    await requestChange('new@example.com');
    expect($('email-status').textContent).toBe(
      'You now sign in with new@example.com. Enter the code we emailed to it to confirm it’s yours.',
    );
  });

  it('confirms with the code: the new address everywhere, nothing left pending', async () => {
    const { auth, storage } = await mount();
    await requestChange();
    $<HTMLInputElement>('email-code').value = '123 456';
    $<HTMLFormElement>('email-code-form').requestSubmit();
    await settle();
    expect(auth.confirmEmailChange).toHaveBeenCalledWith('123 456');
    expect($('account-email').textContent).toBe('new@example.com');
    expect($('email-status').textContent).toBe('You sign in with new@example.com.');
    expect($<HTMLInputElement>('password-username').value).toBe('new@example.com');
    expect($('email-message').textContent).toBe(
      'Your email address is changed. Sign in with new@example.com from now on.',
    );
    expect(storage.items.has(KEY)).toBe(false);
  });

  it('puts a wrong code under the code field', async () => {
    await mount({
      confirmEmailChange: async () => {
        throw new AuthError(
          'CodeMismatch',
          'That code isn’t right. Check the latest email we sent to your new address.',
          'CodeMismatchException',
          'code',
        );
      },
    });
    await requestChange();
    $<HTMLFormElement>('email-code-form').requestSubmit();
    await settle();
    expect(fieldErrorOf('email-code')).toBe(
      'That code isn’t right. Check the latest email we sent to your new address.',
    );
  });

  it('an address another account uses is refused on the field', async () => {
    await mount({
      changeEmail: async () => {
        throw new AuthError(
          'AliasExists',
          'Another account already uses that email address. Choose a different one.',
          'AliasExistsException',
          'email',
        );
      },
    });
    await requestChange();
    expect(fieldErrorOf('new-email')).toBe('Another account already uses that email address. Choose a different one.');
    expect(visible('email-code-form')).toBe(false);
  });

  it('sends a new code for the pending address', async () => {
    const { auth } = await mount();
    await requestChange();
    $<HTMLButtonElement>('email-resend').click();
    await settle();
    expect(auth.resendEmailChangeCode).toHaveBeenCalledWith('new@example.com');
    expect($('email-message').textContent).toBe('We’ve emailed a new code to n***@e***. Only the newest code works.');
  });

  it('remembers a pending change across visits, and "Use a different address" forgets it', async () => {
    const storage = memoryStorage({ [KEY]: 'new@example.com' });
    await mount({}, storage);
    expect(visible('email-code-form')).toBe(true);
    expect($('email-status').textContent).toMatch(/^We emailed a code to new@example.com\. Until you enter it/);
    $<HTMLButtonElement>('email-cancel').click();
    expect(visible('email-form')).toBe(true);
    expect(storage.items.has(KEY)).toBe(false);
    expect(document.activeElement).toBe($('new-email'));
  });

  it('drops a remembered change that was confirmed meanwhile', async () => {
    const storage = memoryStorage({ [KEY]: 'new@example.com' });
    await mount({ accountOverview: async () => ({ ...overview, email: 'new@example.com' }) }, storage);
    expect(visible('email-code-form')).toBe(false);
    expect($('email-status').textContent).toBe('You sign in with new@example.com.');
    expect(storage.items.has(KEY)).toBe(false);
  });
});
