import type {
  AuthFactorType,
  EmailMfaConfigType,
  SmsMfaConfigType,
  UserPoolMfaType,
  UserPoolTierType,
  UserStatusType,
  VerifiedAttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PasswordPolicy } from '../shared/password-policy.ts';

/** What the pool keeps. Records are values: actions build new ones and `put` them, never mutate. */

export type { PasswordPolicy };

export interface PoolRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  usernameAttributes: string[];
  aliasAttributes: string[];
  autoVerifiedAttributes: string[];
  caseSensitive: boolean;
  policy: PasswordPolicy;
  allowAdminCreateUserOnly: boolean;
  /** The CreateUserPool input as given (sanitised JSON), echoed back by DescribeUserPool. */
  input: Record<string, unknown>;
  /** Seeds the stable fake SRP salt/user id for unknown users (PreventUserExistenceErrors). */
  fakeSrpSecret: string;
  /** Multi-factor settings (CreateUserPool, SetUserPoolMfaConfig); absent in pools stored before MFA: OFF. */
  mfa?: PoolMfaRecord;
  /** UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: changes wait for the code. */
  verifyBeforeUpdate?: VerifiedAttributeType[];
  /**
   * The feature plan (UserPoolTier). Absent in records written before issue 10: read it with
   * `tierOf` (sign-in-policy.ts), which gives Cognito's default, ESSENTIALS.
   */
  tier?: UserPoolTierType;
  /** Policies.SignInPolicy.AllowedFirstAuthFactors; absent = ['PASSWORD'] (`firstFactorsOf`). */
  firstAuthFactors?: AuthFactorType[];
  /** SetUserPoolMfaConfig's WebAuthnConfiguration (webauthn-config.ts); absent = Cognito's defaults. */
  webAuthn?: WebAuthnSettings;
  /** DeviceConfiguration: present when the pool tracks devices (any member given turns it on). */
  devices?: DeviceSettings;
}

/** A pool's device tracking (docs/cognito-mfa-passwordless.md §3.1). */
export interface DeviceSettings {
  /** A remembered device signs in with device SRP instead of the second factor. */
  challengeRequiredOnNewDevice: boolean;
  /** "User opt-in": ConfirmDevice leaves the device not remembered until UpdateDeviceStatus. */
  deviceOnlyRememberedOnUserPrompt: boolean;
}

/** What SetUserPoolMfaConfig set, GetUserPoolMfaConfig answers and sign-in decides with (second-factor.ts). */
export interface PoolMfaRecord {
  configuration: UserPoolMfaType;
  /** SoftwareTokenMfaConfiguration.Enabled: riders may set up an authenticator app (TOTP). */
  softwareToken: boolean;
  /** Stored and echoed only: the local pool sends no text messages and no MFA emails. */
  sms?: SmsMfaConfigType;
  email?: EmailMfaConfigType;
  // WebAuthnConfiguration is the pool's `webAuthn` (webauthn-config.ts), applied by SetUserPoolMfaConfig.
}

/** The pool's passkey relying party, as WebAuthnConfigurationType holds it. */
export interface WebAuthnSettings {
  /** Unset: the server's configured RP ID, else the loopback host of the page (webauthn-config.ts). */
  relyingPartyId?: string;
  userVerification: 'required' | 'preferred';
  factorConfiguration: 'SINGLE_FACTOR' | 'MULTI_FACTOR_WITH_USER_VERIFICATION';
}

/** One registered passkey (CompleteWebAuthnRegistration); removed with its user. */
export interface WebAuthnCredentialRecord {
  poolId: string;
  /** Internal username of the owner. */
  username: string;
  /** base64url credential ID, as the authenticator made it. */
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  /** Signature counter last seen; an assertion must raise it (unless both are 0). */
  counter: number;
  relyingPartyId: string;
  friendlyName: string;
  transports: string[];
  attachment?: 'platform' | 'cross-platform';
  createdAt: number;
}

