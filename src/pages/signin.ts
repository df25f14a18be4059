// signin.html: SRP sign-in, the unconfirmed and new-password steps, "Forgot password?", the
// second-factor steps (signin-second-factor.ts), and the passkey and emailed-code steps (src/pages/signin/).
import type * as Auth from '../auth/index.ts';
import type { NewPasswordChallenge } from '../auth/sign-in.ts';
import { normalizeEmail } from '../auth/validate.ts';
import { safeNextPath } from '../next-path.ts';
import { byId, clearNotice, fieldError, notify, show } from '../ui/dom.ts';
import { handleSubmit, showError, whileBusy } from '../ui/form.ts';
import { passwordChecklist, passwordToggle } from '../ui/password.ts';
import { prerenderOnInput } from '../ui/prerender.ts';
import type { PasswordlessAuth } from './signin/other-ways.ts';
import { mountOtherWays } from './signin/other-ways.ts';
import type { SignInPage } from './signin/page.ts';
import type { FillSetup, SecondFactorAuth } from './signin-second-factor.ts';
import { mountSecondFactor } from './signin-second-factor.ts';

export interface SignInDeps {
  auth: Pick<typeof Auth, 'signIn' | 'completeNewPassword' | 'forgotPassword' | 'confirmForgotPassword'> &
    SecondFactorAuth &
    /** Work a sign-in can do before the rider presses "Sign in" (the SRP public value). */
    Partial<Pick<typeof Auth, 'prepareSignIn'>>;
  /** Loads passkey and emailed-code sign-in (on first use); without it the page offers only the password. */
  loadPasswordless?: (() => Promise<PasswordlessAuth>) | undefined;
  navigate(url: string): void;
  params: URLSearchParams;
  /** Shows the authenticator set-up (the entry loads it and the QR code only when a pool requires set-up). */
  fillSetup: FillSetup;
}

