// The one error type the auth functions throw, and the table that turns every Cognito error a
// rider can hit (codes and service messages: docs/cognito.md §2.2; passkeys and emailed codes:
// docs/cognito-mfa-passwordless.md §4, §5, and the browser's passkey errors) into a sentence that
// says what to do next.
import { passwordChecklist } from '../../shared/password-checklist.ts';
import { RIDER_PASSWORD_POLICY } from '../../shared/rider-pool.ts';

/** Every rule of the riders' policy as a hint (worded as the checklist words them), for a password Cognito refused. */
const POLICY_HINTS = passwordChecklist(RIDER_PASSWORD_POLICY)
  .map((rule) => rule.hint)
  .join(' ');

export type AuthErrorCode =
  | 'InvalidEmail'
  | 'InvalidCode'
  | 'InvalidPassword'
  | 'NotAuthorized'
  | 'PasswordAttemptsExceeded'
  | 'UserDisabled'
  | 'UserNotFound'
  | 'UserNotConfirmed'
  | 'AlreadyConfirmed'
  | 'UsernameExists'
  | 'AliasExists'
  | 'CodeMismatch'
  | 'ExpiredCode'
  | 'LimitExceeded'
  | 'TooManyRequests'
  | 'PasswordResetRequired'
  | 'ResetNotPossible'
  | 'CodeDeliveryFailure'
  | 'SessionExpired'
  | 'SignedOut'
  | 'MfaUnavailable'
  | 'MfaNotSetUp'
  | 'DevicesUnavailable'
  | 'NotYourEmail'
  | 'Unsupported'
  | 'PasswordlessUnavailable'
  | 'NoPasskey'
  | 'NoEmailCode'
  | 'PasskeyCancelled'
  | 'PasskeyExists'
  | 'PasskeyNotSupported'
  | 'PasskeysUnavailable'
  | 'Config'
  | 'Network'
  | 'Unavailable'
  | 'Unknown';

/** Which form field an error belongs to, so a page can put it next to that field. */
export type AuthErrorField = 'email' | 'password' | 'currentPassword' | 'code';

/**
 * Where an error happened, for the few Cognito answers whose meaning depends on the call: the same
 * `Incorrect username or password.` is a wrong sign-in at sign-in but a wrong current password on the
 * account page; a wrong 6-digit code is an authenticator code there, not an emailed one.
 */
export type ErrorContext =
  | 'currentPassword'
  | 'changeEmail'
  | 'totp'
  | 'totpSetup'
  | 'devices'
  | 'passwordlessStart'
  | 'passkeySignIn'
  | 'emailCodeSignIn'
  | 'passkeyRegistration';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    /** The Cognito error code (e.g. 'CodeMismatchException') or the library's message, if any. */
    readonly cognitoCode?: string,
    readonly field?: AuthErrorField,
  ) {
    super(message);
  }
}

const SIGN_IN_AGAIN = 'Your session has ended. Please sign in again.';
const TRY_LATER = 'Wild Rydes accounts are unavailable right now. Please try again in a few minutes.';
const WAIT = 'Too many attempts. Please wait a few minutes, then try again.';
const SET_UP_FIRST = 'Set up your authenticator app first: scan the QR code, then enter the code it shows.';
const NO_MFA = 'Two-factor sign-in with an authenticator app isn’t available for Wild Rydes accounts right now.';
const OTHER_WAYS = 'sign in with your password or an emailed code';
const PASSKEYS_OFF = `Passkeys aren’t available for Wild Rydes accounts right now. Please ${OTHER_WAYS}.`;
const PASSWORD_ONLY = 'That way of signing in isn’t available right now. Please sign in with your password.';
const WRONG_ADDRESS =
  'Passkeys don’t work on this address of the site. Open Wild Rydes at its usual address and try again.';
