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
export const unauthorized = make('UnauthorizedException');
export const unsupportedTokenType = make('UnsupportedTokenTypeException');
export const featureUnavailableInTier = make('FeatureUnavailableInTierException');
// Passkeys (docs/cognito-mfa-passwordless.md §5.2–§5.3); Cognito's texts are not documented (§6).
export const webAuthnNotEnabled = make('WebAuthnNotEnabledException');
export const webAuthnConfigurationMissing = make('WebAuthnConfigurationMissingException');
export const webAuthnChallengeNotFound = make('WebAuthnChallengeNotFoundException');
export const webAuthnRelyingPartyMismatch = make('WebAuthnRelyingPartyMismatchException');
export const webAuthnOriginNotAllowed = make('WebAuthnOriginNotAllowedException');
export const webAuthnClientMismatch = make('WebAuthnClientMismatchException');
export const webAuthnCredentialNotSupported = make('WebAuthnCredentialNotSupportedException');
export const deviceKeyExists = make('DeviceKeyExistsException');
export const softwareTokenMfaNotFound = make('SoftwareTokenMFANotFoundException');
export const enableSoftwareTokenMfa = make('EnableSoftwareTokenMFAException');

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

/**
 * Every message text the actions and services answer with, defined once: Cognito's exact texts
 * where the pool reproduces an answer (docs/cognito.md §2.2; the Amplify Authenticator keys its
 * translations on them), and the local pool's own where it declines a feature.
 */
