import 'aws-sdk-client-mock-vitest/extend';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdminCreateUserCommandInput, UserType } from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminResetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  ListUsersCommand,
  NotAuthorizedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../../scripts/lib/aws.ts';
import { NO_CREDENTIALS } from '../../../scripts/lib/errors.ts';
import { main, USERS_USAGE } from '../../../scripts/lib/users-cli.ts';
import { generateTemporaryPassword } from '../../../shared/temporary-password.ts';
import type { Harness } from './helpers.ts';
import { harness, text } from './helpers.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = 'eu-west-1_AbC123xyz';
const LOCAL = 'http://127.0.0.1:5173/__cognito/';
const at = ['--pool-id', POOL];

let h: Harness;
beforeEach(async () => {
  cognito.reset();
  h = await harness();
});
afterEach(() => h.cleanup());

const user = (email: string, status: string, created: string, enabled = true): UserType => ({
  Username: crypto.randomUUID(),
  Attributes: [
    { Name: 'sub', Value: 'x' },
    { Name: 'email', Value: email },
  ],
  UserStatus: status as UserType['UserStatus'],
  Enabled: enabled,
  UserCreateDate: new Date(created),
});

describe('users list', () => {
  it('pages through ListUsers and prints a table', async () => {
    cognito
      .on(ListUsersCommand)
      .resolvesOnce({ Users: [user('ann@example.com', 'CONFIRMED', '2025-01-02T03:04:05Z')], PaginationToken: 'p2' })
      .resolvesOnce({ Users: [user('bob.longer@example.com', 'UNCONFIRMED', '2025-02-03T10:20:30Z', false)] });
    expect(await main(['list', ...at], h.deps)).toBe(0);
    expect(cognito.commandCalls(ListUsersCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Limit: 60 },
      { UserPoolId: POOL, Limit: 60, PaginationToken: 'p2' },
    ]);
    expect(h.stdout).toEqual([
      'EMAIL                   STATUS       ENABLED  CREATED',
      'ann@example.com         CONFIRMED    yes      2025-01-02 03:04 UTC',
      'bob.longer@example.com  UNCONFIRMED  no       2025-02-03 10:20 UTC',
      `2 users in user pool ${POOL} (eu-west-1).`,
    ]);
    expect(h.configs).toEqual([{ region: 'eu-west-1', maxAttempts: MAX_ATTEMPTS }]);
  });

  it('says so when the pool has no users', async () => {
    cognito.on(ListUsersCommand).resolves({ Users: [] });
    expect(await main(['list', ...at], h.deps)).toBe(0);
    expect(h.stdout).toEqual([`No users in user pool ${POOL} (eu-west-1).`]);
  });
});

