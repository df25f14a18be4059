// The account page's "Passkeys" section: the rider's passkeys (name and date added: Cognito keeps
// no last use, docs/cognito-mfa-passwordless.md §5.4, so none is shown), "Add a passkey" and
// "Remove". It fills the element it is given, so the page only needs
// `<section id="passkeys" class="card" aria-labelledby="passkeys-title"></section>`.
import type * as Auth from '../../auth/index.ts';
import type { Passkey } from '../../auth/passkeys.ts';
import { clearNotice, notify, show } from '../../ui/dom.ts';
import { showError, whileBusy } from '../../ui/form.ts';

export interface PasskeysDeps {
  /** `addPasskey` may load its code on first use (the page's entry decides). */
  auth: Pick<typeof Auth, 'listPasskeys' | 'addPasskey' | 'removePasskey'>;
  /** Whether this browser can create passkeys; default: it has WebAuthn (PublicKeyCredential). */
  canCreate?: boolean;
  /**
   * Whether the rider has two-factor sign-in on: Cognito then offers only the password at sign-in
   * (docs/cognito-mfa-passwordless.md §4.1), so the section says passkeys wait until it is off.
   */
  twoFactorOn?: boolean;
  /** How the section shows an error (the account page's own, e.g. with a way back after an ended session); default showError. */
  explain?: (message: HTMLElement, err: unknown) => void;
  /** The same when the list fails to load, which the rider did not ask for (so without taking focus); default `explain`. */
  explainOnLoad?: (message: HTMLElement, err: unknown) => void;
}

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const KIND = { platform: 'Built into a device', 'cross-platform': 'Security key or phone' } as const;

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Partial<Pick<HTMLElement, 'id' | 'className' | 'textContent'>> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(doc.createElement(tag), props);
}

/** One passkey: its name, when it was added, what kind it is, and its Remove button. */
function item(doc: Document, passkey: Passkey, remove: (button: HTMLButtonElement) => void): HTMLLIElement {
  const li = element(doc, 'li', { className: 'passkey' });
  const about = element(doc, 'div');
  about.append(element(doc, 'strong', { className: 'passkey-name', textContent: passkey.name }));
  const details = element(doc, 'span', { className: 'muted' });
  let added = '';
  if (passkey.createdAt) {
    added = DATE.format(passkey.createdAt);
    const time = element(doc, 'time', { textContent: added });
    time.dateTime = passkey.createdAt.toISOString();
    details.append('Added ', time);
  }
  if (passkey.attachment) details.append(`${details.childNodes.length ? ' · ' : ''}${KIND[passkey.attachment]}`);
  if (details.childNodes.length) about.append(details);
  const button = element(doc, 'button', { className: 'button-secondary', textContent: 'Remove' });
  button.type = 'button';
  // Several passkeys can share Cognito's generated name, so the button names the date too.
  button.setAttribute('aria-label', `Remove ${passkey.name}${added ? `, added ${added}` : ''}`);
  button.addEventListener('click', () => remove(button));
  li.append(about, button);
  return li;
}

/** Fills `section` and loads the rider's passkeys; resolves once the first list is shown (or failed). */
export async function mountPasskeys(
  section: HTMLElement,
  {
    auth,
    canCreate,
    twoFactorOn = false,
    explain = (message, err) => showError({ message, fields: {} }, err),
    explainOnLoad = explain,
  }: PasskeysDeps,
): Promise<void> {
  const doc = section.ownerDocument;
  const creatable =
    canCreate ??
    typeof (doc.defaultView as { PublicKeyCredential?: unknown } | null)?.PublicKeyCredential === 'function';
  const title = element(doc, 'h2', { id: 'passkeys-title', textContent: 'Passkeys' });
  const intro = element(doc, 'p', {
    className: 'muted',
    textContent:
      'Sign in with your face, fingerprint or screen lock instead of your password. A passkey stays on the device or password manager that made it.',
  });
  const message = element(doc, 'div', { id: 'passkeys-message', className: 'notice' });
  message.setAttribute('role', 'status');
  message.setAttribute('aria-live', 'polite');
  message.tabIndex = -1;
  const status = element(doc, 'p', {
    id: 'passkeys-status',
    className: 'muted',
    textContent: 'Loading your passkeys…',
  });
  const list = element(doc, 'ul', { id: 'passkeys-list', className: 'passkey-list' });
  list.setAttribute('aria-labelledby', 'passkeys-title');
  show(list, false);
  const actions = element(doc, 'p', { className: 'actions' });
  const add = element(doc, 'button', { id: 'add-passkey', textContent: 'Add a passkey' });
  add.type = 'button';
  const retry = element(doc, 'button', {
    id: 'passkeys-retry',
    className: 'button-secondary',
    textContent: 'Try again',
  });
  retry.type = 'button';
  show(retry, false);
  show(add, creatable);
  actions.append(add, retry);
  const notes = [
    twoFactorOn &&
      'While two-factor sign-in is on, Wild Rydes asks for your password and authenticator code, so passkeys can’t be used to sign in until you turn it off.',
    !creatable && 'This browser can’t create passkeys. You can add one from another browser or device.',
  ].flatMap((text) => (text ? [element(doc, 'p', { className: 'hint', textContent: text })] : []));
  const elements: Node[] = [title, intro, message, status, list, ...notes, actions];
  section.replaceChildren(...elements);
  const failed = (err: unknown) => explain(message, err);

  /** Shows the current list; false (with the error shown) when it could not be loaded. */
  const refresh = async (onLoad = false): Promise<boolean> => {
    let passkeys: Passkey[];
    try {
      passkeys = await auth.listPasskeys();
    } catch (err) {
      status.textContent = 'Your passkeys couldn’t be loaded.';
      show(list, false);
      show(retry);
      (onLoad ? explainOnLoad : explain)(message, err);
      return false;
    }
    show(retry, false);
    list.replaceChildren(...passkeys.map((passkey) => item(doc, passkey, (button) => remove(passkey, button))));
    show(list, passkeys.length > 0);
    status.textContent = passkeys.length
      ? `You have ${passkeys.length === 1 ? 'one passkey' : `${passkeys.length} passkeys`}.`
      : 'You haven’t added a passkey yet.';
    return true;
  };

  const remove = (passkey: Passkey, button: HTMLButtonElement): void => {
    void whileBusy(button, 'Removing…', async () => {
      clearNotice(message);
      try {
        await auth.removePasskey(passkey.id);
      } catch (err) {
        return failed(err);
      }
      if (!(await refresh())) return;
      // The button is gone with its row: the message takes focus, so keyboard users stay in the section.
      notify(
        message,
        'success',
        `${passkey.name} is removed: it no longer signs you in. You can also delete it from your device or password manager.`,
      );
      message.focus();
    });
  };

  add.addEventListener('click', () => {
    void whileBusy(add, 'Waiting for your passkey…', async () => {
      clearNotice(message);
      try {
        await auth.addPasskey();
      } catch (err) {
        return failed(err);
      }
      await refresh();
      notify(message, 'success', 'Passkey added. Next time, choose “Sign in with a passkey” on the sign-in page.');
      message.focus();
    });
  });

  retry.addEventListener('click', () => {
    void whileBusy(retry, 'Loading…', async () => {
      clearNotice(message);
      if (await refresh()) add.focus();
    });
  });

  await refresh(true);
}
