// Remembered devices: the list with each one's last use, and "Forget".
import type { RememberedDevice } from '../../auth/devices.ts';
import { AuthError } from '../../auth/errors.ts';
import { byId, notify, show } from '../../ui/dom.ts';
import { deviceLabel } from './device-name.ts';
import type { AccountContext } from './section.ts';
import { explain, explainOnLoad } from './section.ts';

const when = (date: Date): string =>
  date.toLocaleString([], { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export async function mountDevices(ctx: AccountContext): Promise<void> {
  const { root } = ctx;
  const list = byId<HTMLUListElement>(root, 'device-list');
  const message = byId(root, 'devices-message');
  const empty = byId(root, 'devices-empty');

  const refreshEmpty = (): void => {
    show(empty, list.children.length === 0);
    show(list, list.children.length > 0);
  };

  const item = (device: RememberedDevice): HTMLLIElement => {
    const label = deviceLabel(device.name);
    const li = root.createElement('li');
    li.className = 'device';
    const text = root.createElement('div');
    const name = root.createElement('strong');
    name.textContent = label;
    text.append(name);
    if (device.current) {
      const badge = root.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'This device';
      text.append(' ', badge);
    }
    const used = root.createElement('p');
    used.className = 'hint';
    if (device.lastUsed) {
      const time = root.createElement('time');
      time.dateTime = device.lastUsed.toISOString();
      time.textContent = when(device.lastUsed);
      used.append('Last used ', time);
    } else {
      used.textContent = 'Not used yet';
    }
    text.append(used);
    const forget = root.createElement('button');
    forget.type = 'button';
    forget.className = 'button-secondary';
    const hidden = root.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ` ${label}${device.current ? ' (this device)' : ''}`;
    forget.append('Forget', hidden);
    forget.addEventListener('click', () => void forgetOne(device, label, li, forget));
    li.append(text, forget);
    return li;
  };

  const forgetOne = async (device: RememberedDevice, label: string, li: HTMLLIElement, button: HTMLButtonElement) => {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await ctx.auth.forgetDevice(device.key);
      const next = (li.nextElementSibling ?? li.previousElementSibling)?.querySelector('button');
      li.remove();
      refreshEmpty();
      notify(
        message,
        'success',
        device.current
          ? 'This browser is forgotten: next time you sign in here, we’ll ask for a code.'
          : `${label} is forgotten: it will need a code the next time it signs in.`,
      );
      (next ?? message).focus();
    } catch (err) {
      if (
        err instanceof AuthError &&
        err.code === 'DevicesUnavailable' &&
        err.cognitoCode === 'ResourceNotFoundException'
      ) {
        // Forgotten meanwhile (another browser, an operator): what the rider wanted is already so.
        li.remove();
        refreshEmpty();
        notify(message, 'info', err.message);
        return;
      }
      button.disabled = false;
      button.removeAttribute('aria-busy');
      explain(message, err);
    }
  };

  try {
    const devices = await ctx.auth.listDevices();
    list.replaceChildren(...devices.map(item));
    refreshEmpty();
  } catch (err) {
    // A pool without device tracking is a fact to state, not an error.
    if (err instanceof AuthError && err.code === 'DevicesUnavailable') notify(message, 'info', err.message);
    else explainOnLoad(message, err);
  } finally {
    show(byId(root, 'devices-loading'), false);
  }
}
