// Finding or creating the riders' user pool and the web site's app client. Read-only planning
// (planProvision) is separate from the writes (applyPlan), so --dry-run runs only the former.

import type {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolCommandInput,
  UserPoolClientDescription,
  UserPoolClientType,
  UserPoolDescriptionType,
  UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  paginateListUserPoolClients,
  paginateListUserPools,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppClientSettings } from '../../shared/rider-pool.ts';
import { CliError, call } from './errors.ts';
import { collectPages, ownInput } from './pages.ts';
import type { Change, MfaInput, SignInOptions } from './sign-in-settings.ts';
import {
  clientChange,
  existingPoolChanges,
  newClientSettings,
  newPoolMfa,
  newPoolSettings,
} from './sign-in-settings.ts';

export interface ProvisionOptions {
  poolName: string;
  clientName: string;
  /** Use this pool instead of looking it up by name. */
  poolId?: string | undefined;
  /** --mfa and --passwordless. */
  signIn: SignInOptions;
}

export type PoolStep =
  | { action: 'create'; input: CreateUserPoolCommandInput }
  | { action: 'reuse'; poolId: string; pool: UserPoolType };

export type ClientStep =
  | { action: 'create'; input: AppClientSettings }
  | { action: 'reuse'; clientId: string; client: UserPoolClientType };

/** The writes, in the order they are sent: create or update the pool, its MFA, then the client. */
export interface ProvisionPlan {
  pool: PoolStep;
  /** SetUserPoolMfaConfig (after CreateUserPool, or before UpdateUserPool). */
  mfa?: Change<MfaInput> | undefined;
  /** UpdateUserPool of a reused pool, with its full settings. */
  poolUpdate?: Change<UpdateUserPoolCommandInput> | undefined;
  /** SetUserPoolMfaConfig with the passkey relying party, after the pool update. */
  passkeys?: Change<MfaInput> | undefined;
  client: ClientStep;
  /** UpdateUserPoolClient of a reused client, with its full settings. */
  clientUpdate?: Change<UpdateUserPoolClientCommandInput> | undefined;
  /** Things that work but deserve a look (printed, not fatal). */
  warnings: string[];
}

export interface ProvisionResult {
  poolId: string;
  clientId: string;
  poolCreated: boolean;
  clientCreated: boolean;
}

/** Every pool in the region with this name (ListUserPools, all pages). */
async function findPoolsByName(
  client: CognitoIdentityProviderClient,
  name: string,
): Promise<UserPoolDescriptionType[]> {
  const pages = paginateListUserPools(
    { client, pageSize: 60, withCommand: ownInput(ListUserPoolsCommand) },
    { MaxResults: 60 },
  );
  const pools = await collectPages('ListUserPools', pages, (page) => page.UserPools);
  return pools.filter((pool) => pool.Name === name);
}

/** Every app client of the pool with this name (ListUserPoolClients, all pages). */
async function findClientsByName(
  client: CognitoIdentityProviderClient,
  poolId: string,
  name: string,
): Promise<UserPoolClientDescription[]> {
  const pages = paginateListUserPoolClients(
    { client, pageSize: 60, withCommand: ownInput(ListUserPoolClientsCommand) },
    { UserPoolId: poolId },
  );
  const clients = await collectPages('ListUserPoolClients', pages, (page) => page.UserPoolClients);
  return clients.filter((c) => c.ClientName === name);
}

async function describePool(client: CognitoIdentityProviderClient, poolId: string): Promise<UserPoolType> {
  const out = await call('DescribeUserPool', () => client.send(new DescribeUserPoolCommand({ UserPoolId: poolId })));
  if (!out.UserPool) throw new CliError(`DescribeUserPool returned no pool for ${poolId}.`);
  return out.UserPool;
}

/** Why an existing pool cannot serve the rider site, or undefined when it can. */
function poolProblem(pool: UserPoolType): string | undefined {
  if (!pool.UsernameAttributes?.includes('email')) {
    return (
      `User pool ${pool.Name} (${pool.Id}) does not use the email address as the username ` +
      `(UsernameAttributes is [${(pool.UsernameAttributes ?? []).join(', ')}]), which cannot be changed after creation; ` +
      'choose another --pool-name to create a new pool, or delete this one and re-run.'
    );
  }
  return undefined;
}

/** Why an existing app client cannot serve the browser, or undefined when it can. */
function clientProblem(appClient: UserPoolClientType): string | undefined {
  const label = `App client ${appClient.ClientName} (${appClient.ClientId}) in ${appClient.UserPoolId}`;
  const fix =
    `delete it (aws cognito-idp delete-user-pool-client --user-pool-id ${appClient.UserPoolId} ` +
    `--client-id ${appClient.ClientId}) and re-run, or choose another --client-name.`;
  if (appClient.ClientSecret) {
    return `${label} has a client secret, which the browser sign-in library cannot use; ${fix}`;
  }
  if (!appClient.ExplicitAuthFlows?.includes('ALLOW_USER_SRP_AUTH')) {
    return (
      `${label} does not allow ALLOW_USER_SRP_AUTH, the sign-in flow the site uses; ` +
      `enable it in the console (App client → Authentication flows) or ${fix}`
    );
  }
  return undefined;
}

