/**
 * A Cognito service error: the `__type` code, the message, and the HTTP status.
 * Actions throw these; the HTTP layer turns them into
 * `400 {"__type": code, "message": message}` with the `x-amzn-ErrorType` header.
 */
export class CognitoError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
  }
}

const make =
  (code: string, status = 400) =>
  (message: string): CognitoError =>
    new CognitoError(code, message, status);

export const invalidParameter = make('InvalidParameterException');
export const notAuthorized = make('NotAuthorizedException');
export const userNotFound = make('UserNotFoundException');
export const resourceNotFound = make('ResourceNotFoundException');
export const codeMismatch = make('CodeMismatchException');
export const expiredCode = make('ExpiredCodeException');
export const limitExceeded = make('LimitExceededException');
export const invalidPassword = make('InvalidPasswordException');
export const usernameExists = make('UsernameExistsException');
export const aliasExists = make('AliasExistsException');
export const userNotConfirmed = make('UserNotConfirmedException');
export const passwordResetRequired = make('PasswordResetRequiredException');
export const unsupportedOperation = make('UnsupportedOperationException');
export const serialization = make('SerializationException');
export const unsupportedTokenType = make('UnsupportedTokenTypeException');

// The HTTP layer's own refusals (handler.ts): the request never reached an action.
export const unknownOperation = make('UnknownOperationException');
export const methodNotAllowed = make('UnknownOperationException', 405);
export const accessDenied = make('AccessDeniedException');
/** A browser page or host name the pool does not serve (access.ts): 403, as Vite refuses a host. */
export const forbidden = make('AccessDeniedException', 403);
export const requestTooLarge = make('RequestEntityTooLargeException', 413);
export const noSuchResource = make('ResourceNotFoundException', 404);
export const internalError = make('InternalErrorException', 500);
// Node's HTTP parser refused the request before the handler saw it (index.ts answerClientError).
export const headersTooLarge = make('RequestHeaderFieldsTooLargeException', 431);
export const requestTimeout = make('RequestTimeoutException', 408);

/** Cognito's exact texts (cognito-facts.md §2.2); the Amplify Authenticator keys translations on them. */
export const MSG = {
  incorrectCredentials: 'Incorrect username or password.',
  attemptsExceeded: 'Password attempts exceeded',
  userDoesNotExist: 'User does not exist.',
  usernameClientNotFound: 'Username/client id combination not found.',
  notConfirmed: 'User is not confirmed.',
  emailExists: 'An account with the given email already exists.',
  userExists: 'User already exists',
  codeMismatch: 'Invalid verification code provided, please try again.',
  expiredCode: 'Invalid code provided, please request a code again.',
  limitExceeded: 'Attempt limit exceeded, please try after some time.',
  alreadyConfirmed: 'User cannot be confirmed. Current status is CONFIRMED',
  resendConfirmed: 'User is already confirmed.',
  noVerifiedContact:
    'Cannot reset password for the user as there is no registered/verified email or phone_number',
  resetNotAllowed: 'User password cannot be reset in the current state.',
  invalidRefresh: 'Invalid Refresh Token.',
  refreshRevoked: 'Refresh Token has been revoked',
  accessRevoked: 'Access Token has been revoked',
  accessExpired: 'Access Token has expired',
  invalidAccess: 'Invalid Access Token',
  userDisabled: 'User is disabled.',
  flowNotEnabled: 'Auth flow not enabled for this client',
  tempPasswordExpired: 'Temporary password has expired and must be reset by an administrator.',
} as const;
