// `npm run users -- <command>`: parse, find the pool (flags, then the site's VITE_COGNITO_*),
// build the client, run the command, print.
import { ENV_KEYS } from '../../shared/cognito-config.ts';
import { LOCAL_POOL } from '../../shared/local-pool.ts';
import { generateTemporaryPassword } from '../../shared/temporary-password.ts';
import { checkEmail, checkEndpoint, checkPoolId, LOCAL_POOL_HINT, parse } from './args.ts';
import { clientConfig, resolveRegion } from './aws.ts';
import type { CliDeps } from './cli.ts';
import { EXIT_OK, runCli } from './cli.ts';
import { loadViteEnv } from './env-file.ts';
import type { ErrorContext } from './errors.ts';
import { UsageError } from './errors.ts';
import { confirmUser, createUser, deleteUser, formatUserTable, listUsers, resetPassword } from './users.ts';

/** The local pool's default pool (what the site uses with no VITE_COGNITO_*), used with --endpoint alone. */
const LOCAL_DEFAULT_POOL_ID = LOCAL_POOL.userPoolId;

const COMMON_OPTIONS = `Options:
  --pool-id <id>      user pool (default: VITE_COGNITO_USER_POOL_ID from the environment,
                      .env.local or .env, as Vite reads them)
  --region <region>   AWS region (default: the pool ID's region)
  --endpoint <url>    Cognito API URL instead of AWS (default: VITE_COGNITO_ENDPOINT); use
                      http://127.0.0.1:5173/__cognito/ for the local pool of \`npm run dev\`
                      (pool ${LOCAL_DEFAULT_POOL_ID} unless --pool-id says otherwise)
  --debug             print the stack trace of unexpected errors
  -h, --help          show this help`;

export const USERS_USAGE = `Usage: npm run users -- <command> [options]

Administers the riders of a user pool (real or local).

Commands:
  list                    list users: email, status, enabled, created
  confirm <email>         confirm a rider who signed up but has not entered the code
                          (for test riders with made-up addresses)
  create <email>          create a rider with a temporary password, printed once; they
                          choose their own password at first sign-in
  delete <email>          delete a rider
  reset-password <email>  make a rider set a new password (Cognito emails them a code)

${COMMON_OPTIONS}

Run \`npm run users -- <command> --help\` for a command's details.`;

const COMMAND_HELP: Record<string, string> = {
  list: `Usage: npm run users -- list [options]

Lists every user of the pool (all pages) as a table: email, status, enabled, created.
IAM action: cognito-idp:ListUsers.`,
  confirm: `Usage: npm run users -- confirm <email> [options]

Confirms a rider who signed up but has not entered the emailed code (AdminConfirmSignUp),
so they can sign in. A rider who is already confirmed is left as is.
IAM action: cognito-idp:AdminConfirmSignUp.`,
  create: `Usage: npm run users -- create <email> [--invite] [options]

Creates a rider (AdminCreateUser) with a verified email and a random temporary password that
is printed once; at first sign-in they must choose their own (status FORCE_CHANGE_PASSWORD).
  --invite            also let Cognito email the invitation with the temporary password
                      (default: no email is sent)
IAM action: cognito-idp:AdminCreateUser.`,
  delete: `Usage: npm run users -- delete <email> [options]

Deletes a rider (AdminDeleteUser). This cannot be undone.
IAM action: cognito-idp:AdminDeleteUser.`,
  'reset-password': `Usage: npm run users -- reset-password <email> [options]

Resets a rider's password (AdminResetUserPassword): Cognito emails them a code and they must
set a new password with "Forgot password" before they can sign in again.
IAM action: cognito-idp:AdminResetUserPassword.`,
};

