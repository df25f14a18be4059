import 'aws-sdk-client-mock-vitest/extend';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  TooManyRequestsException,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../../scripts/lib/aws.ts';
import { defaultEnvFs } from '../../../scripts/lib/env-file.ts';
import { NO_CREDENTIALS } from '../../../scripts/lib/errors.ts';
import { main, PROVISION_USAGE } from '../../../scripts/lib/provision-cli.ts';
import { FakeCognito } from './fake-cognito.ts';
import type { Harness } from './helpers.ts';
import { harness, text } from './helpers.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const expectNoWrites = (): void => {
  expect(cognito).not.toHaveReceivedCommand(CreateUserPoolCommand);
  expect(cognito).not.toHaveReceivedCommand(CreateUserPoolClientCommand);
  expect(cognito).not.toHaveReceivedCommand(UpdateUserPoolCommand);
  expect(cognito).not.toHaveReceivedCommand(UpdateUserPoolClientCommand);
  expect(cognito).not.toHaveReceivedCommand(SetUserPoolMfaConfigCommand);
};

let h: Harness;
let fake: FakeCognito;

beforeEach(async () => {
  cognito.reset();
  fake = new FakeCognito();
  fake.install(cognito);
  h = await harness();
});
afterEach(() => h.cleanup());

const envFile = (): Promise<string> => readFile(join(h.dir, '.env.local'), 'utf8');

