import { describe, expect, it } from 'vitest';
import { AuthError, toAuthError } from '../../src/auth/errors.ts';

/** What amazon-cognito-identity-js rejects with for a service error (Client.request). */
const cognito = (code: string, message: string) => Object.assign(new Error(message), { code, name: code });

describe('toAuthError: every Cognito error a rider can hit (docs/cognito.md §2.2)', () => {
  it.each([
    ['NotAuthorizedException', 'Incorrect username or password.', 'NotAuthorized', /don’t match/, 'password'],
    [
      'NotAuthorizedException',
      'Password attempts exceeded',
      'PasswordAttemptsExceeded',
      /Too many failed sign-in attempts/,
      undefined,
    ],
    ['NotAuthorizedException', 'User is disabled.', 'UserDisabled', /disabled/, undefined],
    [
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
      'AlreadyConfirmed',
      /already confirmed — you can sign in/,
      undefined,
    ],
    [
      'NotAuthorizedException',
      'User cannot confirm because user status is not UNCONFIRMED.',
      'AlreadyConfirmed',
      /already confirmed/,
      undefined,
    ],
    ['InvalidParameterException', 'User is already confirmed.', 'AlreadyConfirmed', /already confirmed/, undefined],
    [
      'NotAuthorizedException',
      'User password cannot be reset in the current state.',
      'ResetNotPossible',
      /temporary password/,
      undefined,
    ],
    [
      'NotAuthorizedException',
      'Temporary password has expired and must be reset by an administrator.',
      'ResetNotPossible',
      /new invitation/,
      undefined,
    ],
    [
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
      'ResetNotPossible',
      /Confirm your account first/,
      undefined,
    ],
    ['NotAuthorizedException', 'Refresh Token has been revoked', 'SessionExpired', /sign in again/, undefined],
    ['NotAuthorizedException', 'Access Token has been revoked', 'SessionExpired', /sign in again/, undefined],
    ['NotAuthorizedException', 'Access Token has expired', 'SessionExpired', /sign in again/, undefined],
    ['NotAuthorizedException', 'Invalid Refresh Token.', 'SessionExpired', /sign in again/, undefined],
    [
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      'SessionExpired',
      /sign in again/,
      undefined,
    ],
    [
      'NotAuthorizedException',
      'Unable to verify secret hash for client abc',
      'Config',
      /unavailable right now/,
      undefined,
    ],
    [
      'NotAuthorizedException',
      'SignUp is not permitted for this user pool',
      'Unsupported',
      /can’t be created/,
      undefined,
    ],
    ['UserNotFoundException', 'User does not exist.', 'UserNotFound', /couldn’t find an account/, 'email'],
    [
      'UserNotFoundException',
      'Username/client id combination not found.',
      'UserNotFound',
      /couldn’t find an account/,
      'email',
    ],
    ['UserNotConfirmedException', 'User is not confirmed.', 'UserNotConfirmed', /isn’t confirmed yet/, undefined],
    [
      'UsernameExistsException',
      'An account with the given email already exists.',
      'UsernameExists',
      /already exists/,
      'email',
    ],
    ['UsernameExistsException', 'User already exists', 'UsernameExists', /already exists/, 'email'],
    [
      'AliasExistsException',
      'An account with the given email already exists.',
      'AliasExists',
      /Another account already uses/,
      'email',
    ],
    [
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
      'CodeMismatch',
      /code isn’t right/,
      'code',
    ],
    [
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
      'ExpiredCode',
      /expired — we can send a new one/,
      'code',
    ],
    [
      'LimitExceededException',
      'Attempt limit exceeded, please try after some time.',
      'LimitExceeded',
      /wait a few minutes/,
      undefined,
    ],
    ['TooManyFailedAttemptsException', 'Too many failed attempts.', 'LimitExceeded', /request a new code/, 'code'],
    ['TooManyRequestsException', 'Too many requests', 'TooManyRequests', /wait a moment/, undefined],
    [
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
      'InvalidPassword',
      /at least 8 characters/,
      'password',
    ],
    [
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters',
      'InvalidPassword',
      /uppercase letter/,
      'password',
    ],
    [
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have lowercase characters',
      'InvalidPassword',
      /lowercase letter/,
      'password',
    ],
    [
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have numeric characters',
      'InvalidPassword',
      /a number/,
      'password',
    ],
    [
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have symbol characters',
      'InvalidPassword',
      /a symbol/,
      'password',
    ],
    ['InvalidPasswordException', 'Something new', 'InvalidPassword', /doesn’t meet the rules/, 'password'],
    [
      'InvalidParameterException',
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6",
      'InvalidPassword',
      /at least 8 characters/,
      'password',
    ],
    [
      'PasswordHistoryPolicyViolationException',
      'Password history policy violated',
      'InvalidPassword',
      /haven’t used recently/,
      'password',
    ],
    [
      'InvalidParameterException',
      'Username should be either an email or a phone number.',
      'InvalidEmail',
      /valid email address/,
      'email',
    ],
    [
      'InvalidParameterException',
      'USER_PASSWORD_AUTH flow not enabled for this client',
      'Config',
      /unavailable right now/,
      undefined,
    ],
    ['InvalidParameterException', '1 validation error detected: something else', 'Unknown', /isn’t valid/, undefined],
    [
      'PasswordResetRequiredException',
      'Password reset required for the user',
      'PasswordResetRequired',
      /Forgot password\?/,
      undefined,
    ],
    ['CodeDeliveryFailureException', 'Unable to deliver', 'CodeDeliveryFailure', /couldn’t send the email/, 'email'],
    ['ResourceNotFoundException', 'User pool client abc does not exist.', 'Config', /unavailable right now/, undefined],
    ['InvalidUserPoolConfigurationException', 'x', 'Config', /unavailable right now/, undefined],
    ['UnsupportedOperationException', 'x', 'Config', /unavailable right now/, undefined],
    ['InternalErrorException', 'Internal server error', 'Unavailable', /try again in a few minutes/, undefined],
    ['ForbiddenException', 'Request not allowed due to WAF', 'Unavailable', /try again in a few minutes/, undefined],
    ['NetworkError', 'Network error', 'Network', /Check your internet connection/, undefined],
  ])('%s "%s" → %s', (code, message, ours, sentence, field) => {
    const error = toAuthError(cognito(code, message));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBe(ours);
    expect(error.message).toMatch(sentence);
    expect(error.cognitoCode).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message).not.toMatch(/Exception|\[object/);
  });

  it("maps the library's own signed-out errors", () => {
    for (const message of [
      'Local storage is missing an ID Token, Please authenticate',
      'Cannot retrieve a new session. Please authenticate.',
      'Username is null. Cannot retrieve a new session',
      'User is not authenticated',
    ]) {
      expect(toAuthError(new Error(message)).code).toBe('SignedOut');
    }
  });

  it('treats a fetch TypeError as a network problem', () => {
    expect(toAuthError(new TypeError('Failed to fetch')).code).toBe('Network');
    expect(toAuthError(new TypeError('NetworkError when attempting to fetch resource.')).code).toBe('Network');
    expect(toAuthError(new TypeError('Load failed')).code).toBe('Network');
  });

  it('treats an unreadable answer (a proxy error page the library chokes on) as the service being unavailable, not the rider offline', () => {
    const error = toAuthError(new TypeError("Cannot read properties of undefined (reading 'split')"));
    expect(error.code).toBe('Unavailable');
    expect(error.message).toMatch(/try again in a few minutes/);
  });

  it('maps the header-only fallback (message = HTTP status) by code', () => {
    const error = toAuthError(Object.assign(new Error('400'), { code: 'CodeMismatchException', statusCode: 400 }));
    expect(error.code).toBe('CodeMismatch');
  });

  it('never leaks raw values for unknown errors', () => {
    for (const weird of [
      undefined,
      null,
      42,
      'boom',
      {},
      { code: 42 },
      new Error('SomethingNew'),
      { code: 'BrandNewException', message: 'x' },
    ]) {
      const error = toAuthError(weird);
      expect(error.code).toBe('Unknown');
      expect(error.message).toBe('Something went wrong on our side. Please try again.');
    }
  });

  it('passes AuthErrors through unchanged', () => {
    const original = new AuthError('InvalidCode', 'Enter the 6-digit code from the email.', undefined, 'code');
    expect(toAuthError(original)).toBe(original);
  });
});
