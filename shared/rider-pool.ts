// What the riders' user pool and the web site's app client look like: one definition, used by
// `npm run provision` for real Cognito and by the local pool for its default pool and client.
import type {
  AuthFactorType,
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
  DeviceConfigurationType,
  ExplicitAuthFlowsType,
  SetUserPoolMfaConfigCommandInput,
  UserPoolMfaType,
  UserVerificationType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PasswordPolicy } from './password-policy.ts';
import { COGNITO_DEFAULT_PASSWORD_POLICY } from './password-policy.ts';

export const DEFAULT_POOL_NAME = 'WildRydes';
export const DEFAULT_CLIENT_NAME = 'WildRydesWebApp';

/** Cognito's default policy; the site's checklist shows these rules and checks them before sending. */
export const RIDER_PASSWORD_POLICY: Readonly<PasswordPolicy> = COGNITO_DEFAULT_PASSWORD_POLICY;

/** How long the web client's tokens last; the site tells riders how long an unrevoked session lives. */
export const RIDER_TOKEN_VALIDITY = {
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
} as const satisfies Pick<
  CreateUserPoolClientCommandInput,
  'AccessTokenValidity' | 'IdTokenValidity' | 'RefreshTokenValidity' | 'TokenValidityUnits'
>;

/**
 * Device tracking "user opt-in" (docs/cognito-mfa-passwordless.md §3.1): the site asks "Remember this
 * device?" after a second-factor sign-in, and a remembered device signs in without the code.
 */
export const RIDER_DEVICE_CONFIGURATION = {
  ChallengeRequiredOnNewDevice: true,
  DeviceOnlyRememberedOnUserPrompt: true,
} as const satisfies DeviceConfigurationType;

/** Passkeys ask for the authenticator's PIN or biometrics, but sign-in works without (§5.1). */
export const RIDER_PASSKEY_USER_VERIFICATION: UserVerificationType = 'preferred';

/** Riders sign up with their email (case-insensitive), confirm it with a code, recover by email. */
export function userPoolSettings(poolName: string): CreateUserPoolCommandInput {
  return {
    PoolName: poolName,
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    Policies: {
      PasswordPolicy: { ...RIDER_PASSWORD_POLICY },
    },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    // A new email address must be confirmed before it replaces the old one (sign-in name included).
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    // Cognito refuses MFA ON/OPTIONAL at creation without SMS; riderMfaSettings() turns TOTP on next.
    MfaConfiguration: 'OFF',
    DeviceConfiguration: { ...RIDER_DEVICE_CONFIGURATION },
    DeletionProtection: 'ACTIVE',
  };
}

/** The riders' default second-factor mode: they may add an authenticator app; the pool does not insist. */
export const RIDER_MFA_MODE: UserPoolMfaType = 'OPTIONAL';

/**
 * SetUserPoolMfaConfig after the pool exists: authenticator apps (TOTP) only, no text messages
 * (docs/cognito-mfa-passwordless.md §1.1).
 */
export function riderMfaSettings(
  mode: UserPoolMfaType = RIDER_MFA_MODE,
): Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'> {
  return {
    MfaConfiguration: mode,
    SoftwareTokenMfaConfiguration: { Enabled: mode !== 'OFF' },
  };
}

export type AppClientSettings = Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>;

/**
 * The browser library signs in with SRP and cannot send a secret hash: no secret, SRP and
 * refresh flows only, no user-existence leaks, revocable refresh tokens.
 */
export function appClientSettings(clientName: string): AppClientSettings {
  return {
    ClientName: clientName,
    GenerateSecret: false,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    ...RIDER_TOKEN_VALIDITY,
    TokenValidityUnits: { ...RIDER_TOKEN_VALIDITY.TokenValidityUnits },
    AuthSessionValidity: 3,
  };
}

/**
 * Choice-based sign-in (issue 10; docs/cognito-mfa-passwordless.md §4.1): the first factors riders
 * may choose, the feature plan they need, and the client flow. The local pool's default pool and
 * client have them; `npm run provision -- --passwordless` sets them on a real pool.
 */
export const PASSWORDLESS_FIRST_FACTORS: readonly AuthFactorType[] = ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'];
export const PASSWORDLESS_TIER = 'ESSENTIALS' as const;
export const USER_AUTH_FLOW: ExplicitAuthFlowsType = 'ALLOW_USER_AUTH';

/** The riders' pool with passwordless sign-in allowed. */
export function passwordlessPoolSettings(poolName: string): CreateUserPoolCommandInput {
  const base = userPoolSettings(poolName);
  return {
    ...base,
    UserPoolTier: PASSWORDLESS_TIER,
    Policies: { ...base.Policies, SignInPolicy: { AllowedFirstAuthFactors: [...PASSWORDLESS_FIRST_FACTORS] } },
  };
}

/** The web client with USER_AUTH besides SRP and refresh. */
export function passwordlessClientSettings(clientName: string): AppClientSettings {
  const base = appClientSettings(clientName);
  return { ...base, ExplicitAuthFlows: [...(base.ExplicitAuthFlows ?? []), USER_AUTH_FLOW] };
}