describe('provision: a fresh account', () => {
  it('creates the pool and app client with the settings the site needs and writes .env.local', async () => {
    expect(await main([], h.deps)).toBe(0);

    expect(cognito.commandCalls(CreateUserPoolCommand).map((c) => c.args[0].input)).toEqual([
      {
        PoolName: 'WildRydes',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Policies: {
          PasswordPolicy: {
            MinimumLength: 8,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 7,
          },
        },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
        MfaConfiguration: 'OFF',
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
        DeletionProtection: 'ACTIVE',
      },
    ]);
    expect(cognito.commandCalls(SetUserPoolMfaConfigCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: fake.pools[0]!.Id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
    ]);
    const poolId = fake.pools[0]!.Id!;
    expect(cognito.commandCalls(CreateUserPoolClientCommand).map((c) => c.args[0].input)).toEqual([
      {
        UserPoolId: poolId,
        ClientName: 'WildRydesWebApp',
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        EnableTokenRevocation: true,
        AccessTokenValidity: 60,
        IdTokenValidity: 60,
        RefreshTokenValidity: 30,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
        AuthSessionValidity: 3,
      },
    ]);
    expect(cognito).toHaveReceivedCommandWith(ListUserPoolsCommand, { MaxResults: 60 });

    const clientId = fake.clients[0]!.ClientId!;
    expect(await envFile()).toBe(
      [
        '# Cognito user pool for the rider site (written by `npm run provision`)',
        `VITE_COGNITO_USER_POOL_ID=${poolId}`,
        `VITE_COGNITO_USER_POOL_CLIENT_ID=${clientId}`,
        'VITE_COGNITO_REGION=us-east-1',
        '',
      ].join('\n'),
    );
    expect(h.stdout).toEqual([
      'Region:      us-east-1',
      `User pool:   WildRydes ${poolId} (created)`,
      'MFA config:  set OPTIONAL with an authenticator app',
      `App client:  WildRydesWebApp ${clientId} (created)`,
      'Env file:    wrote VITE_COGNITO_USER_POOL_ID, VITE_COGNITO_USER_POOL_CLIENT_ID, VITE_COGNITO_REGION to .env.local',
      'Note:        Cognito sends emails from its default sender (limited to 50 a day); use Amazon SES for production.',
      'Next:        npm run dev (to try it) or npm run build (to build the site for this pool).',
    ]);
    expect(h.stderr).toEqual([]);
  });

  it('uses the SDK default credential chain, explicit retries and us-east-1 for real AWS', async () => {
    expect(await main([], h.deps)).toBe(0);
    expect(h.configs).toEqual([{ region: 'us-east-1', maxAttempts: MAX_ATTEMPTS }]);
  });

  it('takes the region from --region, else AWS_REGION, else AWS_DEFAULT_REGION', async () => {
    h.deps.env = { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-central-1' };
    await main(['--region', 'ap-southeast-2', '--dry-run'], h.deps);
    await main(['--dry-run'], h.deps);
    h.deps.env = { AWS_DEFAULT_REGION: 'eu-central-1' };
    await main(['--dry-run'], h.deps);
    expect(h.configs.map((c) => c.region)).toEqual(['ap-southeast-2', 'eu-west-1', 'eu-central-1']);
  });

  it('honours --pool-name, --client-name and --env-file', async () => {
    expect(
      await main(
        ['--pool-name', 'Riders', '--client-name', 'Site', '--env-file', 'config/.env.production.local'],
        h.deps,
      ),
    ).toBe(1);
    // config/ does not exist: the write fails cleanly, after creating the resources.
    expect(text(h.stderr)).toMatch(
      /^Error: Could not write .*config\/\.env\.production\.local \(ENOENT.*\); it was left unchanged\.$/,
    );
    expect(cognito).toHaveReceivedCommandWith(CreateUserPoolCommand, { PoolName: 'Riders' });
    expect(cognito).toHaveReceivedCommandWith(CreateUserPoolClientCommand, { ClientName: 'Site' });

    h.stderr.length = 0;
    expect(await main(['--pool-name', 'Riders', '--client-name', 'Site', '--env-file', 'prod.env'], h.deps)).toBe(0);
    expect(await readFile(join(h.dir, 'prod.env'), 'utf8')).toContain(`VITE_COGNITO_USER_POOL_ID=${fake.pools[0]!.Id}`);
    expect(cognito).toHaveReceivedCommandTimes(CreateUserPoolCommand, 1);
  });
});

describe('provision: idempotency', () => {
  it('a second run creates nothing and leaves the env file as it is', async () => {
    expect(await main([], h.deps)).toBe(0);
    const first = await envFile();
    cognito.resetHistory();
    h.stdout.length = 0;

    expect(await main([], h.deps)).toBe(0);
    expectNoWrites();
    expect(await envFile()).toBe(first);
    expect(fake.pools).toHaveLength(1);
    expect(fake.clients).toHaveLength(1);
    expect(h.stdout).toContain(`User pool:   WildRydes ${fake.pools[0]!.Id} (reused)`);
    expect(h.stdout).toContain(`App client:  WildRydesWebApp ${fake.clients[0]!.ClientId} (reused)`);
    expect(h.stdout).toContain('Env file:    .env.local already up to date');
  });

  it('finds the pool on a later page of ListUserPools and checks it with DescribeUserPool', async () => {
    for (let i = 0; i < 5; i++) fake.addPool({ Name: `Other${i}` });
    const pool = fake.addRiderPool({ Name: 'WildRydes' });
    const appClient = fake.addClient({ UserPoolId: pool.Id!, ClientName: 'WildRydesWebApp' });
    for (let i = 0; i < 3; i++) fake.addClient({ UserPoolId: pool.Id!, ClientName: `Other${i}` });

    expect(await main([], h.deps)).toBe(0);
    expect(cognito.commandCalls(ListUserPoolsCommand).map((c) => c.args[0].input)).toEqual([
      { MaxResults: 60 },
      { MaxResults: 60, NextToken: '2' },
      { MaxResults: 60, NextToken: '4' },
    ]);
    expect(cognito.commandCalls(ListUserPoolClientsCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: pool.Id, MaxResults: 60 },
      { UserPoolId: pool.Id, MaxResults: 60, NextToken: '2' },
    ]);
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(DescribeUserPoolCommand, { UserPoolId: pool.Id });
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(DescribeUserPoolClientCommand, {
      UserPoolId: pool.Id,
      ClientId: appClient.ClientId,
    });
    expectNoWrites();
    expect(await envFile()).toContain(`VITE_COGNITO_USER_POOL_CLIENT_ID=${appClient.ClientId}`);
  });

  it('reuses an existing pool and adds the missing app client', async () => {
    const pool = fake.addRiderPool({ Name: 'WildRydes' });
    expect(await main([], h.deps)).toBe(0);
    expect(cognito).not.toHaveReceivedCommand(CreateUserPoolCommand);
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(CreateUserPoolClientCommand, {
      UserPoolId: pool.Id,
      ClientName: 'WildRydesWebApp',
      GenerateSecret: false,
    });
    expect(h.stdout[1]).toBe(`User pool:   WildRydes ${pool.Id} (reused)`);
  });

  it('keeps the other lines of an existing env file', async () => {
    await writeFile(
      join(h.dir, '.env.local'),
      '# mine\nVITE_SITE_TITLE=Rydes\nVITE_COGNITO_USER_POOL_ID=us-west-2_Old000000\n',
    );
    expect(await main([], h.deps)).toBe(0);
    expect(await envFile()).toBe(
      [
        '# mine',
        'VITE_SITE_TITLE=Rydes',
        `VITE_COGNITO_USER_POOL_ID=${fake.pools[0]!.Id}`,
        '',
        '# Cognito user pool for the rider site (written by `npm run provision`)',
        `VITE_COGNITO_USER_POOL_CLIENT_ID=${fake.clients[0]!.ClientId}`,
        'VITE_COGNITO_REGION=us-east-1',
        '',
      ].join('\n'),
    );
  });
});

