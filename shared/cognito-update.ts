// The settings UpdateUserPool and UpdateUserPoolClient take. Both reset every setting they are not
// given to its default ("If you don't provide a value for an attribute, Amazon Cognito sets it to its
// default value": API reference of both; developer guide `cognito-user-pool-updating`), so `npm run
// provision` sends all of them back from Describe*, and the local pool resets the ones left out.
import type {
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolCommandInput,
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';

/** The members of UpdateUserPool besides UserPoolId and PoolName; DescribeUserPool reports each under the same name. */
export const POOL_SETTINGS = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'MfaConfiguration',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'UserPoolAddOns',
  'DcrConfiguration',
  'AccountRecoverySetting',
  'UserPoolTier',
  'KeyConfiguration',
  'IssuerConfiguration',
  'AcrConfiguration',
] as const satisfies readonly (keyof UpdateUserPoolCommandInput & keyof UserPoolType)[];

/** The members of UpdateUserPoolClient besides UserPoolId and ClientId; DescribeUserPoolClient reports each too. */
export const CLIENT_SETTINGS = [
  'ClientName',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const satisfies readonly (keyof UpdateUserPoolClientCommandInput & keyof UserPoolClientType)[];

// If the SDK gains an update member, these fail to compile until it is copied above (or named here).
type Uncopied<Update, Listed> = Exclude<keyof Update, Listed>;
const everyPoolSetting: [
  Uncopied<UpdateUserPoolCommandInput, (typeof POOL_SETTINGS)[number] | 'UserPoolId' | 'PoolName'>,
] extends [never]
  ? true
  : never = true;
const everyClientSetting: [
  Uncopied<UpdateUserPoolClientCommandInput, (typeof CLIENT_SETTINGS)[number] | 'UserPoolId' | 'ClientId'>,
] extends [never]
  ? true
  : never = true;
void everyPoolSetting;
void everyClientSetting;
