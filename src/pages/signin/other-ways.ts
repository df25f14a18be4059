// The sign-in page's "Sign in with a passkey" and "Email me a sign-in code" choices. This module is
// part of the page's first load, so it holds only the buttons: the steps (choices.ts) and the auth
// code behind them (src/auth/passwordless.ts) load when a rider first picks one.
import { toAuthError } from '../../auth/errors.ts';
import type * as Passwordless from '../../auth/passwordless.ts';
import { normalizeEmail } from '../../auth/validate.ts';
import { byId, clearFieldErrors, clearNotice, show } from '../../ui/dom.ts';
import { showError, whileBusy } from '../../ui/form.ts';
import type { SignInPage } from './page.ts';

export type PasswordlessAuth = Pick<
  typeof Passwordless,
  'signInWithPasskey' | 'startEmailCodeSignIn' | 'confirmEmailCode'
>;

/** The two choices: button id → its label while busy. */
const CHOICES = { 'passkey-signin': 'Waiting for your passkey…', 'email-code-signin': 'Sending…' } as const;
export type Choice = keyof typeof CHOICES;

/** Whether this browser has WebAuthn (a passkey can only be offered where it does). */
export const hasPasskeys = (view: Window | null): boolean =>
  typeof (view as (Window & { PublicKeyCredential?: unknown }) | null)?.PublicKeyCredential === 'function';

/** Shows the choices; a click checks the email, loads the step and the auth functions (`load`), and runs it. */
export function mountOtherWays(page: SignInPage, load: () => Promise<PasswordlessAuth>): void {
  const { root, email, message } = page;
  show(byId(root, 'other-ways'));
  show(byId(root, 'passkey-signin'), hasPasskeys(root.defaultView));
  for (const [id, busyLabel] of Object.entries(CHOICES) as [Choice, string][]) {
    const button = byId<HTMLButtonElement>(root, id);
    button.addEventListener('click', () => {
      void whileBusy(button, busyLabel, async () => {
        if (email.form) clearFieldErrors(email.form);
        clearNotice(message);
        try {
          normalizeEmail(email.value); // an unusable email is flagged before anything loads
          const [{ choose }, auth] = await Promise.all([import('./choices.ts'), load()]);
          await choose(page, auth, id);
        } catch (err) {
          showError({ message, fields: { email } }, toAuthError(err));
        }
      });
    });
  }
}
