// The sign-in page's passkey step (loaded when a rider first chooses "Sign in with a passkey"): the
// browser's own passkey prompt does the asking, so this step has no form of its own.
import { AuthError } from '../../auth/errors.ts';
import { notify } from '../../ui/dom.ts';
import type { PasswordlessAuth } from './other-ways.ts';
import type { SignInPage } from './page.ts';

export function passkeyStep(page: SignInPage): (auth: PasswordlessAuth) => Promise<void> {
  return async (auth) => {
    try {
      const result = await auth.signInWithPasskey(page.email.value);
      if (result.next === 'done') return page.signedIn();
      page.confirmSignUp(result.email, result.destination);
    } catch (err) {
      if (!(err instanceof AuthError) || err.code !== 'NoPasskey') throw err;
      // Not a failure: the rider is told, and the other ways are right there (the password first).
      notify(page.message, 'info', err.message);
      page.password.focus();
    }
  };
}