function poolWarnings(pool: UserPoolType): string[] {
  const warnings: string[] = [];
  if (pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly) {
    warnings.push(
      `User pool ${pool.Id} allows only administrators to create users, so riders cannot register themselves.`,
    );
  }
  if (!pool.AutoVerifiedAttributes?.includes('email')) {
    warnings.push(`User pool ${pool.Id} does not verify email addresses, so riders get no confirmation code.`);
  }
  return warnings;
}

/**
 * Decides what to create and what to reuse, calling only read APIs (List*, Describe*).
 * Throws CliError for duplicates and for existing resources the site cannot use.
 */
export async function planProvision(
  client: CognitoIdentityProviderClient,
  options: ProvisionOptions,
): Promise<ProvisionPlan> {
  let pool: UserPoolType | undefined;
  if (options.poolId) {
    pool = await describePool(client, options.poolId);
  } else {
    const matches = await findPoolsByName(client, options.poolName);
    if (matches.length > 1) {
      throw new CliError(
        `${matches.length} user pools are named ${options.poolName} (${matches.map((p) => p.Id).join(', ')}); ` +
          'pass --pool-id to choose one.',
      );
    }
    if (matches[0]?.Id) pool = await describePool(client, matches[0].Id);
  }
  const newClient = newClientSettings(options.clientName, options.signIn);
  if (pool === undefined) {
    return {
      pool: { action: 'create', input: newPoolSettings(options.poolName, options.signIn) },
      mfa: newPoolMfa(options.signIn),
      client: { action: 'create', input: newClient },
      warnings: [],
    };
  }
  const poolId = pool.Id;
  if (!poolId) throw new CliError('DescribeUserPool returned a pool without an ID.');
  const problem = poolProblem(pool);
  if (problem) throw new CliError(problem);
  const mfaConfig = await call('GetUserPoolMfaConfig', () =>
    client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId })),
  );
  const poolChanges = existingPoolChanges(pool, mfaConfig, options.signIn);

  const clients = await findClientsByName(client, poolId, options.clientName);
  if (clients.length > 1) {
    throw new CliError(
      `${clients.length} app clients in ${poolId} are named ${options.clientName} ` +
        `(${clients.map((c) => c.ClientId).join(', ')}); delete the extra ones or choose another --client-name.`,
    );
  }
  const existing = clients[0];
  if (!existing?.ClientId) {
    return {
      pool: { action: 'reuse', poolId, pool },
      mfa: poolChanges.mfa,
      poolUpdate: poolChanges.pool,
      passkeys: poolChanges.passkeys,
      client: { action: 'create', input: newClient },
      warnings: poolWarnings(pool),
    };
  }
  const clientId = existing.ClientId;
  const described = await call('DescribeUserPoolClient', () =>
    client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })),
  );
  const appClient = described.UserPoolClient;
  if (!appClient) throw new CliError(`DescribeUserPoolClient returned no app client for ${clientId}.`);
  const clientIssue = clientProblem(appClient);
  if (clientIssue) throw new CliError(clientIssue);
  const warnings = poolWarnings(pool);
  if (!appClient.ExplicitAuthFlows?.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    warnings.push(
      `App client ${clientId} does not allow ALLOW_REFRESH_TOKEN_AUTH, so riders are signed out when their tokens expire.`,
    );
  }
  return {
    pool: { action: 'reuse', poolId, pool },
    mfa: poolChanges.mfa,
    poolUpdate: poolChanges.pool,
    passkeys: poolChanges.passkeys,
    client: { action: 'reuse', clientId, client: appClient },
    clientUpdate: clientChange(appClient, options.signIn),
    warnings,
  };
}

/** Creates what the plan says to create; returns the IDs to configure. */
export async function applyPlan(client: CognitoIdentityProviderClient, plan: ProvisionPlan): Promise<ProvisionResult> {
  let poolId: string;
  if (plan.pool.action === 'create') {
    const input = plan.pool.input;
    const created = await call('CreateUserPool', () => client.send(new CreateUserPoolCommand(input)));
    if (!created.UserPool?.Id) throw new CliError('CreateUserPool returned no pool ID.');
    poolId = created.UserPool.Id;
  } else {
    poolId = plan.pool.poolId;
  }
  const setMfa = (input: MfaInput) => () =>
    client.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...input }));
  if (plan.mfa) await call('SetUserPoolMfaConfig', setMfa(plan.mfa.input));
  const poolUpdate = plan.poolUpdate?.input;
  if (poolUpdate) await call('UpdateUserPool', () => client.send(new UpdateUserPoolCommand(poolUpdate)));
  if (plan.passkeys) await call('SetUserPoolMfaConfig', setMfa(plan.passkeys.input));
  let clientId: string;
  if (plan.client.action === 'create') {
    const input: CreateUserPoolClientCommandInput = { UserPoolId: poolId, ...plan.client.input };
    const created = await call('CreateUserPoolClient', () => client.send(new CreateUserPoolClientCommand(input)));
    if (!created.UserPoolClient?.ClientId) throw new CliError('CreateUserPoolClient returned no client ID.');
    clientId = created.UserPoolClient.ClientId;
  } else {
    clientId = plan.client.clientId;
  }
  const clientUpdate = plan.clientUpdate?.input;
  if (clientUpdate) {
    await call('UpdateUserPoolClient', () => client.send(new UpdateUserPoolClientCommand(clientUpdate)));
  }
  return {
    poolId,
    clientId,
    poolCreated: plan.pool.action === 'create',
    clientCreated: plan.client.action === 'create',
  };
}
