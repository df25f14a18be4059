// `npm run users -- <command>`: parse, find the pool (flags, then the site's VITE_COGNITO_*),
// build the client, run the command, print.
import { ENV_KEYS } from '../../shared/cognito-config.ts';
import { LOCAL_POOL } from '../../shared/local-pool.ts';
import { generateTemporaryPassword } from '../../shared/temporary-password.ts';
import { checkEmail, checkEndpoint, checkPoolId, LOCAL_POOL_HINT, parse } from './args.ts';
import { clientConfig, resolveRegion } from './aws.ts';
import type { CliDeps } from './cli.ts';
import { EXIT_OK, runCli } from './cli.ts';
import { DEVICE_KEY_PATTERN, forgetDevice, formatDeviceTable, listDevices, turnOffMfa } from './devices.ts';
import { loadViteEnv } from './env-file.ts';
import type { ErrorContext } from './errors.ts';
import { UsageError } from './errors.ts';
import { confirmUser, createUser, deleteUser, formatUserTable, listUsers, resetPassword } from './users.ts';
import { COMMAND_HELP } from './users-help.ts';

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
  mfa <email> off         turn off a rider's authenticator app (they lost their phone)
  devices <email>         list a rider's remembered devices; \`devices <email> forget <key>\`
                          forgets one

${COMMON_OPTIONS}

Run \`npm run users -- <command> --help\` for a command's details.`;

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
        'Missing command (list, confirm, create, delete, reset-password, mfa, devices). Run `npm run users -- --help` for usage.',
      );
    }
    const help = COMMAND_HELP[command];
    if (help === undefined) {
      throw new UsageError(
        `Unknown command "${command}"; expected list, confirm, create, delete, reset-password, mfa or devices. Run \`npm run users -- --help\` for usage.`,
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
    const { surplus, deviceKey } = commandArguments(command, email, extra);
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
        case 'mfa': {
          await turnOffMfa(client, target.poolId, address!);
          deps.stdout(
            `Turned off the authenticator app of ${address} in ${where}: they sign in with their password ` +
              '(and set up a new authenticator where the pool requires MFA).',
          );
          return EXIT_OK;
        }
        case 'devices': {
          if (deviceKey !== undefined) {
            await forgetDevice(client, target.poolId, address!, deviceKey);
            deps.stdout(`Forgot device ${deviceKey} of ${address} in ${where}; it asks for the second factor again.`);
            return EXIT_OK;
          }
          const devices = await listDevices(client, target.poolId, address!);
          if (devices.length === 0) {
            deps.stdout(`No remembered devices for ${address} in ${where}.`);
          } else {
            for (const line of formatDeviceTable(devices)) deps.stdout(line);
            deps.stdout(`${devices.length} device${devices.length === 1 ? '' : 's'} of ${address} in ${where}.`);
          }
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

/** The words after `<command> <email>`: `mfa` needs `off`; `devices` takes `forget <device-key>`. */
function commandArguments(
  command: string,
  email: string | undefined,
  extra: string[],
): { surplus: (string | undefined)[]; deviceKey?: string } {
  if (command === 'list') return { surplus: [email, ...extra] };
  if (command === 'mfa') {
    const [setting, ...rest] = extra;
    if (email !== undefined && setting !== 'off') {
      throw new UsageError(
        `\`mfa\` takes \`off\`, e.g. \`npm run users -- mfa ${email} off\`${setting === undefined ? '' : ` (not "${setting}")`}.`,
      );
    }
    return { surplus: rest };
  }
  if (command === 'devices' && extra.length > 0) {
    const [verb, deviceKey, ...rest] = extra;
    if (verb !== 'forget' || deviceKey === undefined) {
      throw new UsageError(
        `\`devices\` takes \`forget <device-key>\`, e.g. \`npm run users -- devices ${email} forget us-east-1_…\`.`,
      );
    }
    if (deviceKey.length > 55 || !DEVICE_KEY_PATTERN.test(deviceKey)) {
      throw new UsageError(
        `"${deviceKey}" is not a device key; expected <region>_<id> as \`users devices ${email}\` lists them.`,
      );
    }
    return { surplus: rest, deviceKey };
  }
  return { surplus: extra };
}
