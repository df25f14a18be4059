// The sign-in page's emailed-code step (loaded when a rider first chooses "Email me a sign-in
// code"): enter the code, or send a new one (a new sign-in attempt: only the newest code works).
import type { EmailCodeChallenge } from '../../auth/passwordless.ts';
import { byId, clearNotice, fieldError, notify } from '../../ui/dom.ts';
import { handleSubmit, showError, whileBusy } from '../../ui/form.ts';
import type { PasswordlessAuth } from './other-ways.ts';
import type { SignInPage } from './page.ts';

/** Wires the code form once; returns what starts the step each time the rider chooses it. */
export function emailCodeStep(page: SignInPage): (auth: PasswordlessAuth) => Promise<void> {
  const { root, message } = page;
  const code = byId<HTMLInputElement>(root, 'email-code');
  const sent = byId(root, 'email-code-sent');
  const resend = byId<HTMLButtonElement>(root, 'email-code-resend');
  let auth: PasswordlessAuth | undefined;
  let challenge: EmailCodeChallenge | undefined;

  /** Asks for a code; returns where it went, or null when the rider was sent on to confirm their account. */
  const send = async (using: PasswordlessAuth): Promise<string | null> => {
    const result = await using.startEmailCodeSignIn(page.email.value);
    if (result.next === 'confirmSignUp') {
      page.confirmSignUp(result.email, result.destination);
      return null;
    }
    challenge = result.challenge;
    const to = challenge.destination ?? challenge.email;
    sent.textContent = `We’ve emailed a 6-digit sign-in code to ${to}. It works for a few minutes.`;
    return to;
  };

  handleSubmit({
    form: byId<HTMLFormElement>(root, 'email-code-form'),
    submit: byId<HTMLButtonElement>(root, 'email-code-submit'),
    busyLabel: 'Signing in…',
    message,
    fields: { code },
    async run() {
      if (!auth || !challenge) return page.step('signin-form', page.email);
      await auth.confirmEmailCode(challenge, code.value);
      page.signedIn();
    },
  });

  resend.addEventListener('click', () => {
    void whileBusy(resend, 'Sending…', async () => {
      clearNotice(message);
      fieldError(code, null);
      try {
        const to = auth && (await send(auth));
        if (!to) return;
        code.value = '';
        notify(message, 'success', `We’ve sent a new code to ${to}. Only the newest code works.`);
        code.focus();
      } catch (err) {
        showError({ message, fields: { code } }, err);
      }
    });
  });

  return async (using) => {
    auth = using;
    if (!(await send(using))) return;
    code.value = '';
    fieldError(code, null);
    page.step('email-code-form', code);
  };
}
