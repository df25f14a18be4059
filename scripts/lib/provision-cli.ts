// `npm run provision`: parse, build the client, plan, (create,) write the env file, print.
import { resolve } from 'node:path';
import { ENV_KEYS } from '../../shared/cognito-config.ts';
import { DEFAULT_CLIENT_NAME, DEFAULT_POOL_NAME } from '../../shared/rider-pool.ts';
import { checkEndpoint, checkMfa, checkPoolId, parse, relyingPartyId } from './args.ts';
import { clientConfig, resolveRegion } from './aws.ts';
import type { CliDeps } from './cli.ts';
import { EXIT_OK, runCli } from './cli.ts';
import { updateEnvFile } from './env-file.ts';
import type { ErrorContext } from './errors.ts';
import { UsageError } from './errors.ts';
import { applyPlan, planProvision } from './provision.ts';
import { printPlan, printResult } from './provision-report.ts';
import type { SignInOptions } from './sign-in-settings.ts';

export const PROVISION_USAGE = `Usage: npm run provision -- [options]

Creates the riders' Cognito user pool and the web site's app client, or finds and reuses them
by name, then writes VITE_COGNITO_* into the env file so \`npm run dev\` / \`npm run build\` use
them. Other lines of the env file are kept. The pool gets two-factor sign-in with an authenticator
app (--mfa) and remembered devices ("user opt-in"); an existing pool that differs is updated with
its other settings kept, so running it twice changes nothing.

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
  --mfa <off|optional|on>
                        two-factor sign-in with an authenticator app (TOTP): optional lets riders
                        turn it on, on makes every rider set it up (default: optional; a pool
                        that already requires MFA keeps on unless --mfa says otherwise)
  --passwordless        also let riders sign in with a passkey or an emailed code (USER_AUTH):
                        moves the pool to the Essentials feature plan (a paid plan; see
                        https://aws.amazon.com/cognito/pricing/), allows the first factors
                        PASSWORD, EMAIL_OTP and WEB_AUTHN, sets the passkeys' relying party and
                        adds ALLOW_USER_AUTH to the app client; not with --mfa on
  --site-url <url>      the site's address, e.g. https://rides.example.com; with --passwordless
                        its host name is the passkeys' relying party
  --rp-id <domain>      the relying party instead: the site's host or a domain it belongs to
                        (default: the --site-url host, else the pool's current one)
  --dry-run             print what would be created, updated or reused; calls only read APIs,
                        writes nothing
  --debug               print the stack trace of unexpected errors
  -h, --help            show this help

Credentials come from the AWS SDK's default chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ~/.aws, SSO);
a loopback --endpoint needs none. IAM actions used: cognito-idp:ListUserPools, DescribeUserPool,
CreateUserPool, UpdateUserPool, GetUserPoolMfaConfig, SetUserPoolMfaConfig, ListUserPoolClients,
DescribeUserPoolClient, CreateUserPoolClient, UpdateUserPoolClient.`;

const OPTIONS = {
  region: { type: 'string' },
  'pool-name': { type: 'string' },
  'client-name': { type: 'string' },
  'pool-id': { type: 'string' },
  endpoint: { type: 'string' },
  'env-file': { type: 'string' },
  mfa: { type: 'string' },
  passwordless: { type: 'boolean' },
  'site-url': { type: 'string' },
  'rp-id': { type: 'string' },
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
    const signIn = signInOptions(values);
    const region = resolveRegion({ flag: values.region, poolId, env: deps.env }) ?? 'us-east-1';
    Object.assign(context, { region, ...(endpoint ? { endpoint } : {}), ...(poolId ? { poolId } : {}) });

    const client = deps.createClient(clientConfig(region, endpoint, deps.env));
    try {
      const plan = await planProvision(client, { poolName, clientName, poolId, signIn });
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
      printResult(deps, plan, result, { pool: poolName, client: clientName });
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

function signInOptions(values: {
  mfa?: string | undefined;
  passwordless?: boolean | undefined;
  'site-url'?: string | undefined;
  'rp-id'?: string | undefined;
}): SignInOptions {
  const mfa = values.mfa === undefined ? undefined : checkMfa(values.mfa);
  if (!values.passwordless) {
    const stray =
      values['site-url'] !== undefined ? '--site-url' : values['rp-id'] !== undefined ? '--rp-id' : undefined;
    if (stray) throw new UsageError(`${stray} only applies with --passwordless (the passkeys' relying party).`);
    return { mfa };
  }
  if (mfa === 'ON') {
    throw new UsageError(
      '--mfa on and --passwordless cannot go together: Cognito offers no passwordless sign-in while MFA is required; use --mfa optional.',
    );
  }
  return { mfa, passwordless: { rpId: relyingPartyId(values['site-url'], values['rp-id']) } };
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`${flag} needs a value.`);
  return value;
}
