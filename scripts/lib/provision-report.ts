// What `npm run provision` prints: the plan of a --dry-run, and what a real run did.
import type { CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { ENV_KEYS } from '../../shared/cognito-config.ts';
import type { AppClientSettings } from '../../shared/rider-pool.ts';
import type { CliDeps } from './cli.ts';
import type { ProvisionPlan, ProvisionResult } from './provision.ts';

function describePoolSettings(input: CreateUserPoolCommandInput): string {
  const policy = input.Policies?.PasswordPolicy;
  const classes = [
    policy?.RequireUppercase && 'upper',
    policy?.RequireLowercase && 'lower',
    policy?.RequireNumbers && 'number',
    policy?.RequireSymbols && 'symbol',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    `username ${input.UsernameAttributes?.join('/')}${input.UsernameConfiguration?.CaseSensitive === false ? ' (case-insensitive)' : ''}`,
    `auto-verified ${input.AutoVerifiedAttributes?.join('/')} (${input.VerificationMessageTemplate?.DefaultEmailOption})`,
    `passwords ≥ ${policy?.MinimumLength} with ${classes}`,
    `self sign-up ${input.AdminCreateUserConfig?.AllowAdminCreateUserOnly ? 'off' : 'on'}`,
    `recovery by ${input.AccountRecoverySetting?.RecoveryMechanisms?.map((m) => m.Name).join(', ')}`,
    `deletion protection ${input.DeletionProtection}`,
    ...(input.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ? ['remembered devices on user opt-in'] : []),
    ...(input.UserPoolTier ? [`feature plan ${input.UserPoolTier}`] : []),
    ...(input.Policies?.SignInPolicy?.AllowedFirstAuthFactors
      ? [`first sign-in factors ${input.Policies.SignInPolicy.AllowedFirstAuthFactors.join(', ')}`]
      : []),
  ].join('; ');
}

function describeClientSettings(input: AppClientSettings): string {
  return [
    input.GenerateSecret ? 'with secret' : 'no secret',
    `flows ${input.ExplicitAuthFlows?.join(', ')}`,
    `PreventUserExistenceErrors ${input.PreventUserExistenceErrors}`,
    `token revocation ${input.EnableTokenRevocation ? 'on' : 'off'}`,
    `ID/access tokens ${input.IdTokenValidity}/${input.AccessTokenValidity} ${input.TokenValidityUnits?.IdToken}, ` +
      `refresh ${input.RefreshTokenValidity} ${input.TokenValidityUnits?.RefreshToken}`,
  ].join('; ');
}

export function printPlan(
  deps: CliDeps,
  plan: ProvisionPlan,
  region: string,
  endpoint: string | undefined,
  envFile: string,
): void {
  deps.stdout('Dry run: nothing is created or written.');
  deps.stdout(`Region:      ${region}${endpoint ? ` (at ${endpoint})` : ''}`);
  deps.stdout(
    plan.pool.action === 'create'
      ? `User pool:   would create ${plan.pool.input.PoolName} (${describePoolSettings(plan.pool.input)})`
      : plan.poolUpdate
        ? `User pool:   would update ${plan.pool.pool.Name} ${plan.pool.poolId} (UpdateUserPool with its current settings and: ${plan.poolUpdate.changes.join('; ')})`
        : `User pool:   would reuse ${plan.pool.pool.Name} ${plan.pool.poolId}`,
  );
  const mfa = [...(plan.mfa?.changes ?? []), ...(plan.passkeys?.changes ?? [])];
  const untouched = plan.pool.action === 'create' ? 'would leave MFA OFF' : 'would keep it as it is';
  deps.stdout(`MFA config:  ${mfa.length ? `would set ${mfa.join('; ')}` : untouched}`);
  deps.stdout(
    plan.client.action === 'create'
      ? `App client:  would create ${plan.client.input.ClientName} (${describeClientSettings(plan.client.input)})`
      : plan.clientUpdate
        ? `App client:  would update ${plan.client.client.ClientName} ${plan.client.clientId} (UpdateUserPoolClient with its current settings and: ${plan.clientUpdate.changes.join('; ')})`
        : `App client:  would reuse ${plan.client.client.ClientName} ${plan.client.clientId}`,
  );
  const poolId = plan.pool.action === 'reuse' ? plan.pool.poolId : '<new pool ID>';
  const clientId = plan.client.action === 'reuse' ? plan.client.clientId : '<new client ID>';
  const lines = [
    `${ENV_KEYS.poolId}=${poolId}`,
    `${ENV_KEYS.clientId}=${clientId}`,
    `${ENV_KEYS.region}=${region}`,
    endpoint ? `${ENV_KEYS.endpoint}=${endpoint}` : `(remove ${ENV_KEYS.endpoint})`,
  ];
  deps.stdout(`Env file:    would set in ${envFile}: ${lines.join(' ')}`);
}

const outcome = (created: boolean, changes: string[] | undefined): string =>
  created ? 'created' : changes ? `updated: ${changes.join('; ')}` : 'reused';

/** The pool, MFA and client lines of a real run; a reused pool or client shows its own name. */
export function printResult(
  deps: CliDeps,
  plan: ProvisionPlan,
  result: ProvisionResult,
  names: { pool: string; client: string },
): void {
  const poolName = plan.pool.action === 'reuse' ? (plan.pool.pool.Name ?? names.pool) : names.pool;
  const clientName = plan.client.action === 'reuse' ? (plan.client.client.ClientName ?? names.client) : names.client;
  deps.stdout(`User pool:   ${poolName} ${result.poolId} (${outcome(result.poolCreated, plan.poolUpdate?.changes)})`);
  const mfa = [...(plan.mfa?.changes ?? []), ...(plan.passkeys?.changes ?? [])];
  const untouched = result.poolCreated ? 'MFA OFF' : 'unchanged';
  deps.stdout(`MFA config:  ${mfa.length ? `set ${mfa.join('; ')}` : untouched}`);
  deps.stdout(
    `App client:  ${clientName} ${result.clientId} (${outcome(result.clientCreated, plan.clientUpdate?.changes)})`,
  );
}