describe('provision: existing resources the site cannot use', () => {
  it('refuses an app client with a secret and says how to fix it', async () => {
    const pool = fake.addPool({ Name: 'WildRydes' });
    const bad = fake.addClient({ UserPoolId: pool.Id!, ClientName: 'WildRydesWebApp', ClientSecret: 's3cr3t' });
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: App client WildRydesWebApp (${bad.ClientId}) in ${pool.Id} has a client secret, which the browser sign-in library cannot use; ` +
        `delete it (aws cognito-idp delete-user-pool-client --user-pool-id ${pool.Id} --client-id ${bad.ClientId}) and re-run, or choose another --client-name.`,
    ]);
    expectNoWrites();
    expect(await readdir(h.dir)).toEqual([]);
  });

  it('refuses an app client without ALLOW_USER_SRP_AUTH', async () => {
    const pool = fake.addPool({ Name: 'WildRydes' });
    fake.addClient({
      UserPoolId: pool.Id!,
      ClientName: 'WildRydesWebApp',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    expect(await main([], h.deps)).toBe(1);
    expect(text(h.stderr)).toMatch(
      /^Error: App client WildRydesWebApp \(\w+\) in us-east-1_\w+ does not allow ALLOW_USER_SRP_AUTH, the sign-in flow the site uses; enable it/,
    );
    expect(h.stderr).toHaveLength(1);
    expect(await readdir(h.dir)).toEqual([]);
  });

  it('refuses a pool found by name that does not use email as the username', async () => {
    const pool = fake.addPool({ Name: 'WildRydes', UsernameAttributes: undefined });
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: User pool WildRydes (${pool.Id}) does not use the email address as the username (UsernameAttributes is []), ` +
        'which cannot be changed after creation; choose another --pool-name to create a new pool, or delete this one and re-run.',
    ]);
    expect(cognito).not.toHaveReceivedCommand(ListUserPoolClientsCommand);
  });

  it('refuses two pools with the same name and asks for --pool-id', async () => {
    const a = fake.addPool({ Name: 'WildRydes' });
    fake.addPool({ Name: 'Other' });
    const b = fake.addPool({ Name: 'WildRydes' });
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: 2 user pools are named WildRydes (${a.Id}, ${b.Id}); pass --pool-id to choose one.`,
    ]);
    expect(cognito).not.toHaveReceivedCommand(DescribeUserPoolCommand);
  });

  it('--pool-id picks one of them without listing pools', async () => {
    fake.addPool({ Name: 'WildRydes' });
    const b = fake.addPool({ Name: 'WildRydes' });
    expect(await main(['--pool-id', b.Id!], h.deps)).toBe(0);
    expect(cognito).not.toHaveReceivedCommand(ListUserPoolsCommand);
    expect(cognito).toHaveReceivedCommandWith(CreateUserPoolClientCommand, { UserPoolId: b.Id });
    expect(h.configs[0]!.region).toBe('us-east-1');
  });

  it('refuses two app clients with the same name', async () => {
    const pool = fake.addPool({ Name: 'WildRydes' });
    const c1 = fake.addClient({ UserPoolId: pool.Id!, ClientName: 'WildRydesWebApp' });
    const c2 = fake.addClient({ UserPoolId: pool.Id!, ClientName: 'WildRydesWebApp' });
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: 2 app clients in ${pool.Id} are named WildRydesWebApp (${c1.ClientId}, ${c2.ClientId}); delete the extra ones or choose another --client-name.`,
    ]);
  });

  it('warns about a reused pool where riders cannot sign up themselves', async () => {
    const pool = fake.addPool({
      Name: 'WildRydes',
      AutoVerifiedAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    expect(await main([], h.deps)).toBe(0);
    expect(h.stderr).toEqual([
      `Warning: User pool ${pool.Id} allows only administrators to create users, so riders cannot register themselves.`,
    ]);
  });
});

