// Every option the README and the --help texts document, run as people run it: `npm run -s
// provision|users|cognito:local -- …` as child processes against a child `npm run cognito:local`.
// scripts.test.ts and tests/unit/scripts prove what each option does through main(); these prove
// that the option reaches the script from the real command line (`--env-file` once did not: Node
// took it for its own) and that exit codes, one-line errors and signals survive npm and Node.
// Spawns are grouped: each costs npm plus Node plus tsx, about a second of CPU.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../scripts/lib/env-file.ts';
import { PROVISION_USAGE } from '../../scripts/lib/provision-cli.ts';
import { USERS_USAGE } from '../../scripts/lib/users-cli.ts';
import { call, mailTo, ok, PASSWORD, uniqueEmail } from './local-cognito/pool-kit.ts';
import {
  cleanUp,
  createSandbox,
  type Exit,
  npmRun,
  type PoolProcess,
  shellEnv,
  startPool,
  tempDir,
} from './npm-run.ts';

const POOL_ID = 'us-east-1_LocalPool';
const CLIENT_ID = 'localwildrydeswebclient001';
const SLOW = { timeout: 90_000 };

let pool: PoolProcess;
let poolDataDir: string;

beforeAll(async () => {
  poolDataDir = await tempDir('pool');
  pool = await startPool(['--port', '0', '--data-dir', poolDataDir, '--region', 'eu-west-1'], {
    cwd: await createSandbox('pool'),
  });
}, 60_000);

afterAll(async () => {
  await pool?.stop('SIGTERM', 'npm').catch(() => undefined);
  await cleanUp();
});

/** A failed run, shown whole in the assertion message. */
const shown = (exit: Exit): string =>
  `exit ${exit.code ?? exit.signal}\nstdout: ${exit.stdout}\nstderr: ${exit.stderr}`;

/** Exit 0, nothing on stderr. */
function expectSuccess(exit: Exit): void {
  expect(exit.stderr, shown(exit)).toBe('');
  expect(exit.code, shown(exit)).toBe(0);
}

/** A failure as the README promises it: the exit code and exactly this one line on stderr, no stack trace. */
function expectOneLine(exit: Exit, code: number, line: string): void {
  expect(exit.code, shown(exit)).toBe(code);
  expect(exit.stderr).toBe(`${line}\n`);
  expect(exit.stdout).toBe('');
}

async function userStatus(url: string, poolId: string, email: string): Promise<string | undefined> {
  const res = await call(url, 'AdminGetUser', { UserPoolId: poolId, Username: email });
  return res.status === 200 ? (res.json?.UserStatus as string) : (res.json?.__type as string);
}

describe('--help and mistakes, for each command', () => {
  it('--help prints the usage (exit 0); a misspelt option is one line, exit 2, no stack trace', SLOW, async () => {
    const cwd = await createSandbox('help');
    const commands = ['list', 'confirm', 'create', 'delete', 'reset-password'];
    const [provisionHelp, usersHelp, poolHelp, provisionTypo, usersTypo, poolTypo, usersRegion, ...commandHelp] =
      await Promise.all([
        npmRun('provision', ['--help'], { cwd }),
        npmRun('users', ['--help'], { cwd }),
        npmRun('cognito:local', ['--help'], { cwd }),
        npmRun('provision', ['--env-flie', 'x.env'], { cwd }),
        npmRun('users', ['list', '--endpoint', pool.url, '--limit', '3'], { cwd }),
        npmRun('cognito:local', ['--prot', '9229'], { cwd }),
        npmRun('users', ['list', '--endpoint', pool.url, '--region', 'eu-west-1'], { cwd }),
        ...commands.map((command) => npmRun('users', [command, '--help'], { cwd })),
      ]);

    expectSuccess(provisionHelp!);
    expect(provisionHelp!.stdout).toBe(`${PROVISION_USAGE}\n`);
    expectSuccess(usersHelp!);
    expect(usersHelp!.stdout).toBe(`${USERS_USAGE}\n`);
    expectSuccess(poolHelp!);
    for (const option of [
      '--port',
      '--data-dir',
      '--host',
      '--region',
      '--quiet',
      '--help',
      'LOCAL_COGNITO_DATA_DIR',
    ]) {
      expect(poolHelp!.stdout).toContain(option);
    }
    commandHelp.forEach((help, i) => {
      expectSuccess(help);
      expect(help.stdout).toMatch(new RegExp(`^Usage: npm run users -- ${commands[i]} `));
      expect(help.stdout).toContain('--endpoint <url>');
    });
    expect(commandHelp[commands.indexOf('create')]!.stdout).toContain('--invite');

    expectOneLine(
      provisionTypo!,
      2,
      "Error: Unknown option '--env-flie'. Run `npm run provision -- --help` for usage.",
    );
    expectOneLine(usersTypo!, 2, "Error: Unknown option '--limit'. Run `npm run users -- --help` for usage.");
    expectOneLine(poolTypo!, 2, "Unknown option '--prot'. Run `npm run cognito:local -- --help` for usage.");
    // --region reaches users: one that contradicts the pool is refused before any call.
    expectOneLine(
      usersRegion!,
      2,
      `Error: --region eu-west-1 does not match the user pool ID ${POOL_ID} (from the local default), which is in us-east-1.`,
    );
  });
});