const CODE_USED_UP = 'That code can’t be used any more. Choose “Send a new code” to get another.';
const PASSKEY_EXISTS =
  'This device already has a passkey for your account. Use it to sign in, or add one on another device.';
const ADD_AGAIN = 'Adding the passkey took too long. Choose “Add a passkey” again.';

type Entry = [AuthErrorCode, string, AuthErrorField?];

// Cognito code → rider sentence (used when no message-specific entry below applies).
const BY_CODE: Record<string, Entry> = {
  NotAuthorizedException: [
    'NotAuthorized',
    'That email and password don’t match. Check both and try again, or reset your password.',
    'password',
  ],
  UserNotFoundException: [
    'UserNotFound',
    'We couldn’t find an account with that email. Check it, or create an account.',
    'email',
  ],
  UserNotConfirmedException: [
    'UserNotConfirmed',
    'Your email address isn’t confirmed yet. Enter the code we emailed you.',
  ],
  UsernameExistsException: [
    'UsernameExists',
    'An account with this email already exists. Sign in, or confirm your email if you haven’t yet.',
    'email',
  ],
  AliasExistsException: [
    'AliasExists',
    'Another account already uses this email address. Sign in to that account instead.',
    'email',
  ],
  CodeMismatchException: [
    'CodeMismatch',
    'That code isn’t right. Check the latest email from us and try again.',
    'code',
  ],
  ExpiredCodeException: ['ExpiredCode', 'That code has expired — we can send a new one.', 'code'],
  LimitExceededException: ['LimitExceeded', WAIT],
  TooManyFailedAttemptsException: [
    'LimitExceeded',
    'Too many wrong codes. Please wait a few minutes, then request a new code.',
    'code',
  ],
  TooManyRequestsException: ['TooManyRequests', 'We’re very busy right now. Please wait a moment and try again.'],
  InvalidPasswordException: ['InvalidPassword', `That password doesn’t meet the rules. ${POLICY_HINTS}`, 'password'],
  PasswordHistoryPolicyViolationException: [
    'InvalidPassword',
    'Choose a password you haven’t used recently.',
    'password',
  ],
  PasswordResetRequiredException: [
    'PasswordResetRequired',
    'You need to set a new password before signing in. Choose “Forgot password?” to get a code.',
  ],
  CodeDeliveryFailureException: [
    'CodeDeliveryFailure',
    'We couldn’t send the email. Check the address, or try again later.',
    'email',
  ],
  InvalidParameterException: ['Unknown', 'Something in the form isn’t valid. Check your details and try again.'],
  NetworkError: ['Network', 'We couldn’t reach Wild Rydes. Check your internet connection and try again.'],
  ResourceNotFoundException: ['Config', TRY_LATER],
  InvalidUserPoolConfigurationException: ['Config', TRY_LATER],
  UnsupportedOperationException: ['Config', TRY_LATER],
  InternalErrorException: ['Unavailable', TRY_LATER],
  ForbiddenException: ['Unavailable', TRY_LATER],
  // Passkey registration (StartWebAuthnRegistration / CompleteWebAuthnRegistration,
  // docs/cognito-mfa-passwordless.md §5.2–§5.3).
  WebAuthnNotEnabledException: ['PasskeysUnavailable', PASSKEYS_OFF],
  WebAuthnConfigurationMissingException: ['PasskeysUnavailable', PASSKEYS_OFF],
  WebAuthnRelyingPartyMismatchException: ['PasskeysUnavailable', WRONG_ADDRESS],
  WebAuthnOriginNotAllowedException: ['PasskeysUnavailable', WRONG_ADDRESS],
  WebAuthnChallengeNotFoundException: ['SessionExpired', ADD_AGAIN],
  WebAuthnClientMismatchException: ['SessionExpired', ADD_AGAIN],
  WebAuthnCredentialNotSupportedException: [
    'PasskeyNotSupported',
    'That kind of passkey isn’t supported. Try another one, such as the one built into your phone or computer.',
  ],
  FeatureUnavailableInTierException: ['PasskeysUnavailable', PASSKEYS_OFF],
};

