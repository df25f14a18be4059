// Input checks of the account page, run before any request (the sign-in page's are in validate.ts;
// these live apart so that pages without an account section do not load them).
import { AuthError } from './errors.ts';
import { normalizeEmail } from './validate.ts';

/** Throws when the current-password field (account page) is empty. */
export function requireCurrentPassword(password: string): string {
  if (!password) {
    throw new AuthError('InvalidPassword', 'Enter your current password.', undefined, 'currentPassword');
  }
  return password;
}

/** The new address for an email change: well-formed and not the one the rider already has. */
export function checkNewEmail(email: string, current: string): string {
  const value = normalizeEmail(email);
  if (value === current.toLowerCase()) {
    throw new AuthError('InvalidEmail', 'That’s already your email address. Enter the new one.', undefined, 'email');
  }
  return value;
}

/** Deleting an account: the rider must type their own address (any case, spaces around ignored). */
export function checkTypedEmail(typed: string, email: string): void {
  if (typed.trim().toLowerCase() !== email.toLowerCase()) {
    throw new AuthError(
      'NotYourEmail',
      `Type your email address, ${email}, exactly as shown to confirm.`,
      undefined,
      'email',
    );
  }
}
