// What the riders' user pool and the web site's app client look like: one definition, used by
// `npm run provision` for real Cognito and by the local pool for its default pool and client.
import type {
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';

export const DEFAULT_POOL_NAME = 'WildRydes';
export const DEFAULT_CLIENT_NAME = 'WildRydesWebApp';

/** Riders sign up with their email (case-insensitive), confirm it with a code, recover by email. */
export function userPoolSettings(poolName: string): CreateUserPoolCommandInput {
  return {
    PoolName: poolName,
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    UsernameConfiguration: { CaseSensitive: false },
    Policies: {
      PasswordPolicy: {
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      },
    },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    MfaConfiguration: 'OFF',
    DeletionProtection: 'ACTIVE',
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
    AccessTokenValidity: 60,
    IdTokenValidity: 60,
    RefreshTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    AuthSessionValidity: 3,
  };
}