const OPTIONS = {
  'pool-id': { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  invite: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Target {
  poolId: string;
  region: string;
  endpoint: string | undefined;
}

/** Pool, region and endpoint from the flags, else from the site's own configuration. */
async function resolveTarget(
  deps: CliDeps,
  flags: { poolId?: string | undefined; region?: string | undefined; endpoint?: string | undefined },
): Promise<Target> {
  const configured = await loadViteEnv(deps.fs, deps.cwd, deps.env, [
    ENV_KEYS.poolId,
    ENV_KEYS.region,
    ENV_KEYS.endpoint,
  ]);
  const confPool = configured[ENV_KEYS.poolId];
  const confEndpoint = configured[ENV_KEYS.endpoint];
  const confRegion = configured[ENV_KEYS.region];

  let endpoint: string | undefined;
  if (flags.endpoint !== undefined) {
    endpoint = checkEndpoint(flags.endpoint, '--endpoint');
  } else if (confEndpoint) {
    endpoint = checkEndpoint(confEndpoint.value, `VITE_COGNITO_ENDPOINT (from ${confEndpoint.source})`);
  }

  let poolId: string;
  let poolIdSource: string;
  if (flags.poolId !== undefined) {
    poolId = checkPoolId(flags.poolId, '--pool-id');
    poolIdSource = '--pool-id';
  } else if (confPool) {
    poolIdSource = confPool.source;
    poolId = checkPoolId(confPool.value, `VITE_COGNITO_USER_POOL_ID (from ${confPool.source})`);
  } else if (endpoint !== undefined) {
    poolId = LOCAL_DEFAULT_POOL_ID;
    poolIdSource = 'the local default';
  } else {
    throw new UsageError(
      'No user pool configured (no --pool-id, and no VITE_COGNITO_USER_POOL_ID in the environment, .env.local or .env), ' +
        `so the site uses its local pool: ${LOCAL_POOL_HINT}, or run \`npm run provision\` for a real one.`,
    );
  }
  // A configured region belongs to the configured pool; it says nothing about a --pool-id.
  const region = resolveRegion({
    flag: flags.region,
    poolId,
    poolIdSource,
    configured: flags.poolId === undefined ? confRegion?.value : undefined,
    env: deps.env,
  });
  return { poolId, region: region ?? 'us-east-1', endpoint };
}

export async function main(argv: string[], deps: CliDeps): Promise<number> {
  const context: ErrorContext = {};
  return runCli(deps, argv.includes('--debug'), context, async () => {
    const { values, positionals } = parse(argv, OPTIONS, 'npm run users --');
    const [command, email, ...extra] = positionals;
    if (command === undefined || command === 'help') {
      if (values.help || command === 'help') {
        deps.stdout(USERS_USAGE);
        return EXIT_OK;
      }
      throw new UsageError(
        'Missing command (list, confirm, create, delete, reset-password). Run `npm run users -- --help` for usage.',
      );
    }
    const help = COMMAND_HELP[command];
    if (help === undefined) {
      throw new UsageError(
        `Unknown command "${command}"; expected list, confirm, create, delete or reset-password. Run \`npm run users -- --help\` for usage.`,
      );
    }
    if (values.help) {
      deps.stdout(`${help}\n\n${COMMON_OPTIONS}`);
      return EXIT_OK;
    }
    if (values.invite && command !== 'create') {
      throw new UsageError(
        `--invite only applies to \`create\`. Run \`npm run users -- ${command} --help\` for usage.`,
      );
    }
    const surplus = command === 'list' ? [email, ...extra] : extra;
    const unexpected = surplus.find((arg) => arg !== undefined);
    if (unexpected !== undefined) {
      throw new UsageError(
        `Unexpected argument "${unexpected}". Run \`npm run users -- ${command} --help\` for usage.`,
      );
    }
    const address = command === 'list' ? undefined : checkEmail(email, command);
    if (address) context.email = address;

    const target = await resolveTarget(deps, {
      poolId: values['pool-id'],
      region: values.region,
      endpoint: values.endpoint,
    });
    Object.assign(context, {
      poolId: target.poolId,
      region: target.region,
      ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    });
    const client = deps.createClient(clientConfig(target.region, target.endpoint, deps.env));
    const where = `user pool ${target.poolId}${target.endpoint ? ` at ${target.endpoint}` : ` (${target.region})`}`;
    try {
      switch (command) {
        case 'list': {
          const users = await listUsers(client, target.poolId);
          if (users.length === 0) {
            deps.stdout(`No users in ${where}.`);
          } else {
            for (const line of formatUserTable(users)) deps.stdout(line);
            deps.stdout(`${users.length} user${users.length === 1 ? '' : 's'} in ${where}.`);
          }
          return EXIT_OK;
        }
        case 'confirm': {
          const outcome = await confirmUser(client, target.poolId, address!);
          deps.stdout(
            outcome === 'confirmed'
              ? `Confirmed ${address} in ${where}; they can sign in now.`
              : `${address} is already confirmed in ${where}; nothing to do.`,
          );
          return EXIT_OK;
        }
        case 'create': {
          const temporaryPassword = generateTemporaryPassword();
          const user = await createUser(client, target.poolId, address!, {
            invite: values.invite === true,
            temporaryPassword,
          });
          deps.stdout(`Created ${address} in ${where} (status ${user?.UserStatus ?? 'FORCE_CHANGE_PASSWORD'}).`);
          deps.stdout(`Temporary password (shown once): ${temporaryPassword}`);
          deps.stdout(
            values.invite
              ? 'Cognito also emailed it to them; at first sign-in they must choose their own password.'
              : 'No email was sent; give them the password. At first sign-in they must choose their own.',
          );
          return EXIT_OK;
        }
        case 'delete': {
          await deleteUser(client, target.poolId, address!);
          deps.stdout(`Deleted ${address} from ${where}.`);
          return EXIT_OK;
        }
        default: {
          await resetPassword(client, target.poolId, address!);
          deps.stdout(
            `Reset the password of ${address} in ${where}: Cognito emailed them a code, and they must set a new password (Forgot password) before signing in.`,
          );
          return EXIT_OK;
        }
      }
    } finally {
      client.destroy();
    }
  });
}
