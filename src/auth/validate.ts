// Input checks run before any request, so riders get an instant, specific answer.

import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from '../../shared/patterns.ts';
import { AuthError } from './errors.ts';
import { passwordProblem } from './password-policy.ts';

/** Trimmed, lower-cased email (the pool's sign-in name); throws InvalidEmail when malformed. */
export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!value) throw new AuthError('InvalidEmail', 'Enter your email address.', undefined, 'email');
  if (value.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(value)) {
    throw new AuthError('InvalidEmail', 'Enter a valid email address, like name@example.com.', undefined, 'email');
  }
  return value;
}

/** The 6 digits of an emailed code, ignoring spaces and dashes; throws InvalidCode otherwise. */
export function normalizeCode(code: string): string {
  const value = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(value)) {
    throw new AuthError('InvalidCode', 'Enter the 6-digit code from the email.', undefined, 'code');
  }
  return value;
}

/** Throws InvalidPassword naming the failing rules when the password breaks the policy. */
export function checkNewPassword(password: string): string {
  const problem = passwordProblem(password);
  if (problem) throw new AuthError('InvalidPassword', problem, undefined, 'password');
  return password;
}

/** Throws when the (current) password field is empty. */
export function requirePassword(password: string): string {
  if (!password) throw new AuthError('InvalidPassword', 'Enter your password.', undefined, 'password');
  return password;
}

/** The 6 digits an authenticator app shows, ignoring spaces; throws InvalidCode otherwise. */
export function normalizeAppCode(code: string): string {
  const value = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(value)) {
    throw new AuthError('InvalidCode', 'Enter the 6-digit code from your authenticator app.', undefined, 'code');
  }
  return value;
}
