import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../../src/auth/errors.ts';
import { $, deferred, settle } from '../helpers.ts';
import { mount, overview } from './kit.ts';

const visible = (id: string) => !$(id).closest('[hidden]');

describe('account page: loading, signed out, header', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('sends a signed-out rider to sign in, coming back here afterwards', async () => {
    const { navigate, auth } = await mount({ currentSession: async () => null });
    expect(navigate).toHaveBeenCalledWith('/signin.html?next=%2Faccount.html');
    expect(auth.accountOverview).not.toHaveBeenCalled();
    expect(visible('account')).toBe(false);
  });

  it('shows the rider and every section once loaded; the header links to this page', async () => {
    await mount();
    expect(visible('account-loading')).toBe(false);
    expect(visible('account')).toBe(true);
    expect($('account-email').textContent).toBe('rider@example.com');
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('.site-nav a')).filter((a) => !a.hidden);
    expect(links.map((a) => [a.textContent, a.getAttribute('aria-current')])).toEqual([['Your account', 'page']]);
    const headings = Array.from(document.querySelectorAll('section.card h2')).map((h) => h.textContent);
    expect(headings).toEqual([
      'Change password',
      'Email address',
      'Two-factor sign-in',
      'Passkeys',
      'Remembered devices',
      'Sign out on all devices',
      'Delete my account',
    ]);
  });

  it('explains a failed load with a way to sign in again', async () => {
    await mount({
      accountOverview: async () => {
        throw new AuthError('SessionExpired', 'Your session has ended. Please sign in again.');
      },
    });
    expect(visible('account')).toBe(false);
    expect($('form-message').textContent).toBe('Your session has ended. Please sign in again. Sign in again');
    expect($('form-message').querySelector('a')!.getAttribute('href')).toBe('/signin.html?next=%2Faccount.html');
    expect(document.activeElement).toBe($('form-message'));
  });

  it('says when the address itself is not confirmed yet', async () => {
    await mount({ accountOverview: async () => ({ ...overview, emailVerified: false }) });
    expect($('form-message').textContent).toMatch(/isn’t confirmed yet/);
  });
});

describe('account page: change password', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('uses current-password / new-password autocomplete, a username for password managers, toggles and the checklist', async () => {
    await mount();
    expect($<HTMLInputElement>('current-password').autocomplete).toBe('current-password');
    expect($<HTMLInputElement>('new-password').autocomplete).toBe('new-password');
    expect($<HTMLInputElement>('password-username').value).toBe('rider@example.com');
    $<HTMLButtonElement>('show-new-password').click();
    expect($<HTMLInputElement>('new-password').type).toBe('text');
    expect($<HTMLInputElement>('current-password').type).toBe('password');
    expect($('new-password-rules').querySelectorAll('li').length).toBeGreaterThan(0);
  });

  it('changes the password, clears the fields and says so', async () => {
    const { auth } = await mount();
    $<HTMLInputElement>('current-password').value = 'Unicorn1!';
    $<HTMLInputElement>('new-password').value = 'Rainbow2?';
    $<HTMLFormElement>('password-form').requestSubmit();
    await settle();
    expect(auth.changePassword).toHaveBeenCalledWith('Unicorn1!', 'Rainbow2?');
    expect($<HTMLInputElement>('current-password').value).toBe('');
    expect($<HTMLInputElement>('new-password').value).toBe('');
    expect($('password-message').textContent).toBe('Your password is changed. Use the new one next time you sign in.');
  });

  it('puts a wrong current password under that field, and a weak new one under the new field', async () => {
    let error = new AuthError(
      'NotAuthorized',
      'That isn’t your current password. Check it and try again.',
      'NotAuthorizedException',
      'currentPassword',
    );
    await mount({
      changePassword: async () => {
        throw error;
      },
    });
    $<HTMLFormElement>('password-form').requestSubmit();
    await settle();
    expect($('current-password-error').textContent).toBe('That isn’t your current password. Check it and try again.');
    expect($('current-password').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe($('current-password'));
    error = new AuthError('InvalidPassword', 'Your password needs a number (0–9).', undefined, 'password');
    $<HTMLFormElement>('password-form').requestSubmit();
    await settle();
    expect($('current-password-error').hidden).toBe(true);
    expect($('new-password-error').textContent).toBe('Your password needs a number (0–9).');
  });

  it('is busy while the request runs, and a second submit does nothing', async () => {
    const pending = deferred<void>();
    const { auth } = await mount({ changePassword: vi.fn(() => pending.promise) });
    $<HTMLFormElement>('password-form').requestSubmit();
    $<HTMLFormElement>('password-form').requestSubmit();
    expect($('password-submit').getAttribute('aria-busy')).toBe('true');
    expect($('password-submit').textContent).toBe('Changing password…');
    pending.resolve();
    await settle();
    expect(auth.changePassword).toHaveBeenCalledTimes(1);
    expect($('password-submit').textContent).toBe('Change password');
  });
});
