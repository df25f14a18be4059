// The sign-in page's "Sign in with a passkey" and "Email me a sign-in code" choices. This module is
// part of the page's first load, so it holds only the buttons: the steps and the auth code behind
// them (passkey.ts, email-code.ts, src/auth/passwordless.ts) load when a rider first picks one.
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

type Step = (auth: PasswordlessAuth) => Promise<void>;

/** Whether this browser has WebAuthn (a passkey can only be offered where it does). */
export const hasPasskeys = (view: Window | null): boolean =>
  typeof (view as (Window & { PublicKeyCredential?: unknown }) | null)?.PublicKeyCredential === 'function';

/**
 * Shows the choices and runs the chosen one. `load` brings in the auth functions (a dynamic import
 * in the real page); each step module is imported, and mounted once, on first use.
 */
export function mountOtherWays(page: SignInPage, load: () => Promise<PasswordlessAuth>): void {
  const { root, email, message } = page;
  const passkey = byId<HTMLButtonElement>(root, 'passkey-signin');
  show(byId(root, 'other-ways'));
  show(passkey, hasPasskeys(root.defaultView));

  const choice = (button: HTMLButtonElement, busyLabel: string, mountStep: () => Promise<Step>): void => {
    let step: Promise<Step> | undefined;
    button.addEventListener('click', () => {
      void whileBusy(button, busyLabel, async () => {
        if (email.form) clearFieldErrors(email.form);
        clearNotice(message);
        try {
          normalizeEmail(email.value); // an unusable email is flagged before anything loads
          step ??= mountStep().catch((err: unknown) => {
            step = undefined; // a chunk that failed to load is fetched again next time
            throw err;
          });
          const [auth, run] = await Promise.all([load(), step]);
          await run(auth);
        } catch (err) {
          showError({ message, fields: { email } }, toAuthError(err));
        }
      });
    });
  };

  choice(passkey, 'Waiting for your passkey…', () =>
    import('./passkey.ts').then(({ passkeyStep }) => passkeyStep(page)),
  );
  choice(byId<HTMLButtonElement>(root, 'email-code-signin'), 'Sending…', () =>
    import('./email-code.ts').then(({ emailCodeStep }) => emailCodeStep(page)),
  );
}
