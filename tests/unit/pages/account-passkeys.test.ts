// The account page's Passkeys section (src/pages/account/passkeys.ts) with a fake auth service.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../src/auth/errors.ts';
import type { Passkey } from '../../../src/auth/passkeys.ts';
import type { PasskeysDeps } from '../../../src/pages/account/passkeys.ts';
import { mountPasskeys } from '../../../src/pages/account/passkeys.ts';
import { $, deferred, settle } from './helpers.ts';

type Auth = PasskeysDeps['auth'];

const older: Passkey = {
  id: 'AQID',
  name: 'iCloud Keychain',
  createdAt: new Date('2026-01-08T00:04:36Z'),
  attachment: 'platform',
};
const newer: Passkey = {
  id: 'BAUG',
  name: 'Roaming passkey',
  createdAt: new Date('2026-11-20T12:00:00Z'),
  attachment: 'cross-platform',
};
const day = (date: Date) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(date);

async function setup(passkeys: Passkey[] = [older, newer], overrides: Partial<Auth> = {}, canCreate = true) {
  document.body.innerHTML =
    '<main><section id="passkeys" class="card" aria-labelledby="passkeys-title"></section><div id="announcer"></div></main>';
  let current = [...passkeys];
  const auth = {
    listPasskeys: vi.fn<Auth['listPasskeys']>(async () => [...current]),
    addPasskey: vi.fn<Auth['addPasskey']>(async () => {
      current = [
        ...current,
        { id: 'NEW', name: 'Passkey', createdAt: new Date('2026-12-03T12:00:00Z'), attachment: 'platform' },
      ];
    }),
    removePasskey: vi.fn<Auth['removePasskey']>(async (id) => {
      current = current.filter((p) => p.id !== id);
    }),
    ...overrides,
  };
  await mountPasskeys($('passkeys'), { auth, canCreate });
  return auth;
}

/** Each row as its parts: name, details, button. */
const rows = () =>
  Array.from(document.querySelectorAll<HTMLLIElement>('#passkeys-list li')).map((li) =>
    Array.from(li.querySelectorAll('strong, span, button'), (el) => el.textContent).join(' | '),
  );
const removeButtons = () => Array.from(document.querySelectorAll<HTMLButtonElement>('#passkeys-list button'));
const message = () => $('passkeys-message');

beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('account page: Passkeys', () => {
  it('lists each passkey with its name, the day it was added and its kind — and no “last used”, which Cognito does not keep', async () => {
    await setup();
    expect($('passkeys-title').tagName).toBe('H2');
    expect($('passkeys-title').textContent).toBe('Passkeys');
    expect($('passkeys-list').getAttribute('aria-labelledby')).toBe('passkeys-title');
    expect(rows()).toEqual([
      `iCloud Keychain | Added ${day(older.createdAt!)} · Built into a device | Remove`,
      `Roaming passkey | Added ${day(newer.createdAt!)} · Security key or phone | Remove`,
    ]);
    expect(document.querySelector('#passkeys-list time')?.getAttribute('datetime')).toBe('2026-01-08T00:04:36.000Z');
    expect($('passkeys').textContent).not.toMatch(/last used/i);
    expect($('passkeys-status').textContent).toBe('You have 2 passkeys.');
  });

  it('names each Remove button after its passkey and date, so two passkeys with the same name are told apart', async () => {
    const twin = { ...newer, id: 'TWIN', name: 'iCloud Keychain' };
    await setup([older, twin]);
    expect(removeButtons().map((b) => [b.textContent, b.getAttribute('aria-label'), b.type])).toEqual([
      ['Remove', `Remove iCloud Keychain, added ${day(older.createdAt!)}`, 'button'],
      ['Remove', `Remove iCloud Keychain, added ${day(twin.createdAt!)}`, 'button'],
    ]);
  });

  it('says when there are none yet', async () => {
    await setup([]);
    expect($('passkeys-list').hidden).toBe(true);
    expect($('passkeys-status').textContent).toBe('You haven’t added a passkey yet.');
  });

  it('adds a passkey, shows it, and says how to use it', async () => {
    const pending = deferred<void>();
    const addPasskey = vi.fn<Auth['addPasskey']>(() => pending.promise);
    const listPasskeys = vi
      .fn<Auth['listPasskeys']>()
      .mockResolvedValueOnce([older])
      .mockResolvedValueOnce([older, newer]);
    await setup([], { addPasskey, listPasskeys });
    const add = $<HTMLButtonElement>('add-passkey');
    expect(add.textContent).toBe('Add a passkey');
    add.click();
    await settle();
    expect(add.getAttribute('aria-busy')).toBe('true');
    expect(add.textContent).toBe('Waiting for your passkey…');
    add.click();
    pending.resolve();
    await settle();
    await settle();
    expect(addPasskey).toHaveBeenCalledTimes(1);
    expect(rows()).toHaveLength(2);
    expect(message().textContent).toBe(
      'Passkey added. Next time, choose “Sign in with a passkey” on the sign-in page.',
    );
    expect(message().className).toContain('notice-success');
    expect(document.activeElement).toBe(message());
    expect(add.textContent).toBe('Add a passkey');
  });

  it('shows why a passkey was not added, and keeps the list', async () => {
    const exists = new AuthError('PasskeyExists', 'This device already has a passkey for your account.');
    await setup([older], {
      addPasskey: async () => {
        throw exists;
      },
    });
    $<HTMLButtonElement>('add-passkey').click();
    await settle();
    expect(message().textContent).toBe(exists.message);
    expect(message().className).toContain('notice-error');
    expect(document.activeElement).toBe(message());
    expect(rows()).toHaveLength(1);
  });

  it('removes a passkey, then moves focus to the message (its button is gone)', async () => {
    const auth = await setup();
    removeButtons()[0]!.click();
    await settle();
    await settle();
    expect(auth.removePasskey).toHaveBeenCalledWith('AQID');
    expect(rows()).toEqual([`Roaming passkey | Added ${day(newer.createdAt!)} · Security key or phone | Remove`]);
    expect(message().textContent).toBe(
      'iCloud Keychain is removed: it no longer signs you in. You can also delete it from your device or password manager.',
    );
    expect(document.activeElement).toBe(message());
    expect($('passkeys-status').textContent).toBe('You have one passkey.');
  });

  it('keeps a passkey that could not be removed, and says why', async () => {
    const offline = new AuthError(
      'Network',
      'We couldn’t reach Wild Rydes. Check your internet connection and try again.',
    );
    await setup([older], {
      removePasskey: async () => {
        throw offline;
      },
    });
    removeButtons()[0]!.click();
    await settle();
    expect(message().textContent).toBe(offline.message);
    expect(rows()).toHaveLength(1);
    expect(removeButtons()[0]!.disabled).toBe(false);
  });

  it('offers to try again when the list could not be loaded', async () => {
    const offline = new AuthError(
      'Network',
      'We couldn’t reach Wild Rydes. Check your internet connection and try again.',
    );
    const listPasskeys = vi.fn<Auth['listPasskeys']>().mockRejectedValueOnce(offline).mockResolvedValueOnce([older]);
    await setup([], { listPasskeys });
    expect($('passkeys-status').textContent).toBe('Your passkeys couldn’t be loaded.');
    expect(message().textContent).toBe(offline.message);
    const retry = $<HTMLButtonElement>('passkeys-retry');
    expect(retry.hidden).toBe(false);
    retry.click();
    await settle();
    await settle();
    expect(rows()).toHaveLength(1);
    expect(retry.hidden).toBe(true);
    expect(message().textContent).toBe('');
  });

  it('in a browser that can’t create passkeys, lists and removes them but offers no Add', async () => {
    await setup([older], {}, false);
    expect($('add-passkey').hidden).toBe(true);
    expect($('passkeys').textContent).toContain('This browser can’t create passkeys.');
    expect(removeButtons()).toHaveLength(1);
  });

  it('says that passkeys can’t sign in while two-factor sign-in is on (Cognito then offers only the password)', async () => {
    document.body.innerHTML = '<section id="passkeys"></section>';
    const auth = { listPasskeys: vi.fn(async () => [older]), addPasskey: vi.fn(), removePasskey: vi.fn() };
    await mountPasskeys($('passkeys'), { auth, canCreate: true });
    expect($('passkeys').textContent).not.toContain('two-factor');
    await mountPasskeys($('passkeys'), { auth, canCreate: true, twoFactorOn: true });
    expect($('passkeys').textContent).toContain(
      'While two-factor sign-in is on, Wild Rydes asks for your password and authenticator code, so passkeys can’t be used to sign in until you turn it off.',
    );
    expect($('add-passkey').hidden).toBe(false);
  });

  it('explains errors the way the page asks: on load without focus, after an action with it', async () => {
    document.body.innerHTML = '<section id="passkeys"></section>';
    const offline = new AuthError('Network', 'Offline.');
    const ended = new AuthError('SessionExpired', 'Your session has ended. Please sign in again.');
    const auth = {
      listPasskeys: vi.fn<Auth['listPasskeys']>().mockRejectedValueOnce(offline).mockResolvedValue([]),
      addPasskey: vi.fn<Auth['addPasskey']>().mockRejectedValue(ended),
      removePasskey: vi.fn(),
    };
    const explain = vi.fn();
    const explainOnLoad = vi.fn();
    await mountPasskeys($('passkeys'), { auth, canCreate: true, explain, explainOnLoad });
    expect(explainOnLoad).toHaveBeenCalledWith($('passkeys-message'), offline);
    expect(explain).not.toHaveBeenCalled();
    $<HTMLButtonElement>('add-passkey').click();
    await settle();
    expect(explain).toHaveBeenCalledWith($('passkeys-message'), ended);
  });

  it('decides from PublicKeyCredential when not told', async () => {
    document.body.innerHTML = '<section id="passkeys"></section>';
    const auth = { listPasskeys: vi.fn(async () => []), addPasskey: vi.fn(), removePasskey: vi.fn() };
    await mountPasskeys($('passkeys'), { auth });
    expect($('add-passkey').hidden).toBe(true);
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    await mountPasskeys($('passkeys'), { auth });
    expect($('add-passkey').hidden).toBe(false);
  });
});
