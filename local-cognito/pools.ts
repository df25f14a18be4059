import { randomBytes } from 'node:crypto';
import type { UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, MSG } from './errors.ts';
import { newClientId, newClientSecret, regionOf } from './ids.ts';
import { Input } from './input.ts';
import { DEFAULT_POLICY } from './password-policy.ts';
import { mfaFromCreatePool, poolMfa } from './pool-mfa.ts';
import type { ClientRecord, DeviceSettings, PasswordPolicy, PoolRecord } from './records.ts';
import { firstFactorsOf, signInSettings, tierOf } from './sign-in-policy.ts';
import { type Wire, wireDate } from './wire.ts';

const POOL_NAME_RULE = { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/, patternText: '[\\w\\s+=,.@-]+' };
const CLIENT_NAME_RULE = { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/, patternText: '[\\w\\s+=,.@-]+' };

const USERNAME_ATTRIBUTES = ['email', 'phone_number'] as const;
const ALIAS_ATTRIBUTES = ['email', 'phone_number', 'preferred_username'] as const;
const VERIFIED_ATTRIBUTES = ['email', 'phone_number'] as const;
const AUTH_FLOWS = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
] as const;
const DEFAULT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

/** JSON-safe copy of a request body, kept so Describe* can echo what was configured. */
const plain = (input: Input): Record<string, unknown> =>
  JSON.parse(JSON.stringify(input.body)) as Record<string, unknown>;

function passwordPolicy(input: Input): PasswordPolicy {
  const p = input.optionalObject('Policies')?.optionalObject('PasswordPolicy');
  if (!p) return { ...DEFAULT_POLICY };
  const days = p.optionalInteger('TemporaryPasswordValidityDays', 0, 365);
  return {
    MinimumLength: p.optionalInteger('MinimumLength', 6, 99) ?? 8,
    RequireUppercase: p.optionalBoolean('RequireUppercase') ?? false,
    RequireLowercase: p.optionalBoolean('RequireLowercase') ?? false,
    RequireNumbers: p.optionalBoolean('RequireNumbers') ?? false,
    RequireSymbols: p.optionalBoolean('RequireSymbols') ?? false,
    TemporaryPasswordValidityDays: days === undefined || days === 0 ? 7 : days,
  };
}

/**
 * DeviceConfiguration: giving any member turns device tracking on, an omitted member is false;
 * an empty object or none leaves it off, as DescribeUserPool then shows no configuration
 * (docs/cognito-mfa-passwordless.md §3.1).
 */
function deviceSettings(input: Input): DeviceSettings | undefined {
  const d = input.optionalObject('DeviceConfiguration');
  if (!d) return undefined;
  const challenge = d.optionalBoolean('ChallengeRequiredOnNewDevice');
  const onPrompt = d.optionalBoolean('DeviceOnlyRememberedOnUserPrompt');
  if (challenge === undefined && onPrompt === undefined) return undefined;
  return { challengeRequiredOnNewDevice: challenge ?? false, deviceOnlyRememberedOnUserPrompt: onPrompt ?? false };
}

function subset(input: Input, name: string, allowed: readonly string[]): string[] {
  const list = input.optionalStringList(name) ?? [];
  for (const v of list) {
    if (!allowed.includes(v)) {
      throw invalidParameter(
        `1 validation error detected: Value '[${list.join(', ')}]' at '${name.charAt(0).toLowerCase() + name.slice(1)}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`,
      );
    }
  }
  return [...new Set(list)];
}

export function buildPool(input: Input, id: string, now: number): PoolRecord {
  const name = input.string('PoolName', POOL_NAME_RULE);
  const usernameAttributes = subset(input, 'UsernameAttributes', USERNAME_ATTRIBUTES);
  const aliasAttributes = subset(input, 'AliasAttributes', ALIAS_ATTRIBUTES);
  if (usernameAttributes.length && aliasAttributes.length) {
    throw invalidParameter(MSG.aliasAndUsernameAttributes);
  }
  const caseSensitive = input.optionalObject('UsernameConfiguration')?.optionalBoolean('CaseSensitive') ?? true;
  const allowAdminCreateUserOnly =
    input.optionalObject('AdminCreateUserConfig')?.optionalBoolean('AllowAdminCreateUserOnly') ?? false;
  const devices = deviceSettings(input);
  const autoVerifiedAttributes = subset(input, 'AutoVerifiedAttributes', VERIFIED_ATTRIBUTES);
  const verifyBeforeUpdate = subset(
    input.optionalObject('UserAttributeUpdateSettings') ?? new Input({}),
    'AttributesRequireVerificationBeforeUpdate',
    VERIFIED_ATTRIBUTES,
  ) as ('email' | 'phone_number')[];
  // Cognito's rule: only an attribute it verifies can wait for verification (its own text unknown).
  const notVerified = verifyBeforeUpdate.find((a) => !autoVerifiedAttributes.includes(a));
  if (notVerified) throw invalidParameter(MSG.verifyBeforeUpdateNotAutoVerified(notVerified));
  return {
    id,
    name,
    createdAt: now,
    updatedAt: now,
    usernameAttributes,
    aliasAttributes,
    autoVerifiedAttributes,
    caseSensitive,
    policy: passwordPolicy(input),
    allowAdminCreateUserOnly,
    input: plain(input),
    fakeSrpSecret: randomBytes(32).toString('base64'),
    ...(devices ? { devices } : {}),
    mfa: mfaFromCreatePool(input, autoVerifiedAttributes),
    verifyBeforeUpdate,
    ...signInSettings(input),
  };
}