export const MSG = {
  // Sign-in
  incorrectCredentials: 'Incorrect username or password.',
  attemptsExceeded: 'Password attempts exceeded',
  userDoesNotExist: 'User does not exist.',
  usernameClientNotFound: 'Username/client id combination not found.',
  notConfirmed: 'User is not confirmed.',
  userDisabled: 'User is disabled.',
  flowNotEnabled: 'Auth flow not enabled for this client',
  passwordAuthNotEnabled: 'USER_PASSWORD_AUTH flow not enabled for this client',
  customAuthNotConfigured: 'Custom auth lambda trigger is not configured for the user pool.',
  // Choice-based sign-in (docs/cognito-mfa-passwordless.md §4, §6): where Cognito's text is unknown, the pool's own.
  challengeNotAvailable: (challenge: string) => `The ${challenge} challenge is not available for this user.`,
  challengeCodeMismatch: 'Invalid code or auth state for the user.',
  passkeyFailed: 'Incorrect username or password.',
  credentialNotJson: 'CREDENTIAL is not a WebAuthn credential in JSON.',
  authFlowUnsupported: 'Initiate Auth method not supported.',
  challengeUnsupported: (challenge: string) => `The local user pool does not issue the ${challenge} challenge.`,
  invalidSrpA: 'SRP_A is not a valid SRP public value.',
  missingParameter: (name: string) => `Missing required parameter ${name}`,
  sessionExpired: 'Invalid session for the user, session is expired.',
  newPasswordTooShort:
    "1 validation error detected: Value at 'challengeResponses.NEW_PASSWORD' failed to satisfy constraint: " +
    'Member must have length greater than or equal to 6',
  tempPasswordExpired: 'Temporary password has expired and must be reset by an administrator.',
  passwordResetRequired: 'Password reset required for the user',
  // Second factor (docs/cognito-mfa-passwordless.md §1; §6 for the pool's own choices)
  mfaCodeMismatch: 'Invalid code or auth state for the user.',
  totpSetupMismatch: 'Code mismatch and fail enable Software Token MFA',
  totpNotEnabledForPool: 'Software Token MFA has not been enabled by the userPool.',
  totpNotFound: 'Software Token MFA does not exist for the user.',
  noTotpToTurnOn: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
  noSmsToTurnOn: 'User does not have delivery config set to turn on SMS_MFA',
  emailMfaUnsupported: 'The local user pool does not send MFA codes by email; use SOFTWARE_TOKEN_MFA.',
  tokenOrSession: 'Exactly one of AccessToken or Session is required.',
  mfaAllDisabled: "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
  mfaOnAfterCreate: 'Cannot turn MFA functionality ON, once the user pool has been created.',
  mfaNeedsSms: 'SMS configuration and Auto verification for phone_number are required when MFA is required/optional',
  mfaMessageCode: (field: string) => `${field} must contain the placeholder {####}.`,
  verifyBeforeUpdateNotAutoVerified: (name: string) =>
    `AttributesRequireVerificationBeforeUpdate can only contain auto-verified attributes; ${name} is not in AutoVerifiedAttributes.`,
  // App client secrets
  secretHashMismatch: (clientId: string) => `Unable to verify secret hash for client ${clientId}`,
  secretHashMissing: (clientId: string) => `Client ${clientId} is configured for secret but secret was not received`,
  // Registration and codes
  signUpNotPermitted: 'SignUp is not permitted for this user pool',
  emailExists: 'An account with the given email already exists.',
  userExists: 'User already exists',
  usernameNotEmail: 'Username should be an email.',
  usernameIsEmailInAliasPool: 'Username cannot be of email format, since user pool is configured for email alias.',
  resendNotPossible: 'Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.',
  codeMismatch: 'Invalid verification code provided, please try again.',
  expiredCode: 'Invalid code provided, please request a code again.',
  limitExceeded: 'Attempt limit exceeded, please try after some time.',
  cannotConfirm: (status: string) => `User cannot be confirmed. Current status is ${status}`,
  resendConfirmed: 'User is already confirmed.',
  noVerifiedContact: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
  resetNotAllowed: 'User password cannot be reset in the current state.',
  onlyEmailVerifiable: (name: string) => `The local user pool can only verify email; ${name} has no value to verify.`,
  // Attributes
  attributeNotInSchema: (name: string) =>
    `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`,
  attributeImmutable: (name: string) =>
    `Attributes did not conform to the schema: ${name}: Attribute cannot be updated. (changing an immutable attribute)`,
  invalidEmail: 'Invalid email address format.',
  unauthorizedAttribute: 'A client attempted to write unauthorized attribute',
  // Tokens
  invalidRefresh: 'Invalid Refresh Token.',
  refreshRevoked: 'Refresh Token has been revoked',
  refreshExpired: 'Refresh Token has expired',
  accessRevoked: 'Access Token has been revoked',
  accessExpired: 'Access Token has expired',
  invalidAccess: 'Invalid Access Token',
  revocationDisabled: 'Token revocation is not enabled for this app client.',
  // RevokeToken with an access or ID token: the code is documented, Cognito's text is not (the pool's own).
  unsupportedTokenType: 'Unsupported token type: RevokeToken takes a refresh token.',
  unauthorized: 'Unauthorized',
  // Devices (docs/cognito-mfa-passwordless.md §3)
  deviceNotFound: 'Device does not exist.',
  // Confirming a key twice: the code is in the model, the text is the pool's own.
  deviceKeyExists: 'Device key already exists.',
  // A ConfirmDevice without a usable SRP salt and verifier: the pool's own text (a real client always sends both).
  deviceVerifierInvalid: 'DeviceSecretVerifierConfig must hold a base64 Salt and PasswordVerifier of an SRP verifier.',
  // Pools, clients, listing
  poolNotFound: (poolId: string) => `User pool ${poolId} does not exist.`,
  clientNotFound: (clientId: string) => `User pool client ${clientId} does not exist.`,
  aliasAndUsernameAttributes: 'Only one of AliasAttributes or UsernameAttributes can be set in a User Pool.',
  mixedAuthFlows: 'ExplicitAuthFlows can not have both ALLOW_XXX and legacy values.',
  tokenValidityRange: (field: string, min: number, max: number) =>
    `Invalid range for token validity: ${field} must be between ${min} and ${max} seconds.`,
  invalidPaginationToken: 'Invalid pagination token.',
  filterParse: 'Error while parsing filter.',
  invalidSearchAttribute: (name: string) => `Invalid search attribute: ${name}`,
  structureExpected: 'Start of structure or map expected.',
  // Sign-in policy and feature plan
  featureUnavailableInTier: (feature: string) => `${feature} is not available in the LITE feature plan.`,
  webAuthnNeedsAnotherFactor: 'WEB_AUTHN cannot be the only allowed first auth factor.',
  // Passkeys
  webAuthnNotEnabled: 'WEB_AUTHN is not an allowed first auth factor of this user pool.',
  webAuthnConfigurationMissing: 'The user pool has no WebAuthn relying party ID; set one with SetUserPoolMfaConfig.',
  webAuthnChallengeNotFound: 'No passkey registration is pending for this user, or it has expired.',
  webAuthnRelyingPartyMismatch: (rpId: string) => `The credential was not created for the relying party ${rpId}.`,
  webAuthnOriginNotAllowed: (origin: string) => `The origin ${origin} is not allowed for this relying party.`,
  webAuthnClientMismatch: 'The passkey registration was started by another app client.',
  webAuthnCredentialNotSupported: (reason: string) => `The credential is not supported: ${reason}`,
  webAuthnCredentialExists: 'This passkey is already registered.',
  webAuthnLimit: 'A user can register at most 20 passkeys.',
  credentialNotFound: 'No passkey with this credential ID exists for the user.',
} as const;
