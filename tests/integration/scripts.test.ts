// `npm run provision` and `npm run users` end to end, without mocks: the CLIs' main() with the
// real SDK against the local pool in-process, then the rider's side with the real libraries
// (SDK SignUp, amazon-cognito-identity-js SRP sign-in).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningLocalCognito } from '../../local-cognito/index.ts';
import { startLocalCognito } from '../../local-cognito/index.ts';
import type { CliDeps } from '../../scripts/lib/cli.ts';
import { defaultEnvFs, parseEnv } from '../../scripts/lib/env-file.ts';
import { main as provision } from '../../scripts/lib/provision-cli.ts';
import { main as users } from '../../scripts/lib/users-cli.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

let pool: RunningLocalCognito;
let dataDir: string;
let workDir: string;
let sdk: CognitoIdentityProviderClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wildrydes-it-pool-'));
  workDir = await mkdtemp(join(tmpdir(), 'wildrydes-it-cwd-'));
  pool = await startLocalCognito({ dataDir, quiet: true });
  sdk = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: pool.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  sdk?.destroy();
  await pool?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

/** Runs a CLI's main() as `npm run …` would, in `cwd`, with an empty environment. */
async function run(
  cli: (argv: string[], deps: CliDeps) => Promise<number>,
  argv: string[],
  cwd = workDir,
): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await cli(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    env: {},
    cwd,
    createClient: (config) => new CognitoIdentityProviderClient(config),
    fs: defaultEnvFs,
  });
  return { code, stdout, stderr };
}

async function envOf(dir: string, file = '.env.local'): Promise<Record<string, string>> {
  return Object.fromEntries(parseEnv(await readFile(join(dir, file), 'utf8')));
}

function signIn(
  poolId: string,
  clientId: string,
  email: string,
  password: string,
): Promise<CognitoUserSession | 'new-password-required'> {
  const userPool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: pool.url });
  const user = new CognitoUser({ Username: email, Pool: userPool });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => resolve('new-password-required'),
    });
  });
}

const claims = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('provision against the local pool', () => {
  it('finds the local default pool and app client by name and reuses them', async () => {
    const first = await run(provision, ['--endpoint', pool.url]);
    expect(first.stderr).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`User pool:   WildRydes ${pool.poolId} (reused)`);
    expect(first.stdout).toContain(`App client:  WildRydesWebApp ${pool.clientId} (reused)`);
    expect(await envOf(workDir)).toEqual({
      VITE_COGNITO_USER_POOL_ID: pool.poolId,
      VITE_COGNITO_USER_POOL_CLIENT_ID: pool.clientId,
      VITE_COGNITO_REGION: 'us-east-1',
      VITE_COGNITO_ENDPOINT: pool.url,
    });
  });
});

describe('provision updates an older pool', () => {
  it('adds remembered devices and the authenticator app, keeps its own settings, then changes nothing', async () => {
    const created = await sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'WildRydesOlder',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Policies: { PasswordPolicy: { MinimumLength: 14 } },
        UserPoolTags: { team: 'rides' },
      }),
    );
    const poolId = created.UserPool!.Id!;
    const dir = join(workDir, 'older');
    await mkdir(dir);
    const argv = ['--endpoint', pool.url, '--pool-id', poolId];
    const first = await run(provision, argv, dir);
    expect(first.stderr).toEqual([]);
    expect(first.stdout).toContain(
      `User pool:   WildRydesOlder ${poolId} (updated: remembered devices on user opt-in)`,
    );
    expect(first.stdout).toContain('MFA config:  set OFF → OPTIONAL with an authenticator app');
    const described = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(described).toMatchObject({
      Name: 'WildRydesOlder',
      MfaConfiguration: 'OPTIONAL',
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      Policies: { PasswordPolicy: { MinimumLength: 14 } },
      UserPoolTags: { team: 'rides' },
    });
    const second = await run(provision, argv, dir);
    expect(second.stdout).toContain(`User pool:   WildRydesOlder ${poolId} (reused)`);
    expect(second.stdout).toContain('MFA config:  unchanged');
  });
});