export function describePool(pool: PoolRecord, userCount: number): Wire<UserPoolType> {
  const region = regionOf(pool.id);
  const { DeviceConfiguration: _given, ...echoed } = pool.input as Wire<UserPoolType>;
  return {
    ...echoed,
    ...(pool.devices
      ? {
          DeviceConfiguration: {
            ChallengeRequiredOnNewDevice: pool.devices.challengeRequiredOnNewDevice,
            DeviceOnlyRememberedOnUserPrompt: pool.devices.deviceOnlyRememberedOnUserPrompt,
          },
        }
      : {}),
    Id: pool.id,
    Name: pool.name,
    Arn: `arn:aws:cognito-idp:${region}:000000000000:userpool/${pool.id}`,
    Policies: {
      PasswordPolicy: { ...pool.policy, PasswordHistorySize: 0 },
      SignInPolicy: { AllowedFirstAuthFactors: firstFactorsOf(pool) },
    },
    DeletionProtection: echoed.DeletionProtection ?? 'INACTIVE',
    LambdaConfig: echoed.LambdaConfig ?? {},
    AutoVerifiedAttributes: pool.autoVerifiedAttributes as ('email' | 'phone_number')[],
    ...(pool.usernameAttributes.length
      ? { UsernameAttributes: pool.usernameAttributes as ('email' | 'phone_number')[] }
      : {}),
    ...(pool.aliasAttributes.length
      ? { AliasAttributes: pool.aliasAttributes as ('email' | 'phone_number' | 'preferred_username')[] }
      : {}),
    UsernameConfiguration: { CaseSensitive: pool.caseSensitive },
    MfaConfiguration: poolMfa(pool).configuration,
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: pool.verifyBeforeUpdate ?? [] },
    EstimatedNumberOfUsers: userCount,
    AdminCreateUserConfig: {
      ...(echoed.AdminCreateUserConfig ?? {}),
      AllowAdminCreateUserOnly: pool.allowAdminCreateUserOnly,
    },
    VerificationMessageTemplate: echoed.VerificationMessageTemplate ?? { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
    UserPoolTier: tierOf(pool),
    CreationDate: wireDate(pool.createdAt),
    LastModifiedDate: wireDate(pool.updatedAt),
  };
}

type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
const UNIT_SECONDS: Record<Unit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

function validity(
  input: Input,
  field: 'AccessTokenValidity' | 'IdTokenValidity' | 'RefreshTokenValidity',
  defaultUnit: Unit,
  defaultSeconds: number,
  minSeconds: number,
  maxSeconds: number,
): number {
  const value = input.optionalInteger(field, 0, 315_360_000);
  if (value === undefined || value === 0) return defaultSeconds;
  const unitsKey =
    field === 'AccessTokenValidity' ? 'AccessToken' : field === 'IdTokenValidity' ? 'IdToken' : 'RefreshToken';
  const unit =
    input
      .optionalObject('TokenValidityUnits')
      ?.optionalEnum(unitsKey, ['seconds', 'minutes', 'hours', 'days'] as const) ?? defaultUnit;
  const secs = value * UNIT_SECONDS[unit];
  if (secs < minSeconds || secs > maxSeconds) {
    throw invalidParameter(MSG.tokenValidityRange(field, minSeconds, maxSeconds));
  }
  return secs;
}

