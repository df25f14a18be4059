// register.html: email, password (with live checklist), confirm password.

import { AuthError } from '../auth/errors.ts';
import type * as Auth from '../auth/index.ts';
import { normalizeEmail } from '../auth/validate.ts';
import { byId, link, notify } from '../ui/dom.ts';
import { flagField, handleSubmit } from '../ui/form.ts';
import { passwordChecklist, passwordToggle } from '../ui/password.ts';

export interface RegisterDeps {
  auth: Pick<typeof Auth, 'register'>;
  navigate(url: string): void;
  params: URLSearchParams;
}

export function mountRegister(root: Document, { auth, navigate, params }: RegisterDeps): void {
  const form = byId<HTMLFormElement>(root, 'register-form');
  const email = byId<HTMLInputElement>(root, 'email');
  const password = byId<HTMLInputElement>(root, 'password');
  const confirm = byId<HTMLInputElement>(root, 'confirm-password');
  const message = byId(root, 'form-message');
  email.value = params.get('email') ?? '';
  passwordChecklist(password, byId(root, 'password-rules'));
  passwordToggle(byId<HTMLButtonElement>(root, 'show-password'), [password, confirm]);

  const fields = { email, password };
  handleSubmit({
    form,
    fields,
    message,
    submit: byId<HTMLButtonElement>(root, 'submit'),
    busyLabel: 'Creating account…',
    async run() {
      if (confirm.value !== password.value) {
        flagField(confirm, 'The passwords don’t match. Type the same password twice.');
        return;
      }
      try {
        const result = await auth.register(email.value, password.value);
        const address = encodeURIComponent(normalizeEmail(email.value));
        navigate(result.confirmed ? `/signin.html?email=${address}` : `/verify.html?email=${address}&sent=1`);
      } catch (err) {
        if (!(err instanceof AuthError) || err.code !== 'UsernameExists') throw err;
        const address = encodeURIComponent(normalizeEmail(email.value));
        notify(
          message,
          'error',
          'An account with this email already exists.',
          link(`/signin.html?email=${address}`, 'Sign in'),
          document.createTextNode('or'),
          link(`/verify.html?email=${address}`, 'enter your confirmation code'),
          document.createTextNode('if you haven’t confirmed it yet.'),
        );
      }
    },
  });
}
