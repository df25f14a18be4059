// What every section of the account page shares: the auth calls, the rider, and forms and buttons
// whose "your session has ended" error offers a way back (sign in, then return here).
import { AuthError } from '../../auth/errors.ts';
import type * as Auth from '../../auth/index.ts';
import { link, notify } from '../../ui/dom.ts';
import type { FormHandlers } from '../../ui/form.ts';
import { handleSubmit, showError, whileBusy } from '../../ui/form.ts';
import type { DrawQr } from '../../ui/totp-setup.ts';

export type AccountAuth = Pick<
  typeof Auth,
  | 'currentSession'
  | 'accountOverview'
  | 'changePassword'
  | 'changeEmail'
  | 'confirmEmailChange'
  | 'resendEmailChangeCode'
  | 'startTotpSetup'
  | 'confirmTotpSetup'
  | 'disableTotp'
  | 'listDevices'
  | 'forgetDevice'
  | 'listPasskeys'
  | 'addPasskey'
  | 'removePasskey'
  | 'signOut'
  | 'deleteAccount'
>;

export interface AccountContext {
  root: Document;
  auth: AccountAuth;
  navigate(url: string): void;
  /** Where a pending email change is remembered between visits (localStorage in the browser). */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  drawQr: DrawQr;
  copy?: (text: string) => Promise<void>;
  /** The rider's current sign-in address (updated when an email change is confirmed). */
  email: string;
  /** The rider's ID (the `sub` claim): keys what this browser remembers for them. */
  sub: string;
  /** Tells every section the sign-in address changed. */
  emailChanged(email: string): void;
}

export const SIGN_IN_HERE = `/signin.html?next=${encodeURIComponent('/account.html')}`;

const ENDED = new Set(['SignedOut', 'SessionExpired']);

/** Shows `err` in the section; a signed-out or ended session also gets a link to sign in again. */
export function explain(message: HTMLElement, err: unknown, fields: FormHandlers['fields'] = {}): void {
  if (err instanceof AuthError && ENDED.has(err.code)) {
    notify(message, 'error', err.message, link(SIGN_IN_HERE, 'Sign in again'));
    return;
  }
  showError({ message, fields }, err);
}

/**
 * The same for a section that failed to load on its own (the device list): shown, and announced by
 * the message's live region, but focus stays where the rider is (it is not their action that failed).
 */
export function explainOnLoad(message: HTMLElement, err: unknown): void {
  const ended = err instanceof AuthError && ENDED.has(err.code);
  const text = err instanceof AuthError ? err.message : 'Something went wrong on our side. Please try again.';
  message.className = 'notice notice-error';
  message.replaceChildren(text, ...(ended ? [' ', link(SIGN_IN_HERE, 'Sign in again')] : []));
}

/** handleSubmit, with the section's way of explaining errors. */
export function sectionForm(h: FormHandlers): void {
  handleSubmit({
    ...h,
    async run() {
      try {
        await h.run();
      } catch (err) {
        if (err instanceof AuthError && ENDED.has(err.code)) return explain(h.message, err);
        throw err;
      }
    },
  });
}

/** A button that runs `task` busy, explaining any error in the section's message. */
export function sectionButton(
  button: HTMLButtonElement,
  busyLabel: string,
  message: HTMLElement,
  task: () => Promise<void>,
): void {
  button.addEventListener('click', () => {
    void whileBusy(button, busyLabel, async () => {
      try {
        await task();
      } catch (err) {
        explain(message, err);
      }
    });
  });
}