export function buildClient(input: Input, pool: PoolRecord, now: number, clientId = newClientId()): ClientRecord {
  const name = input.string('ClientName', CLIENT_NAME_RULE);
  const flows = subset(input, 'ExplicitAuthFlows', AUTH_FLOWS);
  const legacy = flows.filter((f) => !f.startsWith('ALLOW_'));
  if (legacy.length && legacy.length !== flows.length) {
    throw invalidParameter(MSG.mixedAuthFlows);
  }
  const authSessionMinutes = input.optionalInteger('AuthSessionValidity', 3, 15) ?? 3;
  const client: ClientRecord = {
    clientId,
    poolId: pool.id,
    name,
    createdAt: now,
    updatedAt: now,
    explicitAuthFlows: flows.length ? flows : DEFAULT_AUTH_FLOWS,
    preventUserExistenceErrors:
      input.optionalEnum('PreventUserExistenceErrors', ['ENABLED', 'LEGACY'] as const) ?? 'LEGACY',
    enableTokenRevocation: input.optionalBoolean('EnableTokenRevocation') ?? true,
    accessTokenSeconds: validity(input, 'AccessTokenValidity', 'hours', 3600, 300, 86400),
    idTokenSeconds: validity(input, 'IdTokenValidity', 'hours', 3600, 300, 86400),
    refreshTokenSeconds: validity(input, 'RefreshTokenValidity', 'days', 30 * 86400, 3600, 3650 * 86400),
    authSessionMinutes,
    input: plain(input),
  };
  const rotation = input.optionalObject('RefreshTokenRotation');
  if (rotation) {
    const feature = rotation.optionalEnum('Feature', ['ENABLED', 'DISABLED'] as const);
    if (!feature) rotation.string('Feature');
    const graceSeconds = rotation.optionalInteger('RetryGracePeriodSeconds', 0, 60) ?? 0;
    if (feature === 'ENABLED') client.refreshRotation = { graceSeconds };
  }
  if (input.optionalBoolean('GenerateSecret')) client.secret = newClientSecret();
  return client;
}

/**
 * Validities as Cognito displays them: in the units the client was created with (AWS "sets and
 * displays" durations in TokenValidityUnits), else 60 minutes / 30 days for the defaults.
 */
function shownValidity(
  c: ClientRecord,
): Pick<UserPoolClientType, 'AccessTokenValidity' | 'IdTokenValidity' | 'RefreshTokenValidity' | 'TokenValidityUnits'> {
  const given = c.input.TokenValidityUnits as
    | Partial<Record<'AccessToken' | 'IdToken' | 'RefreshToken', Unit>>
    | undefined;
  const unitFor = (
    field: string,
    key: 'AccessToken' | 'IdToken' | 'RefreshToken',
    setUnit: Unit,
    defaultShown: Unit,
  ): Unit => (typeof c.input[field] === 'number' && c.input[field] !== 0 ? (given?.[key] ?? setUnit) : defaultShown);
  const access = unitFor('AccessTokenValidity', 'AccessToken', 'hours', 'minutes');
  const id = unitFor('IdTokenValidity', 'IdToken', 'hours', 'minutes');
  const refresh = unitFor('RefreshTokenValidity', 'RefreshToken', 'days', 'days');
  return {
    AccessTokenValidity: c.accessTokenSeconds / UNIT_SECONDS[access],
    IdTokenValidity: c.idTokenSeconds / UNIT_SECONDS[id],
    RefreshTokenValidity: c.refreshTokenSeconds / UNIT_SECONDS[refresh],
    TokenValidityUnits: { AccessToken: access, IdToken: id, RefreshToken: refresh },
  };
}

export function describeClient(c: ClientRecord): Wire<UserPoolClientType> {
  const echoed = c.input as Wire<UserPoolClientType>;
  return {
    ...echoed,
    UserPoolId: c.poolId,
    ClientName: c.name,
    ClientId: c.clientId,
    ...(c.secret ? { ClientSecret: c.secret } : {}),
    LastModifiedDate: wireDate(c.updatedAt),
    CreationDate: wireDate(c.createdAt),
    ...shownValidity(c),
    ExplicitAuthFlows: c.explicitAuthFlows as UserPoolClientType['ExplicitAuthFlows'],
    PreventUserExistenceErrors: c.preventUserExistenceErrors,
    EnableTokenRevocation: c.enableTokenRevocation,
    AuthSessionValidity: c.authSessionMinutes,
  };
}

/** Does the client allow this flow? Accepts both `ALLOW_X` and the legacy `X` spelling. */
export const allowsFlow = (c: ClientRecord, flow: string): boolean =>
  c.explicitAuthFlows.includes(`ALLOW_${flow}`) || c.explicitAuthFlows.includes(flow);
