// verify.html: confirm the email address with the emailed code; resend a code.

import { AuthError } from '../auth/errors.ts';
import type * as Auth from '../auth/index.ts';
import { normalizeEmail } from '../auth/validate.ts';
import { byId, link, notify } from '../ui/dom.ts';
import { handleSubmit, showError, whileBusy } from '../ui/form.ts';

export interface VerifyDeps {
  auth: Pick<typeof Auth, 'confirmRegistration' | 'resendConfirmationCode'>;
  navigate(url: string): void;
  params: URLSearchParams;
}

export function mountVerify(root: Document, { auth, navigate, params }: VerifyDeps): void {
  const email = byId<HTMLInputElement>(root, 'email');
  const code = byId<HTMLInputElement>(root, 'code');
  const message = byId(root, 'form-message');
  const fields = { email, code };
  const prefilled = params.get('email') ?? '';
  email.value = prefilled;
  // Only used once the email passed auth's checks (confirmed, or already confirmed), so it is well-formed.
  const signInUrl = (extra = ''): string =>
    `/signin.html?email=${encodeURIComponent(normalizeEmail(email.value))}${extra}`;

  if (prefilled && params.get('unconfirmed')) {
    notify(
      message,
      'info',
      params.get('sent')
        ? `Your email address isn’t confirmed yet. We’ve sent a new code to ${prefilled}.`
        : 'Your email address isn’t confirmed yet. Enter the code we emailed you, or send a new one.',
    );
  } else if (prefilled && params.get('sent')) {
    notify(message, 'info', `We’ve sent a code to ${prefilled}. It can take a minute to arrive.`);
  }
  (prefilled ? code : email).focus();

  handleSubmit({
    form: byId<HTMLFormElement>(root, 'verify-form'),
    submit: byId<HTMLButtonElement>(root, 'submit'),
    busyLabel: 'Confirming…',
    message,
    fields,
    async run() {
      try {
        await auth.confirmRegistration(email.value, code.value);
      } catch (err) {
        if (!(err instanceof AuthError) || err.code !== 'AlreadyConfirmed') throw err;
        notify(message, 'success', err.message, link(signInUrl(), 'Sign in'));
        return;
      }
      navigate(signInUrl('&verified=1'));
    },
  });

  const resend = byId<HTMLButtonElement>(root, 'resend');
  resend.addEventListener('click', () => {
    void whileBusy(resend, 'sending…', async () => {
      try {
        const { destination } = await auth.resendConfirmationCode(email.value);
        code.value = '';
        notify(
          message,
          'success',
          `We’ve sent a new code to ${destination ?? email.value.trim()}. Only the newest code works.`,
        );
        code.focus();
      } catch (err) {
        showError({ message, fields }, err);
      }
    });
  });
}
