// The error table's sentences for passkeys and emailed codes (src/auth/errors.ts): Cognito's WebAuthn
// errors (docs/cognito-mfa-passwordless.md §5.2–§5.5) and the browser's (W3C WebAuthn §5.1.3–§5.1.4),
// whose advice depends on the step they happen in.
import { describe, expect, it } from 'vitest';
import type { ErrorContext } from '../../src/auth/errors.ts';
import { AuthError, noEmailCode, noPasskey, toAuthError } from '../../src/auth/errors.ts';

const cognito = (code: string, message: string) => Object.assign(new Error(message), { code, name: code });
const browser = (name: string) => new DOMException('The operation either timed out or was not allowed.', name);

describe('Cognito’s passkey registration errors', () => {
  it.each([
    [
      'WebAuthnNotEnabledException',
      'PasskeysUnavailable',
      /^Passkeys aren’t available .* password or an emailed code\.$/,
    ],
    ['WebAuthnConfigurationMissingException', 'PasskeysUnavailable', /^Passkeys aren’t available/],
    ['FeatureUnavailableInTierException', 'PasskeysUnavailable', /^Passkeys aren’t available/],
    ['WebAuthnRelyingPartyMismatchException', 'PasskeysUnavailable', /usual address/],
    ['WebAuthnOriginNotAllowedException', 'PasskeysUnavailable', /usual address/],
    ['WebAuthnChallengeNotFoundException', 'SessionExpired', /took too long\. Choose “Add a passkey” again\.$/],
    ['WebAuthnClientMismatchException', 'SessionExpired', /Choose “Add a passkey” again\.$/],
    ['WebAuthnCredentialNotSupportedException', 'PasskeyNotSupported', /^That kind of passkey isn’t supported\./],
  ])('%s → %s', (type, code, sentence) => {
    for (const step of [undefined, 'passkeyRegistration'] as const) {
      const error = toAuthError(cognito(type, 'Cognito’s text'), step);
      expect(error).toMatchObject({ code, cognitoCode: type });
      expect(error.message).toMatch(sentence);
    }
  });

  it('LimitExceeded while adding a passkey is the passkey limit; elsewhere it stays "wait"', () => {
    const limit = cognito('LimitExceededException', 'Limit exceeded');
    expect(toAuthError(limit, 'passkeyRegistration').message).toMatch(/as many passkeys as it can hold\. Remove one/);
    expect(toAuthError(limit).message).toBe('Too many attempts. Please wait a few minutes, then try again.');
  });
});

describe('the browser’s passkey errors, by step', () => {
  it.each([
    ['passkeySignIn', 'NotAllowedError', 'PasskeyCancelled', /cancelled or timed out.*password or an emailed code\.$/],
    ['passkeySignIn', 'AbortError', 'PasskeyCancelled', /cancelled or timed out/],
    ['passkeySignIn', 'SecurityError', 'PasskeysUnavailable', /^Passkeys don’t work on this address.*Or sign in with/],
    ['passkeySignIn', 'NotSupportedError', 'PasskeysUnavailable', /can’t use a passkey/],
    ['passkeyRegistration', 'NotAllowedError', 'PasskeyCancelled', /^No passkey was added.*try again\.$/],
    ['passkeyRegistration', 'AbortError', 'PasskeyCancelled', /^No passkey was added/],
    ['passkeyRegistration', 'InvalidStateError', 'PasskeyExists', /already has a passkey for your account/],
    ['passkeyRegistration', 'NotSupportedError', 'PasskeyNotSupported', /can’t create a passkey/],
    ['passkeyRegistration', 'ConstraintError', 'PasskeyNotSupported', /can’t create a passkey/],
    ['passkeyRegistration', 'SecurityError', 'PasskeysUnavailable', /usual address/],
  ] as [ErrorContext, string, string, RegExp][])('%s: %s → %s', (step, name, code, sentence) => {
    const error = toAuthError(browser(name), step);
    expect(error).toMatchObject({ code, cognitoCode: name });
    expect(error.message).toMatch(sentence);
  });
});

describe('sign-in without a password', () => {
  it('a refused assertion is about the passkey; lockout, disabled account and an ended session keep their sentences', () => {
    const refused = toAuthError(cognito('NotAuthorizedException', 'Incorrect username or password.'), 'passkeySignIn');
    expect(refused.message).toMatch(/^That passkey wasn’t accepted\./);
    expect(refused.field).toBeUndefined();
    expect(toAuthError(cognito('NotAuthorizedException', 'Password attempts exceeded'), 'passkeySignIn').code).toBe(
      'PasswordAttemptsExceeded',
    );
    expect(toAuthError(cognito('NotAuthorizedException', 'User is disabled.'), 'passkeySignIn').code).toBe(
      'UserDisabled',
    );
    expect(
      toAuthError(
        cognito('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
        'passkeySignIn',
      ).code,
    ).toBe('SessionExpired');
  });

  it.each([
    [
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      'SessionExpired',
      /Send a new code/,
    ],
    ['ExpiredCodeException', 'Invalid code provided, please request a code again.', 'ExpiredCode', /Send a new code/],
    ['CodeMismatchException', 'Invalid code or auth state for the user.', 'CodeMismatch', /newest sign-in email/],
  ])('emailed code: %s → %s on the code field', (type, message, code, sentence) => {
    const error = toAuthError(cognito(type, message), 'emailCodeSignIn');
    expect(error).toMatchObject({ code, field: 'code' });
    expect(error.message).toMatch(sentence);
  });

  it('a client without USER_AUTH sends the rider to the password; the same text elsewhere stays a setup problem', () => {
    const off = cognito('InvalidParameterException', 'Auth flow not enabled for this client');
    expect(toAuthError(off, 'passwordlessStart')).toMatchObject({
      code: 'PasswordlessUnavailable',
      message: 'That way of signing in isn’t available right now. Please sign in with your password.',
    });
    expect(toAuthError(off).code).toBe('Config');
  });

  it('start errors that are not about the flow keep the general sentences', () => {
    expect(toAuthError(cognito('NotAuthorizedException', 'User is disabled.'), 'passwordlessStart').code).toBe(
      'UserDisabled',
    );
    expect(toAuthError(cognito('UserNotConfirmedException', 'User is not confirmed.'), 'passwordlessStart').code).toBe(
      'UserNotConfirmed',
    );
  });

  it('says when a choice is not offered, in words that fit an unknown email as well as a known one', () => {
    expect(noPasskey()).toBeInstanceOf(AuthError);
    expect(noPasskey()).toMatchObject({ code: 'NoPasskey' });
    expect(noPasskey().message).toMatch(
      /no passkey has been added for this email address, or two-factor sign-in is on/,
    );
    expect(noPasskey().message).toMatch(/Sign in with your password or an emailed code\.$/);
    expect(noEmailCode()).toMatchObject({ code: 'NoEmailCode' });
    expect(noEmailCode().message).toMatch(/two-factor sign-in on.*Sign in with your password\.$/);
  });
});