describe('provision --dry-run', () => {
  it('prints the plan for a fresh account and calls only read APIs', async () => {
    expect(await main(['--dry-run'], h.deps)).toBe(0);
    const called = cognito.calls().map((c) => c.args[0].constructor.name);
    expect(called).toEqual(['ListUserPoolsCommand']);
    expect(await readdir(h.dir)).toEqual([]);
    expect(h.stdout).toEqual([
      'Dry run: nothing is created or written.',
      'Region:      us-east-1',
      'User pool:   would create WildRydes (username email (case-insensitive); auto-verified email (CONFIRM_WITH_CODE); ' +
        'passwords ≥ 8 with upper, lower, number, symbol; self sign-up on; recovery by verified_email; deletion protection ACTIVE; ' +
        'remembered devices on user opt-in)',
      'MFA config:  would set OPTIONAL with an authenticator app',
      'App client:  would create WildRydesWebApp (no secret; flows ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH; ' +
        'PreventUserExistenceErrors ENABLED; token revocation on; ID/access tokens 60/60 minutes, refresh 30 days)',
      'Env file:    would set in .env.local: VITE_COGNITO_USER_POOL_ID=<new pool ID> VITE_COGNITO_USER_POOL_CLIENT_ID=<new client ID> ' +
        'VITE_COGNITO_REGION=us-east-1 (remove VITE_COGNITO_ENDPOINT)',
    ]);
  });

  it('reports what it would reuse, with only List*/Describe* calls', async () => {
    const pool = fake.addPool({ Name: 'WildRydes' });
    const appClient = fake.addClient({ UserPoolId: pool.Id!, ClientName: 'WildRydesWebApp' });
    expect(await main(['--dry-run', '--endpoint', 'http://127.0.0.1:5173/__cognito/'], h.deps)).toBe(0);
    const called = new Set(cognito.calls().map((c) => c.args[0].constructor.name));
    expect([...called].sort()).toEqual([
      'DescribeUserPoolClientCommand',
      'DescribeUserPoolCommand',
      'GetUserPoolMfaConfigCommand',
      'ListUserPoolClientsCommand',
      'ListUserPoolsCommand',
    ]);
    expect(h.stdout.slice(2)).toEqual([
      `User pool:   would update WildRydes ${pool.Id} (UpdateUserPool with its current settings and: remembered devices on user opt-in)`,
      'MFA config:  would set OFF → OPTIONAL with an authenticator app',
      `App client:  would reuse WildRydesWebApp ${appClient.ClientId}`,
      `Env file:    would set in .env.local: VITE_COGNITO_USER_POOL_ID=${pool.Id} VITE_COGNITO_USER_POOL_CLIENT_ID=${appClient.ClientId} ` +
        'VITE_COGNITO_REGION=us-east-1 VITE_COGNITO_ENDPOINT=http://127.0.0.1:5173/__cognito/',
    ]);
    expect(await readdir(h.dir)).toEqual([]);
  });
});