export function mountSignIn(root: Document, { auth, loadPasswordless, navigate, params, fillSetup }: SignInDeps): void {
  const input = (id: string) => byId<HTMLInputElement>(root, id);
  const button = (id: string) => byId<HTMLButtonElement>(root, id);
  const form = (id: string) => byId<HTMLFormElement>(root, id);
  const message = byId(root, 'form-message');
  const email = input('email');
  const password = input('password');
  const signInForm = form('signin-form');
  const newPasswordForm = form('new-password-form');
  const forgotForm = form('forgot-form');
  const resetForm = form('reset-form');
  const forms: HTMLElement[] = [signInForm, newPasswordForm, forgotForm, resetForm, form('email-code-form')];
  const next = safeNextPath(params.get('next'));
  let challenge: NewPasswordChallenge | undefined;
  let resetEmail = '';

  const heading = byId(root, 'page-title');
  // The home page knows it may be prerendered (it reads the session once shown); other pages don't.
  if (next === '/') prerenderOnInput(root, signInForm, next);
  // While the rider types, in a task of its own so no keystroke waits for it (once per sign-in:
  // it does nothing while a prepared value waits to be used).
  signInForm.addEventListener('input', () => setTimeout(() => auth.prepareSignIn?.()));

  /** Shows one of the steps, names the page after it, and moves focus to its first empty field. */
  const step = (id: string, focus: HTMLInputElement): void => {
    for (const f of forms) show(f, f.id === id);
    const title = byId(root, id).dataset.title ?? '';
    heading.textContent = title;
    root.title = `${title} — Wild Rydes`;
    show(byId(root, 'back-row'), id !== 'signin-form');
    focus.focus();
  };

  const secondFactor = mountSecondFactor(root, {
    auth,
    message,
    step,
    restart: () => step('signin-form', email.value ? password : email),
    done: () => navigate(next),
    fillSetup,
  });
  forms.push(...secondFactor.steps);

  const toVerify = (address: string, destination: string | null): void => {
    const query = new URLSearchParams({ email: address, unconfirmed: '1' });
    if (destination) query.set('sent', '1');
    navigate(`/verify.html?${query}`);
  };
  const page: SignInPage = {
    root,
    message,
    email,
    password,
    step,
    signedIn: () => navigate(next),
    confirmSignUp: toVerify,
  };
  if (loadPasswordless) mountOtherWays(page, loadPasswordless);

  email.value = params.get('email') ?? '';
  if (params.get('verified')) notify(message, 'success', 'Your email is confirmed. Sign in to start riding.');
  (email.value ? password : email).focus();
  passwordToggle(button('show-password'), [password]);
  passwordToggle(button('show-new-password'), [input('new-password')]);
  passwordToggle(button('show-reset-password'), [input('reset-password')]);
  passwordChecklist(input('new-password'), byId(root, 'new-password-rules'));
  passwordChecklist(input('reset-password'), byId(root, 'reset-password-rules'));

  handleSubmit({
    form: signInForm,
    submit: button('submit'),
    busyLabel: 'Signing in…',
    message,
    fields: { email, password },
    async run() {
      const result = await auth.signIn(email.value, password.value);
      if (result.next === 'done') return navigate(next);
      if (result.next === 'confirmSignUp') return toVerify(result.email, result.destination);
      if (result.next !== 'newPassword') {
        password.value = '';
        return secondFactor.show(result);
      }
      challenge = result.challenge;
      input('new-password-username').value = normalizeEmail(email.value);
      password.value = '';
      notify(message, 'info', 'Almost there: choose your own password.');
      step('new-password-form', input('new-password'));
    },
  });

  handleSubmit({
    form: newPasswordForm,
    submit: button('new-password-submit'),
    busyLabel: 'Saving…',
    message,
    fields: { password: input('new-password') },
    async run() {
      if (!challenge) return step('signin-form', email);
      const result = await auth.completeNewPassword(challenge, input('new-password').value);
      if ('next' in result) return secondFactor.show(result);
      navigate(next);
    },
  });

  button('forgot').addEventListener('click', () => {
    clearNotice(message);
    input('forgot-email').value = email.value;
    step('forgot-form', input('forgot-email'));
  });

  handleSubmit({
    form: forgotForm,
    submit: button('forgot-submit'),
    busyLabel: 'Sending…',
    message,
    fields: { email: input('forgot-email') },
    async run() {
      const { destination } = await auth.forgotPassword(input('forgot-email').value);
      resetEmail = input('forgot-email').value;
      input('reset-username').value = normalizeEmail(resetEmail);
      notify(
        message,
        'info',
        `If ${resetEmail.trim()} has an account, we’ve emailed a code to ${destination ?? 'it'}.`,
      );
      step('reset-form', input('reset-code'));
    },
  });

  handleSubmit({
    form: resetForm,
    submit: button('reset-submit'),
    busyLabel: 'Saving…',
    message,
    fields: { code: input('reset-code'), password: input('reset-password') },
    async run() {
      await auth.confirmForgotPassword(resetEmail, input('reset-code').value, input('reset-password').value);
      email.value = normalizeEmail(resetEmail);
      password.value = '';
      input('reset-code').value = '';
      input('reset-password').value = '';
      step('signin-form', password);
      notify(message, 'success', 'Your password is changed. Sign in with your new password.');
    },
  });

  // An expired (or lost) reset code: ask for another one without leaving the reset step.
  const resend = button('reset-resend');
  resend.addEventListener('click', () => {
    void whileBusy(resend, 'Sending…', async () => {
      clearNotice(message);
      try {
        const { destination } = await auth.forgotPassword(resetEmail);
        const code = input('reset-code');
        code.value = '';
        fieldError(code, null);
        notify(
          message,
          'success',
          `If ${resetEmail.trim()} has an account, we’ve emailed a new code to ${destination ?? 'it'}. Only the newest code works.`,
        );
        code.focus();
      } catch (err) {
        showError({ message, fields: {} }, err);
      }
    });
  });

  button('back-to-signin').addEventListener('click', () => {
    clearNotice(message);
    step('signin-form', email.value ? password : email);
  });
}