describe('npm run provision', () => {
  let cwd: string;
  const developersEnv =
    'VITE_COGNITO_USER_POOL_ID=eu-west-2_Developer1\nVITE_COGNITO_USER_POOL_CLIENT_ID=developersclientid\n';

  beforeAll(async () => {
    cwd = await createSandbox('provision');
    // The project's default env file, which no run with --env-file or --dry-run may touch.
    await writeFile(join(cwd, '.env.local'), developersEnv);
  });

  const envFile = async (path: string): Promise<Record<string, string>> =>
    Object.fromEntries(parseEnv(await readFile(join(cwd, path), 'utf8')));

  it(
    'the command of issue 11: --endpoint, --region and a relative --env-file write that file, not .env.local',
    SLOW,
    async () => {
      const exit = await npmRun(
        'provision',
        ['--endpoint', pool.url, '--region', 'us-east-1', '--env-file', 'other.env'],
        { cwd },
      );
      expectSuccess(exit);
      expect(exit.stdout).toContain(`User pool:   WildRydes ${POOL_ID} (reused)`);
      expect(await envFile('other.env')).toEqual({
        VITE_COGNITO_USER_POOL_ID: POOL_ID,
        VITE_COGNITO_USER_POOL_CLIENT_ID: CLIENT_ID,
        VITE_COGNITO_REGION: 'us-east-1',
        VITE_COGNITO_ENDPOINT: pool.url,
      });
      expect(await readFile(join(cwd, '.env.local'), 'utf8')).toBe(developersEnv);
    },
  );

  it('--pool-name, --client-name and --region create that pool and client, in that region', SLOW, async () => {
    const target = join(await tempDir('env'), 'created.env');
    const exit = await npmRun(
      'provision',
      [
        '--endpoint',
        pool.url,
        '--region',
        'ap-southeast-2',
        '--pool-name',
        'RidersCli',
        '--client-name',
        'RidersCliWeb',
        '--env-file',
        target,
      ],
      { cwd },
    );
    expectSuccess(exit);
    const env = Object.fromEntries(parseEnv(await readFile(target, 'utf8')));
    // The SDK signs for --region, and the pool creates the pool in the signed region.
    expect(env.VITE_COGNITO_USER_POOL_ID).toMatch(/^ap-southeast-2_[0-9A-Za-z]+$/);
    expect(env.VITE_COGNITO_REGION).toBe('ap-southeast-2');
    expect(exit.stdout).toContain(`User pool:   RidersCli ${env.VITE_COGNITO_USER_POOL_ID} (created)`);
    expect(exit.stdout).toContain(`App client:  RidersCliWeb ${env.VITE_COGNITO_USER_POOL_CLIENT_ID} (created)`);
    const described = await ok(pool.url, 'DescribeUserPoolClient', {
      UserPoolId: env.VITE_COGNITO_USER_POOL_ID,
      ClientId: env.VITE_COGNITO_USER_POOL_CLIENT_ID,
    });
    expect(described.UserPoolClient).toMatchObject({ ClientName: 'RidersCliWeb' });
    expect(await readFile(join(cwd, '.env.local'), 'utf8')).toBe(developersEnv);
  });

  it('--dry-run with --pool-id reports the plan and writes and creates nothing', SLOW, async () => {
    const created = await ok(pool.url, 'CreateUserPool', {
      PoolName: 'RidersDry',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
    });
    const poolId = (created.UserPool as { Id: string }).Id;
    const exit = await npmRun(
      'provision',
      [
        '--endpoint',
        pool.url,
        '--pool-id',
        poolId,
        '--client-name',
        'RidersDryWeb',
        '--env-file',
        'dry.env',
        '--dry-run',
      ],
      { cwd },
    );
    expectSuccess(exit);
    expect(exit.stdout).toContain('Dry run: nothing is created or written.');
    // A pool made without the riders' sign-in settings would be updated; the dry run only says so.
    expect(exit.stdout).toContain(
      `User pool:   would update RidersDry ${poolId} (UpdateUserPool with its current settings and: remembered devices on user opt-in)`,
    );
    expect(exit.stdout).toContain('MFA config:  would set OFF → OPTIONAL with an authenticator app');
    const after = (await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId })).UserPool as Record<string, unknown>;
    expect(after.DeviceConfiguration).toBeUndefined();
    expect(after.MfaConfiguration).toBe('OFF');
    expect(exit.stdout).toMatch(/^App client: {2}would create RidersDryWeb \(/m);
    expect(exit.stdout).toContain('Env file:    would set in dry.env: ');
    expect((await ok(pool.url, 'ListUserPoolClients', { UserPoolId: poolId, MaxResults: 60 })).UserPoolClients).toEqual(
      [],
    );
    expect(await readdir(cwd)).not.toContain('dry.env');
    expect(await readFile(join(cwd, '.env.local'), 'utf8')).toBe(developersEnv);
  });
});