describe('provision --endpoint', () => {
  it('uses dummy credentials for a loopback endpoint and writes VITE_COGNITO_ENDPOINT', async () => {
    expect(await main(['--endpoint', 'http://127.0.0.1:5173/__cognito/'], h.deps)).toBe(0);
    expect(h.configs).toEqual([
      {
        region: 'us-east-1',
        maxAttempts: MAX_ATTEMPTS,
        endpoint: 'http://127.0.0.1:5173/__cognito/',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
    ]);
    expect(await envFile()).toContain('\nVITE_COGNITO_ENDPOINT=http://127.0.0.1:5173/__cognito/\n');
    expect(h.stdout[0]).toBe('Region:      us-east-1 (at http://127.0.0.1:5173/__cognito/)');
    expect(text(h.stdout)).not.toContain('SES');
  });

  it('keeps configured credentials and treats localhost and [::1] as loopback, other hosts not', async () => {
    h.deps.env = { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'x' };
    await main(['--dry-run', '--endpoint', 'http://localhost:9229/'], h.deps);
    h.deps.env = {};
    await main(['--dry-run', '--endpoint', 'http://[::1]:9229/'], h.deps);
    await main(['--dry-run', '--endpoint', 'https://cognito.example.com/'], h.deps);
    expect(h.configs.map((c) => c.credentials)).toEqual([
      undefined,
      { accessKeyId: 'local', secretAccessKey: 'local' },
      undefined,
    ]);
  });

  it('removes a stale VITE_COGNITO_ENDPOINT when provisioning real AWS', async () => {
    await writeFile(join(h.dir, '.env.local'), 'VITE_COGNITO_ENDPOINT=http://127.0.0.1:5173/__cognito/\nA=1\n');
    expect(await main([], h.deps)).toBe(0);
    const content = await envFile();
    expect(content).not.toContain('VITE_COGNITO_ENDPOINT');
    expect(content.startsWith('A=1\n')).toBe(true);
  });

  it('warns when the shell environment overrides what it wrote', async () => {
    h.deps.env = { VITE_COGNITO_ENDPOINT: '/__cognito/' };
    expect(await main([], h.deps)).toBe(0);
    expect(h.stderr).toEqual([
      'Warning: VITE_COGNITO_ENDPOINT is set in your environment and overrides .env.local for Vite; unset it.',
    ]);
  });
});

describe('provision: errors', () => {
  const serviceError = (name: string, message: string): CognitoIdentityProviderServiceException =>
    new CognitoIdentityProviderServiceException({
      name,
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message,
    });

  it('missing credentials → one line, exit 1', async () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    cognito.on(ListUserPoolsCommand).rejects(error);
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([`Error: ${NO_CREDENTIALS}`]);
    expect(NO_CREDENTIALS).toMatch(/^No AWS credentials found — /);
  });

  it('AccessDenied names the IAM action of the call that failed', async () => {
    cognito
      .on(CreateUserPoolCommand)
      .rejects(
        serviceError(
          'AccessDeniedException',
          'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cognito-idp:CreateUserPool',
        ),
      );
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: Access denied: your AWS identity is not allowed to call cognito-idp:CreateUserPool; add that action to its IAM policy.',
    ]);
    expect(await readdir(h.dir)).toEqual([]);
  });

  it('AccessDenied on a later call names that call and the pool', async () => {
    const pool = fake.addPool({ Name: 'WildRydes' });
    cognito.on(ListUserPoolClientsCommand).rejects(serviceError('AccessDeniedException', 'not authorized'));
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: Access denied: your AWS identity is not allowed to call cognito-idp:ListUserPoolClients; add that action to its IAM policy.',
    ]);
    expect(pool.Id).toBeDefined();
  });

  it('an unknown --pool-id → not found, exit 1', async () => {
    expect(await main(['--pool-id', 'eu-west-1_Missing12'], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: User pool eu-west-1_Missing12 not found in eu-west-1; check --pool-id / VITE_COGNITO_USER_POOL_ID and --region.',
    ]);
    expect(h.configs[0]!.region).toBe('eu-west-1');
  });

  it('throttling after the SDK retries → one line, exit 1', async () => {
    cognito.on(ListUserPoolsCommand).rejects(
      new TooManyRequestsException({
        message: 'Rate exceeded',
        $metadata: { attempts: MAX_ATTEMPTS, httpStatusCode: 400 },
      }),
    );
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: Cognito is throttling ListUserPools requests (TooManyRequestsException) and refused ${MAX_ATTEMPTS} attempts; wait a minute and run the command again.`,
    ]);
  });

  it('a --region that disagrees with --pool-id is a usage error (exit 2) before any call', async () => {
    expect(await main(['--pool-id', 'us-east-1_AbC123xyz', '--region', 'eu-west-1'], h.deps)).toBe(2);
    expect(h.stderr).toEqual([
      'Error: --region eu-west-1 does not match the user pool ID us-east-1_AbC123xyz (from --pool-id), which is in us-east-1.',
    ]);
    expect(cognito.calls()).toHaveLength(0);
  });

  it.each([
    [['--bogus'], "Error: Unknown option '--bogus'. Run `npm run provision -- --help` for usage."],
    [['--region'], "Error: Option '--region <value>' argument missing. Run `npm run provision -- --help` for usage."],
    [['extra'], 'Error: Unexpected argument "extra". Run `npm run provision -- --help` for usage.'],
    [['--region', 'mars'], 'Error: --region "mars" is not an AWS region name (e.g. us-east-1).'],
    [
      ['--pool-id', 'nope'],
      'Error: --pool-id "nope" is not a user pool ID; expected <region>_<id>, e.g. us-east-1_AbC123xyz.',
    ],
    [
      ['--endpoint', '/__cognito/'],
      'Error: --endpoint "/__cognito/" is a path the site resolves in the browser; pass --endpoint http://127.0.0.1:5173/__cognito/ to use the local pool of `npm run dev`.',
    ],
    [['--pool-name', ''], 'Error: --pool-name needs a value.'],
  ])('usage error %j → exit 2', async (argv, message) => {
    expect(await main(argv, h.deps)).toBe(2);
    expect(h.stderr).toEqual([message]);
    expect(cognito.calls()).toHaveLength(0);
  });

  it('an unexpected error prints its message and the --debug hint; --debug adds the stack', async () => {
    cognito.on(ListUserPoolsCommand).rejects(serviceError('InternalErrorException', 'Something broke.'));
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: ListUserPools failed — InternalErrorException: Something broke. (re-run with --debug for the stack trace).',
    ]);
    h.stderr.length = 0;
    expect(await main(['--debug'], h.deps)).toBe(1);
    expect(h.stderr).toHaveLength(2);
    expect(h.stderr[1]).toMatch(/^CognitoCallError: ListUserPools: Something broke\.\n\s+at /);
    expect(h.stderr[1]).toContain('Caused by: InternalErrorException: Something broke.');
  });

  it('a failing env-file write leaves the old file intact and exits 1', async () => {
    await writeFile(join(h.dir, '.env.local'), 'A=1\n');
    h.deps.fs = {
      ...defaultEnvFs,
      rename: async () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      },
    };
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: Could not write ${join(h.dir, '.env.local')} (EACCES: permission denied); it was left unchanged.`,
    ]);
    expect(await envFile()).toBe('A=1\n');
    expect(await readdir(h.dir)).toEqual(['.env.local']);
  });
});

describe('provision --help', () => {
  it('prints the usage and exits 0 without calling AWS', async () => {
    expect(await main(['--help'], h.deps)).toBe(0);
    expect(h.stdout).toEqual([PROVISION_USAGE]);
    for (const option of [
      '--region',
      '--pool-name',
      '--client-name',
      '--pool-id',
      '--endpoint',
      '--env-file',
      '--dry-run',
      '--debug',
    ]) {
      expect(PROVISION_USAGE).toContain(option);
    }
    expect(cognito.calls()).toHaveLength(0);
    expect(h.configs).toHaveLength(0);
  });
});