describe('a provisioned pool, end to end', () => {
  // Each test gets its own site directory and its own freshly provisioned pool, so none depends on
  // what another test left behind (and each can run alone).
  let site = 0;
  let cwd: () => string;
  let argv: string[];
  let first: Run;
  let poolId: string;
  let clientId: string;
  const rider = 'Rider.One@Example.com';
  const password = 'Corr3ct-Horse!';

  beforeEach(async () => {
    const dir = join(workDir, `site-${++site}`);
    cwd = () => dir;
    await mkdir(dir);
    argv = ['--endpoint', pool.url, '--pool-name', `WildRydesIT${site}`, '--client-name', `WildRydesWebAppIT${site}`];
    first = await run(provision, argv, dir);
    ({ VITE_COGNITO_USER_POOL_ID: poolId, VITE_COGNITO_USER_POOL_CLIENT_ID: clientId } = await envOf(dir));
  });

  /** A rider who signed up and was confirmed by an operator (so the address is still unverified). */
  async function confirmedRider(): Promise<void> {
    const attributes = [{ Name: 'email', Value: rider }];
    await sdk.send(
      new SignUpCommand({ ClientId: clientId, Username: rider, Password: password, UserAttributes: attributes }),
    );
    await sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: rider }));
  }

  it('creates a new pool and client, then a second run changes nothing', async () => {
    expect(first.stderr).toEqual([]);
    expect(first.code).toBe(0);
    const env = await envOf(cwd());
    expect(poolId).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(env.VITE_COGNITO_ENDPOINT).toBe(pool.url);
    expect(first.stdout).toContain(`User pool:   WildRydesIT${site} ${poolId} (created)`);
    expect(first.stdout).toContain(`App client:  WildRydesWebAppIT${site} ${clientId} (created)`);

    const fileBefore = await readFile(join(cwd(), '.env.local'), 'utf8');
    const second = await run(provision, argv, cwd());
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`User pool:   WildRydesIT${site} ${poolId} (reused)`);
    expect(second.stdout).toContain(`App client:  WildRydesWebAppIT${site} ${clientId} (reused)`);
    expect(second.stdout).toContain('Env file:    .env.local already up to date');
    expect(await readFile(join(cwd(), '.env.local'), 'utf8')).toBe(fileBefore);

    const pools = await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    expect(pools.UserPools?.filter((p) => p.Name === `WildRydesIT${site}`)).toHaveLength(1);
    const described = await sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(described.UserPoolClient?.ClientSecret).toBeUndefined();
    expect(described.UserPoolClient?.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    const describedPool = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(describedPool.UserPool?.UsernameAttributes).toEqual(['email']);
  });

  it('an unconfirmed rider becomes able to sign in with SRP after `users confirm`', async () => {
    const signUp = await sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: rider,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: rider }],
      }),
    );
    expect(signUp.UserConfirmed).toBe(false);
    await expect(signIn(poolId, clientId, rider, password)).rejects.toMatchObject({
      code: 'UserNotConfirmedException',
    });

    // No flags: pool, region and endpoint come from the .env.local that provision wrote.
    const confirmed = await run(users, ['confirm', rider.toLowerCase()], cwd());
    expect(confirmed.stderr).toEqual([]);
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toEqual([
      `Confirmed ${rider.toLowerCase()} in user pool ${poolId} at ${pool.url}; they can sign in now.`,
    ]);

    const session = await signIn(poolId, clientId, rider, password);
    expect(session).not.toBe('new-password-required');
    const id = claims((session as CognitoUserSession).getIdToken().getJwtToken());
    expect(id.iss).toBe(`${pool.url.replace(/\/$/, '')}/${poolId}`);
    expect(id.aud).toBe(clientId);
    expect(String(id.email).toLowerCase()).toBe(rider.toLowerCase());

    const again = await run(users, ['confirm', rider], cwd());
    expect(again.code).toBe(0);
    expect(again.stdout[0]).toMatch(/is already confirmed/);
  });

  it('list, create (temporary password works), delete', async () => {
    await confirmedRider();
    const created = await run(users, ['create', 'second@example.com'], cwd());
    expect(created.stderr).toEqual([]);
    expect(created.code).toBe(0);
    const temporary = /^Temporary password \(shown once\): (\S+)$/.exec(created.stdout[1]!)?.[1];
    expect(temporary).toBeDefined();
    expect(await signIn(poolId, clientId, 'second@example.com', temporary!)).toBe('new-password-required');
    const notConfirmable = await run(users, ['confirm', 'second@example.com'], cwd());
    expect(notConfirmable.code).toBe(1);
    expect(notConfirmable.stderr).toEqual([
      'Error: second@example.com cannot be confirmed: their status is FORCE_CHANGE_PASSWORD; ' +
        'only riders who signed up and have not entered their code (UNCONFIRMED) can be.',
    ]);

    const listed = await run(users, ['list'], cwd());
    expect(listed.code).toBe(0);
    expect(listed.stdout[0]).toMatch(/^EMAIL\s+STATUS\s+ENABLED\s+CREATED$/);
    const rows = listed.stdout.slice(1, -1).map((line) => line.split(/\s{2,}/));
    expect(rows.map((r) => [r[0]!.toLowerCase(), r[1], r[2]]).sort()).toEqual([
      [rider.toLowerCase(), 'CONFIRMED', 'yes'],
      ['second@example.com', 'FORCE_CHANGE_PASSWORD', 'yes'],
    ]);
    expect(listed.stdout.at(-1)).toBe(`2 users in user pool ${poolId} at ${pool.url}.`);

    const duplicate = await run(users, ['create', 'second@example.com'], cwd());
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toEqual([
      `Error: A user with email second@example.com already exists in user pool ${poolId}.`,
    ]);

    const deleted = await run(users, ['delete', 'second@example.com'], cwd());
    expect(deleted.code).toBe(0);
    const gone = await run(users, ['delete', 'second@example.com'], cwd());
    expect(gone.code).toBe(1);
    expect(gone.stderr).toEqual([`Error: No user second@example.com in user pool ${poolId}.`]);
    expect((await run(users, ['list'], cwd())).stdout.at(-1)).toBe(`1 user in user pool ${poolId} at ${pool.url}.`);
  });

  it('reset-password: refused with a clear line for an unverified address, works for a created rider', async () => {
    // AdminConfirmSignUp confirms the account but leaves email_verified false, as in Cognito.
    await confirmedRider();
    const unverified = await run(users, ['reset-password', rider], cwd());
    expect(unverified.code).toBe(1);
    expect(unverified.stderr).toEqual([
      `Error: ${rider} has no verified email address, so Cognito cannot send a reset code ` +
        '(`users confirm` confirms the account but does not verify the address); ' +
        're-create them with `users delete` and `users create`, which marks the address verified.',
    ]);

    const created = await run(users, ['create', 'third@example.com'], cwd());
    expect(created.code).toBe(0);
    const temporary = /^Temporary password \(shown once\): (\S+)$/.exec(created.stdout[1]!)![1]!;
    const reset = await run(users, ['reset-password', 'third@example.com'], cwd());
    expect(reset.stderr).toEqual([]);
    expect(reset.code).toBe(0);
    await expect(signIn(poolId, clientId, 'third@example.com', temporary)).rejects.toMatchObject({
      code: 'PasswordResetRequiredException',
    });
  });

  it('an unknown pool at the endpoint is one line, exit 1', async () => {
    const result = await run(users, ['list', '--endpoint', pool.url, '--pool-id', 'us-east-1_Nope12345']);
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      `Error: User pool us-east-1_Nope12345 not found at ${pool.url}; check --pool-id / VITE_COGNITO_USER_POOL_ID and --region.`,
    ]);
  });
});
