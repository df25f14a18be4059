// The account page's and two-factor sign-in's Cognito errors, as rider sentences
// (docs/cognito-mfa-passwordless.md §1.2–§1.7, §3.5; the local pool's texts in local-cognito/errors.ts).
import { describe, expect, it } from 'vitest';
import type { ErrorContext } from '../../src/auth/errors.ts';
import { toAuthError } from '../../src/auth/errors.ts';

const cognito = (code: string, message: string) => Object.assign(new Error(message), { code, name: code });

describe('toAuthError: two-factor sign-in and the account page', () => {
  it.each([
    // [context, Cognito code, message, our code, sentence, field]
    [
      undefined,
      'CodeMismatchException',
      'Invalid code or auth state for the user.',
      'CodeMismatch',
      /wrong or already used\. Wait for the next code in your authenticator app/,
      'code',
    ],
    ['totp', 'CodeMismatchException', 'Some other wording', 'CodeMismatch', /authenticator app/, 'code'],
    [
      undefined,
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
      'CodeMismatch',
      /Make sure the app shows “Wild Rydes”/,
      'code',
    ],
    [
      'totpSetup',
      'EnableSoftwareTokenMFAException',
      '',
      'CodeMismatch',
      /Make sure the app shows “Wild Rydes”/,
      'code',
    ],
    [
      undefined,
      'InvalidParameterException',
      'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
      'MfaNotSetUp',
      /^Set up your authenticator app first/,
      undefined,
    ],
    [
      undefined,
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool',
      'MfaUnavailable',
      /isn’t available/,
      undefined,
    ],
    [
      undefined,
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA does not exist for the user.',
      'MfaNotSetUp',
      /^Set up your authenticator app first/,
      undefined,
    ],
    [
      undefined,
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      'SessionExpired',
      /sign in again/,
      undefined,
    ],
    [
      'currentPassword',
      'NotAuthorizedException',
      'Incorrect username or password.',
      'NotAuthorized',
      /^That isn’t your current password/,
      'currentPassword',
    ],
    [
      'currentPassword',
      'NotAuthorizedException',
      'Password attempts exceeded',
      'PasswordAttemptsExceeded',
      /Too many wrong passwords/,
      'currentPassword',
    ],
    [
      'currentPassword',
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have numeric characters',
      'InvalidPassword',
      /a number/,
      'password',
    ],
    [
      'changeEmail',
      'AliasExistsException',
      'An account with the given email already exists.',
      'AliasExists',
      /Choose a different one/,
      'email',
    ],
    [
      'changeEmail',
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
      'CodeMismatch',
      /sent to your new address/,
      'code',
    ],
    [
      'changeEmail',
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
      'ExpiredCode',
      /expired/,
      'code',
    ],
    [
      'devices',
      'InvalidUserPoolConfigurationException',
      'Device tracking is not enabled',
      'DevicesUnavailable',
      /doesn’t remember devices/,
      undefined,
    ],
    [
      'devices',
      'ResourceNotFoundException',
      'Device does not exist.',
      'DevicesUnavailable',
      /already forgotten/,
      undefined,
    ],
  ] as const)('%s: %s "%s" → %s', (context, code, message, ours, sentence, field) => {
    const error = toAuthError(cognito(code, message), context as ErrorContext | undefined);
    expect(error.code).toBe(ours);
    expect(error.message).toMatch(sentence);
    expect(error.field).toBe(field);
    expect(error.message).not.toMatch(/Exception|SOFTWARE_TOKEN/);
  });

  it('keeps the sign-in wording outside the account contexts', () => {
    expect(toAuthError(cognito('NotAuthorizedException', 'Incorrect username or password.')).message).toMatch(
      /email and password don’t match/,
    );
    expect(toAuthError(cognito('ResourceNotFoundException', 'Device does not exist.')).code).toBe('Config');
  });
});