const TOTP_MISMATCH: Entry = [
  'CodeMismatch',
  'That code didn’t work: it was wrong or already used. Wait for the next code in your authenticator app and enter it.',
  'code',
];

const SETUP_MISMATCH: Entry = [
  'CodeMismatch',
  'That code doesn’t match. Make sure the app shows “Wild Rydes”, then enter the 6 digits it shows now.',
  'code',
];
/**
 * Sign-in choices this rider can't use: not Cognito errors, but what its SELECT_CHALLENGE answer left
 * out — no passkey yet, or two-factor sign-in, which limits a rider to the password (§4.1). Worded to
 * fit an unknown email too, which Cognito answers the same way (§4.2).
 */
export const noPasskey = (): AuthError =>
  new AuthError(
    'NoPasskey',
    'You can’t sign in with a passkey here yet: no passkey has been added for this email address, or two-factor sign-in is on (it needs your password). Sign in with your password or an emailed code.',
  );
export const noEmailCode = (): AuthError =>
  new AuthError(
    'NoEmailCode',
    'We can’t email a sign-in code for this account (with two-factor sign-in on, Wild Rydes needs your password). Sign in with your password.',
  );
export const unsupportedStep = (): AuthError =>
  new AuthError(
    'Unsupported',
    'This account needs a sign-in step this site doesn’t support yet. Please contact Wild Rydes support.',
  );
/** Cognito answered with something that isn't what the API reference describes (so nothing the rider can fix). */
export const unreadableAnswer = (detail: string): AuthError => new AuthError('Unavailable', TRY_LATER, detail);

// Service (or library) message → entry, for codes whose meaning depends on the message.
const BY_MESSAGE: [RegExp, Entry][] = [
  [
    /^Password attempts exceeded/,
    [
      'PasswordAttemptsExceeded',
      'Too many failed sign-in attempts. Wait a few minutes and try again, or reset your password.',
    ],
  ],
  [/^User is disabled/, ['UserDisabled', 'This account has been disabled. Please contact Wild Rydes support.']],
  [
    /^User cannot be confirmed|^User cannot confirm|^User is already confirmed/,
    ['AlreadyConfirmed', 'This account is already confirmed — you can sign in.'],
  ],
  [
    /^User password cannot be reset/,
    [
      'ResetNotPossible',
      'This account still has its temporary password. Sign in with the password from your invitation email.',
    ],
  ],
  [
    /^Cannot reset password .*no registered\/verified/,
    [
      'ResetNotPossible',
      'This email address hasn’t been confirmed yet, so we can’t send a reset code. Confirm your account first.',
    ],
  ],
  [
    /Token has (been revoked|expired)|^Invalid (Refresh|Access) Token|session is expired|^Invalid session/,
    ['SessionExpired', SIGN_IN_AGAIN],
  ],
  [
    /^Temporary password has expired/,
    ['ResetNotPossible', 'Your temporary password has expired. Ask Wild Rydes support to send a new invitation.'],
  ],
  [
    /^(Local storage is missing|Cannot retrieve a new session|Username is null|User is not authenticated)/,
    ['SignedOut', 'You’re signed out. Please sign in.'],
  ],
  [/secret hash|configured for secret|flow not enabled/, ['Config', TRY_LATER]],
  [/SignUp is not permitted/, ['Unsupported', 'New accounts can’t be created here right now.']],
  [
    /not long enough|length greater than or equal/,
    ['InvalidPassword', `Your password needs at least ${RIDER_PASSWORD_POLICY.MinimumLength} characters.`, 'password'],
  ],
  [/uppercase characters/, ['InvalidPassword', 'Your password needs an uppercase letter (A–Z).', 'password']],
  [/lowercase characters/, ['InvalidPassword', 'Your password needs a lowercase letter (a–z).', 'password']],
  [/numeric characters/, ['InvalidPassword', 'Your password needs a number (0–9).', 'password']],
  [/symbol characters/, ['InvalidPassword', 'Your password needs a symbol, like ! ? # or %.', 'password']],
  [
    /^Username should be|^Invalid email/,
    ['InvalidEmail', 'Enter a valid email address, like name@example.com.', 'email'],
  ],
  [/^Network error$/, BY_CODE.NetworkError!],
  // Authenticator-app codes (docs/cognito-mfa-passwordless.md §1.3, §1.6, §1.7): a wrong or reused code at
  // sign-in, a wrong code while setting up, TOTP not set up or not offered by the pool.
  [/^Invalid code or auth state/, TOTP_MISMATCH],
  [/^Code mismatch and fail enable/, SETUP_MISMATCH],
  [/delivery config set to turn on SOFTWARE_TOKEN_MFA/, ['MfaNotSetUp', SET_UP_FIRST]],
  [/^Software Token MFA has not been enabled by the userPool/, ['MfaUnavailable', NO_MFA]],
  [/^Software Token MFA does not exist/, ['MfaNotSetUp', SET_UP_FIRST]],
];

