// UpdateUserPool and UpdateUserPoolClient reset every setting they are not given to its default
// (shared/cognito-update.ts), so an update starts from what DescribeUserPool / DescribeUserPoolClient
// report and changes only what provision owns.
import type {
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolCommandInput,
  UserPoolClientType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT_SETTINGS, POOL_SETTINGS } from '../../shared/cognito-update.ts';

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}

/** An UpdateUserPool request that leaves every setting of the described pool as it is. */
export function poolUpdateFrom(pool: UserPoolType): UpdateUserPoolCommandInput {
  const settings = pick(pool, POOL_SETTINGS);
  const adminCreateUser = settings.AdminCreateUserConfig;
  if (adminCreateUser?.UnusedAccountValidityDays !== undefined) {
    // DescribeUserPool still reports the deprecated member, and UpdateUserPool refuses it next to the
    // password policy's TemporaryPasswordValidityDays, which replaced it (Terraform's provider drops
    // it for the same reason: "Please use TemporaryPasswordValidityDays in PasswordPolicy instead").
    const { UnusedAccountValidityDays: _deprecated, ...rest } = adminCreateUser;
    settings.AdminCreateUserConfig = rest;
  }
  return { UserPoolId: pool.Id, ...(pool.Name !== undefined ? { PoolName: pool.Name } : {}), ...settings };
}

/** An UpdateUserPoolClient request that leaves every setting of the described client as it is. */
export function clientUpdateFrom(appClient: UserPoolClientType): UpdateUserPoolClientCommandInput {
  return { UserPoolId: appClient.UserPoolId, ClientId: appClient.ClientId, ...pick(appClient, CLIENT_SETTINGS) };
}
