// Change password: the current one and a new one (live checklist, show-password toggles).
import { byId, notify } from '../../ui/dom.ts';
import { passwordChecklist, passwordToggle } from '../../ui/password.ts';
import type { AccountContext } from './section.ts';
import { sectionForm } from './section.ts';

export function mountPassword(ctx: AccountContext): { emailChanged(email: string): void } {
  const { root } = ctx;
  const current = byId<HTMLInputElement>(root, 'current-password');
  const next = byId<HTMLInputElement>(root, 'new-password');
  const username = byId<HTMLInputElement>(root, 'password-username');
  const message = byId(root, 'password-message');
  username.value = ctx.email;
  passwordToggle(byId<HTMLButtonElement>(root, 'show-current-password'), [current]);
  passwordToggle(byId<HTMLButtonElement>(root, 'show-new-password'), [next]);
  passwordChecklist(next, byId(root, 'new-password-rules'));

  sectionForm({
    form: byId<HTMLFormElement>(root, 'password-form'),
    submit: byId<HTMLButtonElement>(root, 'password-submit'),
    busyLabel: 'Changing password…',
    message,
    fields: { currentPassword: current, password: next },
    async run() {
      await ctx.auth.changePassword(current.value, next.value);
      current.value = '';
      next.value = '';
      next.dispatchEvent(new Event('input'));
      notify(message, 'success', 'Your password is changed. Use the new one next time you sign in.');
      message.focus();
    },
  });
  return {
    emailChanged(email) {
      username.value = email;
    },
  };
}