/** The general entry for a service message, for a context that must keep it ahead of its own. */
const general = (message: string): [RegExp, Entry] => BY_MESSAGE.find(([pattern]) => pattern.test(message))!;

// Entries that replace the general ones in one context (by Cognito code or by the service message).
// The browser's passkey errors are DOMExceptions named as in W3C WebAuthn ("Registration/Authentication
// API Exceptions"; docs/cognito-mfa-passwordless.md §5.8): NotAllowedError when the rider cancels, the
// prompt times out or the device has no matching passkey; AbortError when it was aborted;
// InvalidStateError when the authenticator already holds one of the excluded passkeys.
const IN_CONTEXT: Record<ErrorContext, [RegExp, Entry][]> = {
  currentPassword: [
    [
      /^Incorrect username or password/,
      ['NotAuthorized', 'That isn’t your current password. Check it and try again.', 'currentPassword'],
    ],
    [
      /^Password attempts exceeded/,
      [
        'PasswordAttemptsExceeded',
        'Too many wrong passwords. Wait a few minutes and try again, or sign out and reset your password.',
        'currentPassword',
      ],
    ],
  ],
  changeEmail: [
    [
      /^AliasExistsException$|already exists/,
      ['AliasExists', 'Another account already uses that email address. Choose a different one.', 'email'],
    ],
    [
      /^CodeMismatchException$/,
      ['CodeMismatch', 'That code isn’t right. Check the latest email we sent to your new address.', 'code'],
    ],
  ],
  // A wrong code whose message is not the one quoted above still means the authenticator code.
  totp: [[/^CodeMismatchException$/, TOTP_MISMATCH]],
  // Cognito's code for a set-up code that doesn't match, whatever its message (or a Status ERROR: mfa.ts).
  totpSetup: [[/^EnableSoftwareTokenMFAException$/, SETUP_MISMATCH]],
  devices: [
    [
      /^InvalidUserPoolConfigurationException$|Device tracking/i,
      ['DevicesUnavailable', 'Wild Rydes doesn’t remember devices at the moment, so there is nothing to manage here.'],
    ],
    [
      /^ResourceNotFoundException$/,
      ['DevicesUnavailable', 'That device was already forgotten. The list is now up to date.'],
    ],
  ],
  // InitiateAuth USER_AUTH from a client without ALLOW_USER_AUTH (or a pool without the flow): the
  // email was checked before sending, so nothing else in the request can be invalid.
  passwordlessStart: [
    [/^InvalidParameterException$|^UnsupportedOperationException$/, ['PasswordlessUnavailable', PASSWORD_ONLY]],
  ],
  passkeySignIn: [
    [
      /^(NotAllowedError|AbortError)$/,
      [
        'PasskeyCancelled',
        `The passkey sign-in was cancelled or timed out, or this device has no passkey for this account. Try again, or ${OTHER_WAYS}.`,
      ],
    ],
    // The page's host is not the relying party's (or is an IP address, which WebAuthn refuses).
    [/^SecurityError$/, ['PasskeysUnavailable', `${WRONG_ADDRESS} Or ${OTHER_WAYS}.`]],
    [
      /^(NotSupportedError|InvalidStateError|ConstraintError)$/,
      ['PasskeysUnavailable', `This browser can’t use a passkey here. Please ${OTHER_WAYS}.`],
    ],
    // Lockout, a disabled account and an ended session keep their general sentences; any other
    // refusal is of the assertion (docs/cognito-mfa-passwordless.md §5.6).
    general('Password attempts exceeded'),
    general('User is disabled.'),
    general('Invalid session for the user, session is expired.'),
    [/^NotAuthorizedException$/, ['NotAuthorized', `That passkey wasn’t accepted. Try again, or ${OTHER_WAYS}.`]],
  ],
  emailCodeSignIn: [
    // The challenge's Session ended: its lifetime passed, or too many wrong codes (docs/cognito-mfa-passwordless.md §4.5).
    [/session is expired|^Invalid session/, ['SessionExpired', CODE_USED_UP, 'code']],
    [/^ExpiredCodeException$/, ['ExpiredCode', CODE_USED_UP, 'code']],
    [
      /^CodeMismatchException$/,
      ['CodeMismatch', 'That code isn’t right. Check the newest sign-in email from us and try again.', 'code'],
    ],
  ],
  passkeyRegistration: [
    [
      /^(NotAllowedError|AbortError)$/,
      ['PasskeyCancelled', 'No passkey was added: it was cancelled or timed out. Choose “Add a passkey” to try again.'],
    ],
    // The browser's excludeCredentials normally stops this first; the local pool's text (Cognito's is not documented).
    [/^InvalidStateError$|already registered/, ['PasskeyExists', PASSKEY_EXISTS]],
    [
      /^(NotSupportedError|ConstraintError)$/,
      [
        'PasskeyNotSupported',
        'This device can’t create a passkey Wild Rydes can use. Try another device or password manager.',
      ],
    ],
    [/^SecurityError$/, ['PasskeysUnavailable', WRONG_ADDRESS]],
    [
      /^LimitExceededException$/,
      [
        'LimitExceeded',
        'Your account has as many passkeys as it can hold. Remove one you no longer use, then add the new one.',
      ],
    ],
  ],
};

/** How browsers word a failed fetch: Chromium, Firefox, Safari, Node. */
const FETCH_FAILED =
  /Failed to fetch|NetworkError when attempting to fetch|Load failed|fetch failed|Network request failed/;

/**
 * Turns anything the library (or fetch) throws into an AuthError with a rider-readable message;
 * `context` picks the wording for answers that mean something else in that call.
 */
export function toAuthError(err: unknown, context?: ErrorContext): AuthError {
  if (err instanceof AuthError) return err;
  const e = (err ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const inContext = context
    ? IN_CONTEXT[context].find(([pattern]) => pattern.test(message) || pattern.test(code))?.[1]
    : undefined;
  const entry = inContext ??
    BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] ??
    BY_CODE[code] ??
    // fetch rejects with a TypeError when the network fails; any other TypeError means Cognito (or a
    // proxy in front of it) answered with something the library could not read, e.g. a 502 page.
    (err instanceof TypeError
      ? FETCH_FAILED.test(message)
        ? BY_CODE.NetworkError!
        : BY_CODE.InternalErrorException!
      : undefined) ?? ['Unknown', 'Something went wrong on our side. Please try again.'];
  return new AuthError(entry[0], entry[1], code && code !== 'Error' ? code : message || undefined, entry[2]);
}