describe('npm run users', () => {
  let cwd: string;

  beforeAll(async () => {
    // No env files: --endpoint alone means the local pool's default pool.
    cwd = await createSandbox('users');
  });

  it(
    'create --invite prints the temporary password, which the pool mails (and prints, without --quiet)',
    SLOW,
    async () => {
      const email = uniqueEmail('cli-create');
      const exit = await npmRun('users', ['create', email, '--invite', '--endpoint', pool.url], { cwd });
      expectSuccess(exit);
      expect(exit.stdout).toContain(
        `Created ${email} in user pool ${POOL_ID} at ${pool.url} (status FORCE_CHANGE_PASSWORD).`,
      );
      const password = /^Temporary password \(shown once\): (\S+)$/m.exec(exit.stdout)?.[1];
      expect(password).toBeDefined();
      const [invitation] = await mailTo(pool.url, email);
      expect(invitation?.text).toContain(password);
      await pool.waitFor(
        new RegExp(`^\\[local-cognito\\] mail to ${email.replace(/[.+]/g, '\\$&')}: Your temporary password`, 'm'),
      );
    },
  );

  it('confirm confirms a rider who signed up, with --region matching the pool', SLOW, async () => {
    const email = uniqueEmail('cli-confirm');
    await ok(pool.url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD });
    const exit = await npmRun('users', ['confirm', email, '--endpoint', pool.url, '--region', 'us-east-1'], { cwd });
    expectSuccess(exit);
    expect(exit.stdout).toBe(`Confirmed ${email} in user pool ${POOL_ID} at ${pool.url}; they can sign in now.\n`);
    expect(await userStatus(pool.url, POOL_ID, email)).toBe('CONFIRMED');
  });

  it('list --pool-id lists the riders of that pool', SLOW, async () => {
    const created = await ok(pool.url, 'CreateUserPool', { PoolName: 'RidersList', UsernameAttributes: ['email'] });
    const poolId = (created.UserPool as { Id: string }).Id;
    const email = uniqueEmail('cli-list');
    await ok(pool.url, 'AdminCreateUser', { UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS' });
    const exit = await npmRun('users', ['list', '--endpoint', pool.url, '--pool-id', poolId], { cwd });
    expectSuccess(exit);
    const lines = exit.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+STATUS\s+ENABLED\s+CREATED$/);
    expect(lines.slice(1, -1).map((line) => line.split(/\s{2,}/).slice(0, 3))).toEqual([
      [email, 'FORCE_CHANGE_PASSWORD', 'yes'],
    ]);
    expect(lines.at(-1)).toBe(`1 user in user pool ${poolId} at ${pool.url}.`);
  });

  it('reset-password makes the pool mail a reset code', SLOW, async () => {
    const email = uniqueEmail('cli-reset');
    await ok(pool.url, 'AdminCreateUser', {
      UserPoolId: POOL_ID,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    const exit = await npmRun('users', ['reset-password', email, '--endpoint', pool.url], { cwd });
    expectSuccess(exit);
    expect(exit.stdout).toMatch(
      new RegExp(`^Reset the password of ${email.replace(/[.+]/g, '\\$&')} in user pool ${POOL_ID} at `),
    );
    const [newest] = await mailTo(pool.url, email);
    expect(newest?.subject).toBe('Your Wild Rydes password reset code');
    expect(newest?.code).toMatch(/^\d{6}$/);
  });

  it('delete deletes; a missing rider is one line, exit 1, and --debug adds the stack', SLOW, async () => {
    const email = uniqueEmail('cli-delete');
    await ok(pool.url, 'AdminCreateUser', { UserPoolId: POOL_ID, Username: email, MessageAction: 'SUPPRESS' });
    const missing = uniqueEmail('cli-missing');
    const [deleted, gone, debug] = await Promise.all([
      npmRun('users', ['delete', email, '--endpoint', pool.url], { cwd }),
      npmRun('users', ['delete', missing, '--endpoint', pool.url], { cwd }),
      npmRun('users', ['delete', missing, '--endpoint', pool.url, '--debug'], { cwd }),
    ]);
    expectSuccess(deleted!);
    expect(deleted!.stdout).toBe(`Deleted ${email} from user pool ${POOL_ID} at ${pool.url}.\n`);
    expect(await userStatus(pool.url, POOL_ID, email)).toBe('UserNotFoundException');

    const line = `Error: No user ${missing} in user pool ${POOL_ID}.`;
    expectOneLine(gone!, 1, line);
    expect(debug!.code, shown(debug!)).toBe(1);
    expect(debug!.stderr.startsWith(`${line}\n`)).toBe(true);
    expect(debug!.stderr).toMatch(/\n\s+at /);
  });
});

describe('npm run cognito:local', () => {
  it('prints where it is; --region names the pools created without a SigV4 scope', async () => {
    expect(pool.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/$/);
    expect(pool.output()).toContain(
      `  user pool  ${POOL_ID}\n  app client ${CLIENT_ID}\n  mailbox    ${pool.url}mailbox\n`,
    );
    expect(pool.output()).toContain(
      `  JWKS       ${pool.url}${POOL_ID}/.well-known/jwks.json\n  data       ${poolDataDir}\n`,
    );
    const created = await ok(pool.url, 'CreateUserPool', { PoolName: 'Unsigned' });
    expect((created.UserPool as { Id: string }).Id).toMatch(/^eu-west-1_/);
  });

  it('--port names the port: a taken one is one line, exit 1', SLOW, async () => {
    // The test holds the port for the whole run, so no other process can take or free it.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const args = ['--port', String(port), '--data-dir', await tempDir('taken')];
      const exit = await npmRun('cognito:local', args, { cwd: await createSandbox('taken') });
      expectOneLine(exit, 1, `Port ${port} is already in use; pick another with --port.`);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it(
    'Ctrl-C and SIGTERM stop it cleanly; its --data-dir survives; LOCAL_COGNITO_DATA_DIR, --host and --quiet',
    SLOW,
    async () => {
      const cwd = await createSandbox('restart');
      const dataDir = await tempDir('restart');
      const first = await startPool(['--port', '0', '--data-dir', dataDir], { cwd });
      const rider = uniqueEmail('cli-restart');
      await ok(first.url, 'SignUp', { ClientId: CLIENT_ID, Username: rider, Password: PASSWORD });
      await first.waitFor(/^\[local-cognito\] mail to .*: Your Wild Rydes verification code: \d{6}$/m);
      // Ctrl-C in a terminal signals npm and the pool at once; the pool must still finish closing.
      const interrupted = await first.stop('SIGINT', 'group');
      expect(interrupted.code, shown(interrupted)).toBe(0);
      expect(interrupted.stderr).toBe('');
      expect(await readdir(dataDir)).not.toContain('pool.lock');

      const second = await startPool(['--port', '0', '--host', '127.0.0.2', '--quiet'], {
        cwd,
        env: shellEnv({ LOCAL_COGNITO_DATA_DIR: dataDir }),
      });
      // Linux routes all of 127.0.0.0/8 to the loopback interface; the URL is the bound address.
      expect(second.url).toMatch(/^http:\/\/127\.0\.0\.2:[1-9]\d*\/$/);
      expect(second.output()).toContain(`  data       ${dataDir}\n`);
      expect(await userStatus(second.url, POOL_ID, rider)).toBe('UNCONFIRMED');
      const quietRider = uniqueEmail('cli-quiet');
      await ok(second.url, 'SignUp', { ClientId: CLIENT_ID, Username: quietRider, Password: PASSWORD });
      expect(await mailTo(second.url, quietRider)).toHaveLength(1);
      const terminated = await second.stop('SIGTERM', 'npm');
      expect(terminated.code, shown(terminated)).toBe(0);
      expect(terminated.stderr).toBe('');
      expect(terminated.stdout).not.toContain('mail to');
      expect(await readdir(dataDir)).not.toContain('pool.lock');
    },
  );
});
