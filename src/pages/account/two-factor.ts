// Two-factor sign-in with an authenticator app: set up (QR code, key, code), turn off (password).
import { byId, clearNotice, notify, show } from '../../ui/dom.ts';
import { passwordToggle } from '../../ui/password.ts';
import { fillTotpSetup } from '../../ui/totp-setup.ts';
import type { AccountContext } from './section.ts';
import { sectionButton, sectionForm } from './section.ts';

export function mountTwoFactor(ctx: AccountContext, enabled: boolean): { emailChanged(email: string): void } {
  const { root } = ctx;
  const status = byId(root, 'mfa-status');
  const message = byId(root, 'mfa-message');
  const startRow = byId(root, 'mfa-start-row');
  const setupArea = byId(root, 'mfa-setup-area');
  const offForm = byId<HTMLFormElement>(root, 'mfa-off-form');
  const code = byId<HTMLInputElement>(root, 'mfa-code');
  const password = byId<HTMLInputElement>(root, 'mfa-off-password');
  const username = byId<HTMLInputElement>(root, 'mfa-off-username');
  username.value = ctx.email;
  passwordToggle(byId<HTMLButtonElement>(root, 'show-mfa-off-password'), [password]);

  const render = (on: boolean, settingUp = false): void => {
    status.textContent = on
      ? 'On. When you sign in, we ask for the 6-digit code from your authenticator app as well as your password.'
      : 'Off. Your password alone signs you in. Add a code from an authenticator app so a stolen password isn’t enough.';
    status.className = on ? 'status status-on' : 'status status-off';
    show(startRow, !on && !settingUp);
    show(setupArea, settingUp);
    show(offForm, on);
  };
  render(enabled);

  sectionButton(byId<HTMLButtonElement>(root, 'mfa-start'), 'Preparing…', message, async () => {
    clearNotice(message);
    const secret = await ctx.auth.startTotpSetup();
    render(false, true);
    await fillTotpSetup(root, 'mfa', secret, ctx.drawQr, ctx.copy);
    notify(message, 'info', 'Scan the QR code with your authenticator app, then enter the code it shows.');
    code.focus();
  });

  sectionForm({
    form: byId<HTMLFormElement>(root, 'mfa-form'),
    submit: byId<HTMLButtonElement>(root, 'mfa-submit'),
    busyLabel: 'Checking code…',
    message,
    fields: { code },
    async run() {
      await ctx.auth.confirmTotpSetup(code.value);
      code.value = '';
      render(true);
      notify(message, 'success', 'Two-factor sign-in is on. Next time you sign in, have your authenticator app ready.');
      message.focus();
    },
  });

  byId<HTMLButtonElement>(root, 'mfa-cancel').addEventListener('click', () => {
    clearNotice(message);
    render(false);
    byId<HTMLButtonElement>(root, 'mfa-start').focus();
  });

  sectionForm({
    form: offForm,
    submit: byId<HTMLButtonElement>(root, 'mfa-off-submit'),
    busyLabel: 'Turning off…',
    message,
    fields: { currentPassword: password },
    async run() {
      await ctx.auth.disableTotp(password.value);
      password.value = '';
      render(false);
      notify(message, 'success', 'Two-factor sign-in is off. You can set it up again at any time.');
      message.focus();
    },
  });

  return {
    emailChanged(email) {
      username.value = email;
    },
  };
}
