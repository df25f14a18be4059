// `npm run provision`: parse, build the client, plan, (create,) write the env file, print.
import { resolve } from 'node:path';
import type { CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { ENV_KEYS } from '../../shared/cognito-config.ts';
import type { AppClientSettings } from '../../shared/rider-pool.ts';
import { DEFAULT_CLIENT_NAME, DEFAULT_POOL_NAME } from '../../shared/rider-pool.ts';
import { checkEndpoint, checkPoolId, parse } from './args.ts';
import { clientConfig, resolveRegion } from './aws.ts';
import type { CliDeps } from './cli.ts';
import { EXIT_OK, runCli } from './cli.ts';
import { updateEnvFile } from './env-file.ts';
import type { ErrorContext } from './errors.ts';
import { UsageError } from './errors.ts';
import type { ProvisionPlan } from './provision.ts';
import { applyPlan, planProvision } from './provision.ts';

export const PROVISION_USAGE = `Usage: npm run provision -- [options]

Creates the riders' Cognito user pool and the web site's app client, or finds and reuses them
by name (running it twice changes nothing), then writes VITE_COGNITO_* into the env file so
\`npm run dev\` / \`npm run build\` use them. Other lines of the env file are kept.

Options:
  --region <region>     AWS region (default: the --pool-id's region, else AWS_REGION,
                        AWS_DEFAULT_REGION, else us-east-1)
  --pool-name <name>    user pool to find or create (default: ${DEFAULT_POOL_NAME})
  --client-name <name>  app client to find or create (default: ${DEFAULT_CLIENT_NAME})
  --pool-id <id>        use this existing pool instead of looking it up by name
  --endpoint <url>      Cognito API URL instead of AWS, e.g. http://127.0.0.1:5173/__cognito/
                        for the local pool of \`npm run dev\` (written as VITE_COGNITO_ENDPOINT)
  --env-file <path>     env file to update (default: .env.local); a relative path is
                        relative to the project directory, where npm runs scripts
  --dry-run             print what would be created or reused; calls only read APIs, writes nothing
  --debug               print the stack trace of unexpected errors
  -h, --help            show this help

Credentials come from the AWS SDK's default chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ~/.aws, SSO);
a loopback --endpoint needs none. IAM actions used: cognito-idp:ListUserPools, DescribeUserPool,
CreateUserPool, ListUserPoolClients, DescribeUserPoolClient, CreateUserPoolClient.`;

const OPTIONS = {
  region: { type: 'string' },
  'pool-name': { type: 'string' },
  'client-name': { type: 'string' },
  'pool-id': { type: 'string' },
  endpoint: { type: 'string' },
  'env-file': { type: 'string' },
  'dry-run': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const context: ErrorContext = {};
  return runCli(deps, argv.includes('--debug'), context, async () => {
    const { values, positionals } = parse(argv, OPTIONS, 'npm run provision --');
    if (values.help) {
      deps.stdout(PROVISION_USAGE);
      return EXIT_OK;
    }
    if (positionals.length > 0) {
      throw new UsageError(`Unexpected argument "${positionals[0]}". Run \`npm run provision -- --help\` for usage.`);
    }
    const poolName = nonEmpty(values['pool-name'], '--pool-name') ?? DEFAULT_POOL_NAME;
    const clientName = nonEmpty(values['client-name'], '--client-name') ?? DEFAULT_CLIENT_NAME;
    const poolId = values['pool-id'] === undefined ? undefined : checkPoolId(values['pool-id'], '--pool-id');
    const endpoint = values.endpoint === undefined ? undefined : checkEndpoint(values.endpoint, '--endpoint');
    const envFile = nonEmpty(values['env-file'], '--env-file') ?? '.env.local';
    const region = resolveRegion({ flag: values.region, poolId, env: deps.env }) ?? 'us-east-1';
    Object.assign(context, { region, ...(endpoint ? { endpoint } : {}), ...(poolId ? { poolId } : {}) });

    const client = deps.createClient(clientConfig(region, endpoint, deps.env));
    try {
      const plan = await planProvision(client, { poolName, clientName, poolId });
      for (const warning of plan.warnings) deps.stderr(`Warning: ${warning}`);
      const envPath = resolve(deps.cwd, envFile);

      if (values['dry-run']) {
        printPlan(deps, plan, region, endpoint, envFile);
        return EXIT_OK;
      }
      const result = await applyPlan(client, plan);
      context.poolId = result.poolId;
      const updates: Record<string, string | null> = {
        [ENV_KEYS.poolId]: result.poolId,
        [ENV_KEYS.clientId]: result.clientId,
        [ENV_KEYS.region]: region,
        [ENV_KEYS.endpoint]: endpoint ?? null,
      };
      const written = await updateEnvFile(deps.fs, envPath, updates);

      deps.stdout(`Region:      ${region}${endpoint ? ` (at ${endpoint})` : ''}`);
      deps.stdout(`User pool:   ${poolName} ${result.poolId} (${result.poolCreated ? 'created' : 'reused'})`);
      deps.stdout(`App client:  ${clientName} ${result.clientId} (${result.clientCreated ? 'created' : 'reused'})`);
      deps.stdout(
        written.changed
          ? `Env file:    wrote ${Object.keys(updates)
              .filter((k) => updates[k] !== null)
              .join(', ')} to ${envFile}`
          : `Env file:    ${envFile} already up to date`,
      );
      for (const key of Object.keys(updates)) {
        const shell = deps.env[key];
        if (shell !== undefined && shell !== (updates[key] ?? undefined)) {
          deps.stderr(`Warning: ${key} is set in your environment and overrides ${envFile} for Vite; unset it.`);
        }
      }
      if (result.poolCreated && !endpoint) {
        deps.stdout(
          'Note:        Cognito sends emails from its default sender (limited to 50 a day); use Amazon SES for production.',
        );
      }
      deps.stdout(`Next:        npm run dev (to try it) or npm run build (to build the site for this pool).`);
      return EXIT_OK;
    } finally {
      client.destroy();
    }
  });
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`${flag} needs a value.`);
  return value;
}

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

function printPlan(
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
      : `User pool:   would reuse ${plan.pool.pool.Name} ${plan.pool.poolId}`,
  );
  deps.stdout(
    plan.client.action === 'create'
      ? `App client:  would create ${plan.client.input.ClientName} (${describeClientSettings(plan.client.input)})`
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