export interface ClientRecord {
  clientId: string;
  poolId: string;
  name: string;
  secret?: string;
  createdAt: number;
  updatedAt: number;
  explicitAuthFlows: string[];
  preventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  enableTokenRevocation: boolean;
  accessTokenSeconds: number;
  idTokenSeconds: number;
  refreshTokenSeconds: number;
  authSessionMinutes: number;
  /** RefreshTokenRotation: GetTokensFromRefreshToken issues a new refresh token each time. */
  refreshRotation?: { graceSeconds: number };
  input: Record<string, unknown>;
}

export interface CodeRecord {
  code: string;
  expiresAt: number;
  attempts: number;
  /** Codes this one replaced (a resend), newest last: still recognised, answered as expired. */
  superseded?: string[];
}

export interface UserRecord {
  poolId: string;
  /** Internal username: a UUID equal to `sub` in email-as-username pools. */
  username: string;
  sub: string;
  attributes: Record<string, string>;
  status: UserStatusType;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
  /** SRP salt and verifier. The password itself is never stored. */
  srp: { salt: string; verifier: string };
  tempPasswordExpiresAt?: number;
  signUpCode?: CodeRecord;
  resetCode?: CodeRecord;
  attributeCodes?: Record<string, CodeRecord>;
  /** Times (ms) of recent code deliveries, for the send limit. */
  sends?: number[];
  failures?: { count: number; lastAt: number };
  /** The authenticator app (TOTP, RFC 6238) and whether it is the user's second factor. */
  totp?: TotpRecord;
  /**
   * New attribute values waiting for their code (AttributesRequireVerificationBeforeUpdate): the
   * current value stays the attribute and the sign-in name until VerifyUserAttribute.
   */
  pendingAttributes?: Record<string, string>;
}

/** Secrets are Base32 (RFC 4648) as AssociateSoftwareToken hands them out; never logged, never mailed. */
export interface TotpRecord {
  /** The verified authenticator's secret (VerifySoftwareToken accepted a code for it). */
  secret?: string;
  /** A secret from AssociateSoftwareToken that no code has verified yet; the verified one stays until then. */
  pendingSecret?: string;
  /** FriendlyDeviceName given at VerifySoftwareToken (the SOFTWARE_TOKEN_MFA challenge names it). */
  deviceName?: string;
  /** The highest time step a code was accepted for: that code and older ones are refused (replay). */
  lastStep?: number;
  /** SetUserMFAPreference SoftwareTokenMfaSettings. */
  enabled: boolean;
  preferred: boolean;
}

/** One sign-in: its refresh token and every access/ID token refreshed from it share `originJti`. */
export interface LineageRecord {
  originJti: string;
  poolId: string;
  clientId: string;
  username: string;
  authTime: number;
  eventId: string;
  refreshHash: string;
  refreshExpiresAt: number;
  revoked: boolean;
  /** After a rotation: the replaced refresh token, accepted until `previousValidUntil` (retry grace). */
  previousRefreshHash?: string;
  previousValidUntil?: number;
  /** The device this sign-in was made on: a known device's key, or the key issued as NewDeviceMetadata. */
  deviceKey?: string;
  /** Set when `deviceKey` was issued by this sign-in and not confirmed yet: ConfirmDevice takes it. */
  newDeviceGroupKey?: string;
}

/** A device confirmed with ConfirmDevice (docs/cognito-mfa-passwordless.md §3.3–3.7). */
export interface DeviceRecord {
  /** `<region>_<uuid>`, unique across pools. */
  deviceKey: string;
  poolId: string;
  /** Internal username of the owner. */
  username: string;
  groupKey: string;
  name?: string;
  /** The device's SRP salt: lowercase hex of the bytes the client sent (it may start with 00). */
  salt: string;
  /** The device's SRP verifier, in srp.ts's form (768 hex digits). */
  verifier: string;
  status: 'remembered' | 'not_remembered';
  createdAt: number;
  updatedAt: number;
  lastAuthenticatedAt: number;
}

export interface MailMessage {
  id: string;
  poolId: string;
  to: string;
  subject: string;
  text: string;
  code: string;
  sentAt: string;
}
