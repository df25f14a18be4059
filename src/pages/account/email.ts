// Change email: a code goes to the new address; until it is entered the old address stays the
// sign-in name (Cognito's AttributesRequireVerificationBeforeUpdate) and the page says so.
import type { AccountOverview } from '../../auth/account.ts';
import { byId, clearNotice, fieldError, notify, show } from '../../ui/dom.ts';
import { pendingEmail, rememberPendingEmail } from './pending-email.ts';
import type { AccountContext } from './section.ts';
import { sectionButton, sectionForm } from './section.ts';

export function mountEmail(ctx: AccountContext, overview: AccountOverview): void {
  const { root } = ctx;
  const status = byId(root, 'email-status');
  const message = byId(root, 'email-message');
  const emailForm = byId<HTMLFormElement>(root, 'email-form');
  const codeForm = byId<HTMLFormElement>(root, 'email-code-form');
  const newEmail = byId<HTMLInputElement>(root, 'new-email');
  const code = byId<HTMLInputElement>(root, 'email-code');
  let pending = pendingEmail(ctx.storage, ctx.sub);
  /** The pool switched the sign-in address at once and only waits for the code to mark it verified. */
  let applied = false;

  const render = (): void => {
    show(emailForm, !pending);
    show(codeForm, !!pending);
    if (!pending) {
      status.textContent = `You sign in with ${ctx.email}.`;
    } else if (applied) {
      status.textContent = `You now sign in with ${pending}. Enter the code we emailed to it to confirm it’s yours.`;
    } else {
      status.textContent = `We emailed a code to ${pending}. Until you enter it, you keep signing in with ${ctx.email}.`;
    }
  };

  // A change confirmed elsewhere (or a pool that applied it): the stored address is simply the current one now.
  if (pending && pending === overview.email) {
    applied = !overview.emailVerified;
    if (!applied) pending = null;
  }
  if (!pending) rememberPendingEmail(ctx.storage, ctx.sub, null);
  render();

  sectionForm({
    form: emailForm,
    submit: byId<HTMLButtonElement>(root, 'email-submit'),
    busyLabel: 'Sending code…',
    message,
    fields: { email: newEmail },
    async run() {
      const change = await ctx.auth.changeEmail(newEmail.value);
      pending = change.pending;
      applied = change.applied;
      rememberPendingEmail(ctx.storage, ctx.sub, pending);
      newEmail.value = '';
      render();
      notify(
        message,
        'info',
        `We’ve emailed a code to ${change.destination ?? pending}. It can take a minute to arrive.`,
      );
      code.focus();
    },
  });

  sectionForm({
    form: codeForm,
    submit: byId<HTMLButtonElement>(root, 'email-code-submit'),
    busyLabel: 'Confirming…',
    message,
    fields: { code },
    async run() {
      const session = await ctx.auth.confirmEmailChange(code.value);
      pending = null;
      applied = false;
      rememberPendingEmail(ctx.storage, ctx.sub, null);
      code.value = '';
      ctx.emailChanged(session.email);
      render();
      notify(message, 'success', `Your email address is changed. Sign in with ${session.email} from now on.`);
      message.focus();
    },
  });

  sectionButton(byId<HTMLButtonElement>(root, 'email-resend'), 'Sending…', message, async () => {
    if (!pending) return;
    clearNotice(message);
    const { destination } = await ctx.auth.resendEmailChangeCode(pending);
    code.value = '';
    fieldError(code, null);
    notify(message, 'success', `We’ve emailed a new code to ${destination ?? pending}. Only the newest code works.`);
    code.focus();
  });

  byId<HTMLButtonElement>(root, 'email-cancel').addEventListener('click', () => {
    pending = null;
    applied = false;
    rememberPendingEmail(ctx.storage, ctx.sub, null);
    clearNotice(message);
    fieldError(code, null);
    render();
    newEmail.focus();
  });
}
