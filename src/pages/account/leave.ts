// Sign out on all devices (GlobalSignOut), and delete the account (typed email to confirm).
import { byId, notify } from '../../ui/dom.ts';
import { rememberPendingEmail } from './pending-email.ts';
import type { AccountContext } from './section.ts';
import { sectionButton, sectionForm } from './section.ts';

/** Where a rider lands after deleting the account: the home page says it is done (src/pages/home.ts). */
export const DELETED_URL = '/?deleted=1';

export function mountSignOutEverywhere(ctx: AccountContext): void {
  const message = byId(ctx.root, 'signout-message');
  sectionButton(byId<HTMLButtonElement>(ctx.root, 'sign-out-everywhere'), 'Signing out…', message, async () => {
    const { revoked } = await ctx.auth.signOut({ global: true });
    if (revoked) return ctx.navigate('/?signedOut=all');
    notify(
      message,
      'error',
      'You’re signed out on this device, but we couldn’t reach Wild Rydes to end your other sessions. ' +
        'Sign in again when you’re online and try once more.',
    );
  });
}

export function mountDelete(ctx: AccountContext): void {
  const { root } = ctx;
  const typed = byId<HTMLInputElement>(root, 'delete-email');
  sectionForm({
    form: byId<HTMLFormElement>(root, 'delete-form'),
    submit: byId<HTMLButtonElement>(root, 'delete-submit'),
    busyLabel: 'Deleting account…',
    message: byId(root, 'delete-message'),
    fields: { email: typed },
    async run() {
      await ctx.auth.deleteAccount(typed.value);
      rememberPendingEmail(ctx.storage, ctx.sub, null); // nothing of the rider stays in this browser
      ctx.navigate(DELETED_URL);
    },
  });
}
