import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startPage } from '../../src/ui/start.ts';
import { $, loadPage } from './pages/helpers.ts';

describe('configuration banner', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('names each VITE_ variable to fix, disables every form, and does not mount', async () => {
    loadPage('signin');
    const mount = vi.fn();
    await startPage(
      document,
      {
        ok: false,
        problems: [
          { variable: 'VITE_COGNITO_USER_POOL_ID', message: '"oops" is not a user pool ID.' },
          { variable: 'VITE_COGNITO_USER_POOL_CLIENT_ID', message: 'is not set.' },
        ],
      },
      mount,
    );
    expect(mount).not.toHaveBeenCalled();
    const banner = $('config-banner');
    expect(banner.hidden).toBe(false);
    expect(banner.getAttribute('role')).toBe('alert');
    expect(Array.from(banner.querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'VITE_COGNITO_USER_POOL_ID "oops" is not a user pool ID.',
      'VITE_COGNITO_USER_POOL_CLIENT_ID is not set.',
    ]);
    const controls = Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLButtonElement>('form input, form button, button'),
    );
    expect(controls.length).toBeGreaterThan(5);
    expect(controls.every((control) => control.disabled)).toBe(true);
  });

  it('hides the home page\'s "checking" text', async () => {
    loadPage('index');
    await startPage(document, { ok: false, problems: [{ variable: 'VITE_COGNITO_REGION', message: 'bad' }] }, vi.fn());
    expect($('session-loading').hidden).toBe(true);
  });

  it('mounts with a valid configuration', async () => {
    loadPage('register');
    const mount = vi.fn();
    const config = { region: 'us-east-1', userPoolId: 'us-east-1_LocalPool', clientId: 'abc', endpoint: '/__cognito/' };
    await startPage(document, { ok: true, config }, mount);
    expect(mount).toHaveBeenCalledWith(config);
    expect($('config-banner').hidden).toBe(true);
  });

  it('turns a failure while mounting into a message, not an uncaught error', async () => {
    loadPage('register');
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await startPage(
      document,
      { ok: true, config: { region: 'us-east-1', userPoolId: 'us-east-1_X', clientId: 'abc', endpoint: undefined } },
      () => {
        throw new Error('boom');
      },
    );
    expect($('form-message').textContent).toBe('This page couldn’t start. Please reload it.');
    expect(consoleError).toHaveBeenCalled();
    consoleError.mockRestore();
  });
});