describe('users confirm', () => {
  it('calls AdminConfirmSignUp with the email as Username', async () => {
    cognito.on(AdminConfirmSignUpCommand).resolves({});
    expect(await main(['confirm', 'rider@example.com', ...at], h.deps)).toBe(0);
    expect(cognito.commandCalls(AdminConfirmSignUpCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'rider@example.com' },
    ]);
    expect(h.stdout).toEqual([`Confirmed rider@example.com in user pool ${POOL} (eu-west-1); they can sign in now.`]);
  });

  it('treats an already confirmed rider as done', async () => {
    cognito.on(AdminConfirmSignUpCommand).rejects(
      new NotAuthorizedException({
        message: 'User cannot be confirmed. Current status is CONFIRMED',
        $metadata: {},
      }),
    );
    expect(await main(['confirm', 'rider@example.com', ...at], h.deps)).toBe(0);
    expect(h.stdout).toEqual([
      `rider@example.com is already confirmed in user pool ${POOL} (eu-west-1); nothing to do.`,
    ]);
  });

  it('an unknown rider → one line, exit 1', async () => {
    cognito
      .on(AdminConfirmSignUpCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    expect(await main(['confirm', 'nobody@example.com', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([`Error: No user nobody@example.com in user pool ${POOL}.`]);
  });

  it('a rider in another state (e.g. created by an admin) cannot be confirmed: one clear line', async () => {
    cognito.on(AdminConfirmSignUpCommand).rejects(
      new NotAuthorizedException({
        message: 'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD',
        $metadata: {},
      }),
    );
    expect(await main(['confirm', 'made@example.com', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: made@example.com cannot be confirmed: their status is FORCE_CHANGE_PASSWORD; ' +
        'only riders who signed up and have not entered their code (UNCONFIRMED) can be.',
    ]);
  });

  it('another NotAuthorizedException is not swallowed', async () => {
    cognito
      .on(AdminConfirmSignUpCommand)
      .rejects(new NotAuthorizedException({ message: 'User is disabled.', $metadata: {} }));
    expect(await main(['confirm', 'rider@example.com', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: AdminConfirmSignUp failed — NotAuthorizedException: User is disabled. (re-run with --debug for the stack trace).',
    ]);
  });
});

describe('users create', () => {
  it('creates a verified rider with a printed temporary password and no email by default', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { UserStatus: 'FORCE_CHANGE_PASSWORD' } });
    expect(await main(['create', 'new@example.com', ...at], h.deps)).toBe(0);
    const [call] = cognito.commandCalls(AdminCreateUserCommand);
    const input: AdminCreateUserCommandInput = call!.args[0].input;
    const password = input.TemporaryPassword!;
    expect(input).toEqual({
      UserPoolId: POOL,
      Username: 'new@example.com',
      TemporaryPassword: password,
      UserAttributes: [
        { Name: 'email', Value: 'new@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    });
    expect(h.stdout).toEqual([
      `Created new@example.com in user pool ${POOL} (eu-west-1) (status FORCE_CHANGE_PASSWORD).`,
      `Temporary password (shown once): ${password}`,
      'No email was sent; give them the password. At first sign-in they must choose their own.',
    ]);
    expect(text(h.stdout).split(password)).toHaveLength(2);
  });

  it('--invite lets Cognito email the invitation', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { UserStatus: 'FORCE_CHANGE_PASSWORD' } });
    expect(await main(['create', 'new@example.com', '--invite', ...at], h.deps)).toBe(0);
    const input = cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input;
    expect(input.MessageAction).toBeUndefined();
    expect(input.DesiredDeliveryMediums).toEqual(['EMAIL']);
    expect(h.stdout[2]).toBe('Cognito also emailed it to them; at first sign-in they must choose their own password.');
  });

  it('an existing rider → one line, exit 1', async () => {
    cognito.on(AdminCreateUserCommand).rejects(
      new UsernameExistsException({
        message: 'An account with the given email already exists.',
        $metadata: {},
      }),
    );
    expect(await main(['create', 'old@example.com', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([`Error: A user with email old@example.com already exists in user pool ${POOL}.`]);
  });

  it('generates passwords that meet the default policy and differ every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateTemporaryPassword();
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/);
      expect(password).toMatch(/^\S+$/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
    expect(generateTemporaryPassword(8)).toHaveLength(8);
  });
});

describe('users delete and reset-password', () => {
  it('delete calls AdminDeleteUser', async () => {
    cognito.on(AdminDeleteUserCommand).resolves({});
    expect(await main(['delete', 'gone@example.com', ...at], h.deps)).toBe(0);
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminDeleteUserCommand, {
      UserPoolId: POOL,
      Username: 'gone@example.com',
    });
    expect(h.stdout).toEqual([`Deleted gone@example.com from user pool ${POOL} (eu-west-1).`]);
  });

  it('reset-password calls AdminResetUserPassword', async () => {
    cognito.on(AdminResetUserPasswordCommand).resolves({});
    expect(await main(['reset-password', 'forgot@example.com', ...at], h.deps)).toBe(0);
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminResetUserPasswordCommand, {
      UserPoolId: POOL,
      Username: 'forgot@example.com',
    });
    expect(h.stdout[0]).toMatch(
      /^Reset the password of forgot@example.com in user pool eu-west-1_AbC123xyz \(eu-west-1\): Cognito emailed them a code/,
    );
  });

  it('reset-password for an unverified address explains why and what to do', async () => {
    cognito.on(AdminResetUserPasswordCommand).rejects(
      new CognitoIdentityProviderServiceException({
        name: 'InvalidParameterException',
        $fault: 'client',
        $metadata: {},
        message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
      }),
    );
    expect(await main(['reset-password', 'fake@example.com', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: fake@example.com has no verified email address, so Cognito cannot send a reset code ' +
        '(`users confirm` confirms the account but does not verify the address); ' +
        're-create them with `users delete` and `users create`, which marks the address verified.',
    ]);
  });

  it('AccessDenied names the IAM action', async () => {
    cognito.on(AdminDeleteUserCommand).rejects(
      new CognitoIdentityProviderServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: {},
        message: 'not authorized',
      }),
    );
    expect(await main(['delete', 'gone@example.com', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: Access denied: your AWS identity is not allowed to call cognito-idp:AdminDeleteUser on ${POOL}; add that action to its IAM policy.`,
    ]);
  });
});

describe('users: where the pool comes from', () => {
  beforeEach(() => {
    cognito.on(ListUsersCommand).resolves({ Users: [] });
  });

  it('reads VITE_COGNITO_* with Vite precedence: environment, then .env.local, then .env', async () => {
    await writeFile(join(h.dir, '.env'), 'VITE_COGNITO_USER_POOL_ID=us-west-2_FromDotEnv\n');
    expect(await main(['list'], h.deps)).toBe(0);
    await writeFile(join(h.dir, '.env.local'), 'VITE_COGNITO_USER_POOL_ID=us-east-2_FromLocal\n');
    expect(await main(['list'], h.deps)).toBe(0);
    h.deps.env = { VITE_COGNITO_USER_POOL_ID: 'ca-central-1_FromShell' };
    expect(await main(['list'], h.deps)).toBe(0);
    expect(await main(['list', '--pool-id', POOL], h.deps)).toBe(0);
    expect(cognito.commandCalls(ListUsersCommand).map((c) => c.args[0].input.UserPoolId)).toEqual([
      'us-west-2_FromDotEnv',
      'us-east-2_FromLocal',
      'ca-central-1_FromShell',
      POOL,
    ]);
    expect(h.configs.map((c) => c.region)).toEqual(['us-west-2', 'us-east-2', 'ca-central-1', 'eu-west-1']);
  });

  it('uses the endpoint written by `provision --endpoint`, with dummy credentials', async () => {
    await writeFile(
      join(h.dir, '.env.local'),
      'VITE_COGNITO_USER_POOL_ID=us-east-1_Provision\nVITE_COGNITO_REGION=us-east-1\nVITE_COGNITO_ENDPOINT=http://127.0.0.1:9229/\n',
    );
    expect(await main(['list'], h.deps)).toBe(0);
    expect(h.configs).toEqual([
      {
        region: 'us-east-1',
        maxAttempts: MAX_ATTEMPTS,
        endpoint: 'http://127.0.0.1:9229/',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      },
    ]);
    expect(h.stdout).toEqual(['No users in user pool us-east-1_Provision at http://127.0.0.1:9229/.']);
  });

  it('with nothing configured, explains how to reach the local pool (exit 2)', async () => {
    expect(await main(['list'], h.deps)).toBe(2);
    expect(h.stderr).toEqual([
      'Error: No user pool configured (no --pool-id, and no VITE_COGNITO_USER_POOL_ID in the environment, .env.local or .env), ' +
        'so the site uses its local pool: pass --endpoint http://127.0.0.1:5173/__cognito/ to use the local pool of `npm run dev`, ' +
        'or run `npm run provision` for a real one.',
    ]);
    expect(cognito.calls()).toHaveLength(0);
  });

  it('a relative configured endpoint gets the same hint (exit 2)', async () => {
    await writeFile(
      join(h.dir, '.env'),
      'VITE_COGNITO_ENDPOINT=/__cognito/\nVITE_COGNITO_USER_POOL_ID=us-east-1_LocalPool\n',
    );
    expect(await main(['list'], h.deps)).toBe(2);
    expect(h.stderr).toEqual([
      'Error: VITE_COGNITO_ENDPOINT (from .env) "/__cognito/" is a path the site resolves in the browser; ' +
        'pass --endpoint http://127.0.0.1:5173/__cognito/ to use the local pool of `npm run dev`.',
    ]);
  });

  it('--endpoint alone targets the local default pool', async () => {
    await writeFile(join(h.dir, '.env'), 'VITE_COGNITO_ENDPOINT=/__cognito/\n');
    expect(await main(['list', '--endpoint', LOCAL], h.deps)).toBe(0);
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(ListUsersCommand, { UserPoolId: 'us-east-1_LocalPool' });
    expect(h.configs[0]).toMatchObject({ endpoint: LOCAL, region: 'us-east-1' });
  });

  it('a --region that disagrees with the pool ID is a usage error (exit 2)', async () => {
    await writeFile(join(h.dir, '.env.local'), `VITE_COGNITO_USER_POOL_ID=${POOL}\n`);
    expect(await main(['list', '--region', 'us-east-1'], h.deps)).toBe(2);
    expect(h.stderr).toEqual([
      `Error: --region us-east-1 does not match the user pool ID ${POOL} (from .env.local), which is in eu-west-1.`,
    ]);
    expect(cognito.calls()).toHaveLength(0);
  });

  it('a VITE_COGNITO_REGION that disagrees with the configured pool ID is reported', async () => {
    await writeFile(join(h.dir, '.env.local'), `VITE_COGNITO_USER_POOL_ID=${POOL}\nVITE_COGNITO_REGION=us-east-1\n`);
    expect(await main(['list'], h.deps)).toBe(2);
    expect(h.stderr).toEqual([
      `Error: VITE_COGNITO_REGION us-east-1 does not match the user pool ID ${POOL}, which is in eu-west-1.`,
    ]);
  });
});

describe('users: errors', () => {
  it('missing credentials', async () => {
    cognito.on(ListUsersCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    expect(await main(['list', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([`Error: ${NO_CREDENTIALS}`]);
  });

  it('unknown pool', async () => {
    cognito.on(ListUsersCommand).rejects(
      new CognitoIdentityProviderServiceException({
        name: 'ResourceNotFoundException',
        $fault: 'client',
        $metadata: {},
        message: `User pool ${POOL} does not exist.`,
      }),
    );
    expect(await main(['list', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: User pool ${POOL} not found in eu-west-1; check --pool-id / VITE_COGNITO_USER_POOL_ID and --region.`,
    ]);
  });

  it('unknown pool at an endpoint names the endpoint', async () => {
    cognito.on(ListUsersCommand).rejects(
      new CognitoIdentityProviderServiceException({
        name: 'ResourceNotFoundException',
        $fault: 'client',
        $metadata: {},
        message: 'nope',
      }),
    );
    expect(await main(['list', '--endpoint', LOCAL], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: User pool us-east-1_LocalPool not found at ${LOCAL}; check --pool-id / VITE_COGNITO_USER_POOL_ID and --region.`,
    ]);
  });

  it('throttling (ThrottlingException) after retries', async () => {
    cognito.on(AdminDeleteUserCommand).rejects(
      new CognitoIdentityProviderServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { attempts: 5 },
        message: 'Rate exceeded',
      }),
    );
    expect(await main(['delete', 'a@example.com', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: Cognito is throttling AdminDeleteUser requests (ThrottlingException) and refused 5 attempts; wait a minute and run the command again.',
    ]);
  });

  it.each([
    [['confirm', 'not-an-email', ...at], 'Error: "not-an-email" is not a valid email address.'],
    [['create', 'a@b', ...at], 'Error: "a@b" is not a valid email address.'],
    [
      ['delete', ...at],
      "Error: `delete` needs the rider's email address, e.g. `npm run users -- delete rider@example.com`.",
    ],
    [
      ['remove', 'a@example.com'],
      'Error: Unknown command "remove"; expected list, confirm, create, delete, reset-password, mfa or devices. Run `npm run users -- --help` for usage.',
    ],
    [
      [],
      'Error: Missing command (list, confirm, create, delete, reset-password, mfa, devices). Run `npm run users -- --help` for usage.',
    ],
    [['list', '--force'], "Error: Unknown option '--force'. Run `npm run users -- --help` for usage."],
    [['list', 'extra'], 'Error: Unexpected argument "extra". Run `npm run users -- list --help` for usage.'],
    [
      ['confirm', 'a@example.com', 'b@example.com'],
      'Error: Unexpected argument "b@example.com". Run `npm run users -- confirm --help` for usage.',
    ],
    [
      ['delete', 'a@example.com', '--invite'],
      'Error: --invite only applies to `create`. Run `npm run users -- delete --help` for usage.',
    ],
    [
      ['list', '--pool-id', 'bad'],
      'Error: --pool-id "bad" is not a user pool ID; expected <region>_<id>, e.g. us-east-1_AbC123xyz.',
    ],
    [['list', '--endpoint', 'ftp://x/'], 'Error: --endpoint "ftp://x/" must be an http:// or https:// URL.'],
  ])('usage error %j → exit 2, no call', async (argv, message) => {
    expect(await main(argv, h.deps)).toBe(2);
    expect(h.stderr).toEqual([message]);
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('users --help', () => {
  it('prints the overview', async () => {
    expect(await main(['--help'], h.deps)).toBe(0);
    expect(h.stdout).toEqual([USERS_USAGE]);
    expect(await main(['help'], h.deps)).toBe(0);
    expect(h.stdout[1]).toBe(USERS_USAGE);
  });

  it.each(['list', 'confirm', 'create', 'delete', 'reset-password'])(
    'prints help for %s without calling AWS',
    async (command) => {
      expect(await main([command, '--help'], h.deps)).toBe(0);
      expect(h.stdout[0]).toMatch(new RegExp(`^Usage: npm run users -- ${command}`));
      expect(h.stdout[0]).toContain('--pool-id <id>');
      expect(cognito.calls()).toHaveLength(0);
    },
  );
});
