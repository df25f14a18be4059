// The operator side of the local pool through the REAL AWS SDK v3 client (endpoint + dummy
// credentials, SigV4-signed as against AWS) and the real AWS CLI: pools, app clients, admin user
// management, ListUsers paging and filters, LEGACY vs ENABLED answers, secret clients.
// Sign-ins use USER_PASSWORD_AUTH on test clients (SRP has its own tests); nothing is mocked.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CognitoIdentityProviderClient, UserType } from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  NotAuthorizedException,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCognito } from '../../../local-cognito/index.ts';
import { startLocalCognito } from '../../../local-cognito/index.ts';
import { latestCode, mailTo, PASSWORD, removeTempDirs, sdk, secretHash, tempDataDir, uniqueEmail } from './pool-kit.ts';

const run = promisify(execFile);

let pool: RunningLocalCognito;
let us: CognitoIdentityProviderClient;
let eu: CognitoIdentityProviderClient;
/** A plain-username pool with its own policy, created through the SDK. */
let opsPoolId: string;
/** USER_PASSWORD_AUTH + refresh on the default (email-as-username) pool. */
let passwordClientId: string;
/** USER_PASSWORD_AUTH on the ops pool; LEGACY (the API default). */
let legacyClientId: string;

/** Rejects unless the SDK call fails with this exception, message and HTTP status. */
async function expectSdkError(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
  );
  expect(err, `expected ${name}, got success`).toBeDefined();
  const e = err as Error & { $metadata?: { httpStatusCode?: number } };
  expect(e.name).toBe(name);
  if (typeof message === 'string') expect(e.message).toBe(message);
  else if (message) expect(e.message).toMatch(message);
  expect(e.$metadata?.httpStatusCode).toBe(400);
  return e;
}

async function passwordSignIn(clientId: string, username: string, password: string) {
  return us.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

const attr = (u: { Attributes?: { Name?: string; Value?: string }[] } | undefined, name: string): string | undefined =>
  u?.Attributes?.find((a) => a.Name === name)?.Value;

beforeAll(async () => {
  pool = await startLocalCognito({ dataDir: await tempDataDir('operator'), quiet: true });
  us = sdk(pool.url, 'us-east-1');
  eu = sdk(pool.url, 'eu-west-1');
  const created = await eu.send(
    new CreateUserPoolCommand({
      PoolName: 'ops-pool',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireUppercase: false,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 3,
        },
      },
    }),
  );
  opsPoolId = created.UserPool?.Id as string;
  const legacy = await eu.send(
    new CreateUserPoolClientCommand({
      UserPoolId: opsPoolId,
      ClientName: 'legacy-password',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  legacyClientId = legacy.UserPoolClient?.ClientId as string;
  const web = await us.send(
    new CreateUserPoolClientCommand({
      UserPoolId: pool.poolId,
      ClientName: 'password-tests',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes' },
    }),
  );
  passwordClientId = web.UserPoolClient?.ClientId as string;
});

afterAll(async () => {
  us?.destroy();
  eu?.destroy();
  await pool?.close();
  await removeTempDirs();
});

describe('user pools', () => {
  it('CreateUserPool takes the region from the SDK signing scope and makes a real-format ID', async () => {
    expect(opsPoolId).toMatch(/^eu-west-1_[0-9A-Za-z]{9}$/);
    const usPool = await us.send(new CreateUserPoolCommand({ PoolName: 'us-pool', UsernameAttributes: ['email'] }));
    expect(usPool.UserPool?.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(usPool.UserPool?.Id).not.toBe(opsPoolId);
    expect(usPool.UserPool?.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${usPool.UserPool?.Id}`);
    expect(usPool.UserPool?.CreationDate).toBeInstanceOf(Date);
  });

  it('DescribeUserPool returns the policy, username attributes and dates as Date', async () => {
    const before = Date.now();
    const { UserPool: ops } = await eu.send(new DescribeUserPoolCommand({ UserPoolId: opsPoolId }));
    expect(ops?.Name).toBe('ops-pool');
    expect(ops?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 10,
      RequireUppercase: false,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 3,
    });
    expect(ops?.UsernameAttributes).toBeUndefined();
    expect(ops?.CreationDate).toBeInstanceOf(Date);
    expect(ops?.LastModifiedDate).toBeInstanceOf(Date);
    expect(Math.abs(ops!.CreationDate!.getTime() - before)).toBeLessThan(60_000);

    const { UserPool: def } = await us.send(new DescribeUserPoolCommand({ UserPoolId: pool.poolId }));
    expect(def?.Id).toBe('us-east-1_LocalPool');
    expect(def?.UsernameAttributes).toEqual(['email']);
    expect(def?.AutoVerifiedAttributes).toEqual(['email']);
    expect(def?.UsernameConfiguration?.CaseSensitive).toBe(false);
    expect(def?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });

    await expectSdkError(
      us.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_NoSuchPoo' })),
      'ResourceNotFoundException',
    );
  });

  it('ListUserPools pages with MaxResults and NextToken through every pool exactly once', async () => {
    for (let i = 0; i < 3; i++) await us.send(new CreateUserPoolCommand({ PoolName: `paged-${i}` }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await us.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: token }));
      expect(page.UserPools?.length).toBeGreaterThan(0);
      expect(page.UserPools?.length).toBeLessThanOrEqual(2);
      for (const p of page.UserPools ?? []) {
        expect(p.CreationDate).toBeInstanceOf(Date);
        seen.push(p.Id as string);
      }
      token = page.NextToken;
      pages++;
    } while (token && pages < 50);
    expect(token).toBeUndefined();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(pool.poolId);
    expect(seen).toContain(opsPoolId);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(pages).toBe(Math.ceil(seen.length / 2));
    await expectSdkError(us.send(new ListUserPoolsCommand({ MaxResults: 61 })), 'InvalidParameterException');
    await expectSdkError(
      us.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: 'not-a-token' })),
      'InvalidParameterException',
    );
  });
});

describe('app clients', () => {
  it('CreateUserPoolClient: 26-char lowercase id, API defaults, secret on request', async () => {
    const plain = await eu.send(new CreateUserPoolClientCommand({ UserPoolId: opsPoolId, ClientName: 'defaults' }));
    const c = plain.UserPoolClient;
    expect(c?.ClientId).toMatch(/^[a-z0-9]{26}$/);
    expect(c?.ClientSecret).toBeUndefined();
    expect([...(c?.ExplicitAuthFlows ?? [])].sort()).toEqual([
      'ALLOW_CUSTOM_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(c?.PreventUserExistenceErrors).toBe('LEGACY');
    expect(c?.EnableTokenRevocation).toBe(true);
    expect(c?.CreationDate).toBeInstanceOf(Date);
    // Defaults: 60 minutes for access and ID tokens, 30 days for refresh tokens.
    expect(c?.AccessTokenValidity).toBe(60);
    expect(c?.IdTokenValidity).toBe(60);
    expect(c?.RefreshTokenValidity).toBe(30);
    expect(c?.TokenValidityUnits).toEqual({ AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' });

    const secret = await eu.send(
      new CreateUserPoolClientCommand({ UserPoolId: opsPoolId, ClientName: 'server', GenerateSecret: true }),
    );
    expect(secret.UserPoolClient?.ClientSecret).toMatch(/^[a-z0-9]{40,}$/);
    expect(secret.UserPoolClient?.ClientId).not.toBe(c?.ClientId);

    await expectSdkError(
      eu.send(
        new CreateUserPoolClientCommand({
          UserPoolId: opsPoolId,
          ClientName: 'bad',
          ExplicitAuthFlows: ['ALLOW_EVERYTHING' as 'ALLOW_USER_AUTH'],
        }),
      ),
      'InvalidParameterException',
    );
    await expectSdkError(
      eu.send(
        new CreateUserPoolClientCommand({
          UserPoolId: opsPoolId,
          ClientName: 'short',
          AccessTokenValidity: 1,
          TokenValidityUnits: { AccessToken: 'minutes' },
        }),
      ),
      'InvalidParameterException',
    );
  });

  it('token validity is kept in the units given and governs the issued tokens', async () => {
    const created = await eu.send(
      new CreateUserPoolClientCommand({
        UserPoolId: opsPoolId,
        ClientName: 'units',
        AccessTokenValidity: 2,
        IdTokenValidity: 90,
        RefreshTokenValidity: 120,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'minutes' },
      }),
    );
    const id = created.UserPoolClient?.ClientId as string;
    const { UserPoolClient: d } = await eu.send(
      new DescribeUserPoolClientCommand({ UserPoolId: opsPoolId, ClientId: id }),
    );
    expect(d?.AccessTokenValidity).toBe(2);
    expect(d?.IdTokenValidity).toBe(90);
    expect(d?.RefreshTokenValidity).toBe(120);
    expect(d?.TokenValidityUnits).toEqual({ AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'minutes' });

    // The password client on the default pool asked for 30-minute access tokens.
    const email = uniqueEmail('validity');
    await us.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: email, MessageAction: 'SUPPRESS' }));
    await us.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: email,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    const auth = await passwordSignIn(passwordClientId, email, PASSWORD);
    expect(auth.AuthenticationResult?.ExpiresIn).toBe(1800);
    const payload = JSON.parse(
      Buffer.from(auth.AuthenticationResult!.AccessToken!.split('.')[1] as string, 'base64url').toString(),
    ) as {
      exp: number;
      iat: number;
    };
    expect(payload.exp - payload.iat).toBe(1800);
  });

  it('DescribeUserPoolClient and ListUserPoolClients', async () => {
    const { UserPoolClient: d } = await eu.send(
      new DescribeUserPoolClientCommand({ UserPoolId: opsPoolId, ClientId: legacyClientId }),
    );
    expect(d).toMatchObject({
      ClientId: legacyClientId,
      UserPoolId: opsPoolId,
      ClientName: 'legacy-password',
      PreventUserExistenceErrors: 'LEGACY',
    });
    expect(d?.ExplicitAuthFlows).toEqual([
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    const { UserPoolClient: web } = await us.send(
      new DescribeUserPoolClientCommand({ UserPoolId: pool.poolId, ClientId: pool.clientId }),
    );
    expect(web?.ClientSecret).toBeUndefined();
    expect(web?.PreventUserExistenceErrors).toBe('ENABLED');
    // The web client also allows choice-based sign-in (issue 10).
    expect([...(web?.ExplicitAuthFlows ?? [])].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    // A client of another pool is not found under this one.
    await expectSdkError(
      us.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.poolId, ClientId: legacyClientId })),
      'ResourceNotFoundException',
    );

    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await eu.send(
        new ListUserPoolClientsCommand({ UserPoolId: opsPoolId, MaxResults: 1, NextToken: token }),
      );
      expect(page.UserPoolClients?.length).toBe(1);
      for (const c of page.UserPoolClients ?? []) {
        expect(c.UserPoolId).toBe(opsPoolId);
        ids.push(c.ClientId as string);
      }
      token = page.NextToken;
    } while (token);
    expect(ids).toContain(legacyClientId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(pool.clientId);
  });
});

describe('admin user management', () => {
  it('AdminCreateUser: FORCE_CHANGE_PASSWORD, the temporary password mailed (not with SUPPRESS), UsernameExists', async () => {
    const email = uniqueEmail('invited');
    const created = await us.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: email }));
    expect(created.User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(created.User?.Enabled).toBe(true);
    expect(created.User?.Username).toBe(attr(created.User, 'sub'));
    expect(created.User?.UserCreateDate).toBeInstanceOf(Date);
    expect(attr(created.User, 'email')).toBe(email);
    const [invite] = await mailTo(pool.url, email);
    expect(invite?.code.length).toBeGreaterThanOrEqual(8);
    expect(invite?.text).toContain(invite?.code as string);

    // The temporary password signs in to NEW_PASSWORD_REQUIRED, which confirms the user.
    const first = await passwordSignIn(passwordClientId, email, invite?.code as string);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(first.Session).toBeTruthy();
    const done = await us.send(
      new RespondToAuthChallengeCommand({
        ClientId: passwordClientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: PASSWORD },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    const got = await us.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: email }));
    expect(got.UserStatus).toBe('CONFIRMED');

    const quiet = uniqueEmail('suppressed');
    await us.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: quiet,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temp-Pass-1',
      }),
    );
    expect(await mailTo(pool.url, quiet)).toEqual([]);
    const temp = await passwordSignIn(passwordClientId, quiet, 'Temp-Pass-1');
    expect(temp.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

    await expectSdkError(
      us.send(
        new AdminCreateUserCommand({
          UserPoolId: pool.poolId,
          Username: email.toUpperCase(),
          MessageAction: 'SUPPRESS',
        }),
      ),
      'UsernameExistsException',
      'An account with the given email already exists.',
    );
    await eu.send(
      new AdminCreateUserCommand({ UserPoolId: opsPoolId, Username: 'dupe.rider', MessageAction: 'SUPPRESS' }),
    );
    await expectSdkError(
      eu.send(new AdminCreateUserCommand({ UserPoolId: opsPoolId, Username: 'dupe.rider', MessageAction: 'SUPPRESS' })),
      'UsernameExistsException',
      'User already exists',
    );
    // A temporary password must meet the pool's policy (ops pool: 10+ with a digit).
    await expectSdkError(
      eu.send(
        new AdminCreateUserCommand({
          UserPoolId: opsPoolId,
          Username: 'weak.temp',
          TemporaryPassword: 'short1abc',
          MessageAction: 'SUPPRESS',
        }),
      ),
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    );
  });

  it('AdminGetUser returns the user with Date fields; unknown users are UserNotFoundException', async () => {
    await eu.send(
      new AdminCreateUserCommand({
        UserPoolId: opsPoolId,
        Username: 'getme',
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'getme@example.com' },
          { Name: 'name', Value: 'Get Me' },
        ],
      }),
    );
    const got = await eu.send(new AdminGetUserCommand({ UserPoolId: opsPoolId, Username: 'getme' }));
    expect(got.Username).toBe('getme');
    expect(got.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(got.Enabled).toBe(true);
    expect(got.UserCreateDate).toBeInstanceOf(Date);
    expect(got.UserLastModifiedDate).toBeInstanceOf(Date);
    expect(attr({ Attributes: got.UserAttributes }, 'name')).toBe('Get Me');
    expect(attr({ Attributes: got.UserAttributes }, 'sub')).toMatch(/^[0-9a-f-]{36}$/);
    const err = await expectSdkError(
      eu.send(new AdminGetUserCommand({ UserPoolId: opsPoolId, Username: 'nobody-here' })),
      'UserNotFoundException',
      'User does not exist.',
    );
    expect(err).toBeInstanceOf(UserNotFoundException);
  });

  it('AdminConfirmSignUp confirms an UNCONFIRMED rider once', async () => {
    const email = uniqueEmail('adminconfirm');
    const signed = await us.send(new SignUpCommand({ ClientId: pool.clientId, Username: email, Password: PASSWORD }));
    expect(signed.UserConfirmed).toBe(false);
    await expectSdkError(
      passwordSignIn(passwordClientId, email, PASSWORD),
      'UserNotConfirmedException',
      'User is not confirmed.',
    );
    await us.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.poolId, Username: email }));
    const got = await us.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: email }));
    expect(got.UserStatus).toBe('CONFIRMED');
    expect(got.Username).toBe(signed.UserSub);
    const auth = await passwordSignIn(passwordClientId, email, PASSWORD);
    expect(auth.AuthenticationResult?.IdToken).toBeTruthy();
    await expectSdkError(
      us.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.poolId, Username: email })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
  });

  it('AdminSetUserPassword: Permanent true confirms, Permanent false forces a change', async () => {
    await eu.send(new AdminCreateUserCommand({ UserPoolId: opsPoolId, Username: 'setpw', MessageAction: 'SUPPRESS' }));
    await eu.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: opsPoolId,
        Username: 'setpw',
        Password: 'permanent42x',
        Permanent: true,
      }),
    );
    expect((await eu.send(new AdminGetUserCommand({ UserPoolId: opsPoolId, Username: 'setpw' }))).UserStatus).toBe(
      'CONFIRMED',
    );
    const signedIn = await passwordSignIn(legacyClientId, 'setpw', 'permanent42x');
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
    await expectSdkError(
      passwordSignIn(legacyClientId, 'setpw', 'wrongpassword1'),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );

    await eu.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: opsPoolId,
        Username: 'setpw',
        Password: 'temporary42x',
        Permanent: false,
      }),
    );
    expect((await eu.send(new AdminGetUserCommand({ UserPoolId: opsPoolId, Username: 'setpw' }))).UserStatus).toBe(
      'FORCE_CHANGE_PASSWORD',
    );
    await expectSdkError(
      passwordSignIn(legacyClientId, 'setpw', 'permanent42x'),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const challenged = await passwordSignIn(legacyClientId, 'setpw', 'temporary42x');
    expect(challenged.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

    await expectSdkError(
      eu.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: opsPoolId,
          Username: 'setpw',
          Password: 'nodigitshere',
          Permanent: true,
        }),
      ),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have numeric characters',
    );
    await expectSdkError(
      eu.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: opsPoolId,
          Username: 'ghost',
          Password: 'permanent42x',
          Permanent: true,
        }),
      ),
      'UserNotFoundException',
    );
  });

  it('AdminResetUserPassword: RESET_REQUIRED, a mailed code, sign-in refused until the reset', async () => {
    const email = uniqueEmail('reset');
    await us.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.poolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
      }),
    );
    await us.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: pool.poolId,
        Username: email,
        Password: PASSWORD,
        Permanent: true,
      }),
    );
    await us.send(new AdminResetUserPasswordCommand({ UserPoolId: pool.poolId, Username: email }));
    expect((await us.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: email }))).UserStatus).toBe(
      'RESET_REQUIRED',
    );
    const code = await latestCode(pool.url, email);
    expect(code).toMatch(/^\d{6}$/);
    await expectSdkError(passwordSignIn(passwordClientId, email, PASSWORD), 'PasswordResetRequiredException');
    await us.send(
      new ConfirmForgotPasswordCommand({
        ClientId: passwordClientId,
        Username: email,
        ConfirmationCode: code,
        Password: 'Brand-New-Pass-9',
      }),
    );
    expect((await us.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: email }))).UserStatus).toBe(
      'CONFIRMED',
    );
    expect((await passwordSignIn(passwordClientId, email, 'Brand-New-Pass-9')).AuthenticationResult).toBeDefined();
  });

  it('AdminDisableUser blocks sign-in, refresh and tokens; AdminEnableUser restores sign-in', async () => {
    await eu.send(new AdminCreateUserCommand({ UserPoolId: opsPoolId, Username: 'toggle', MessageAction: 'SUPPRESS' }));
    await eu.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: opsPoolId,
        Username: 'toggle',
        Password: 'toggle1234x',
        Permanent: true,
      }),
    );
    const before = await passwordSignIn(legacyClientId, 'toggle', 'toggle1234x');
    const refreshToken = before.AuthenticationResult?.RefreshToken as string;
    expect(refreshToken.split('.')).toHaveLength(5);
    await eu.send(new AdminDisableUserCommand({ UserPoolId: opsPoolId, Username: 'toggle' }));
    expect((await eu.send(new AdminGetUserCommand({ UserPoolId: opsPoolId, Username: 'toggle' }))).Enabled).toBe(false);
    const disabled = await expectSdkError(
      passwordSignIn(legacyClientId, 'toggle', 'toggle1234x'),
      'NotAuthorizedException',
      'User is disabled.',
    );
    expect(disabled).toBeInstanceOf(NotAuthorizedException);
    await expectSdkError(
      us.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: legacyClientId,
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
      'NotAuthorizedException',
    );
    await expectSdkError(
      us.send(new GetUserCommand({ AccessToken: before.AuthenticationResult?.AccessToken })),
      'NotAuthorizedException',
    );

    await eu.send(new AdminEnableUserCommand({ UserPoolId: opsPoolId, Username: 'toggle' }));
    expect((await eu.send(new AdminGetUserCommand({ UserPoolId: opsPoolId, Username: 'toggle' }))).Enabled).toBe(true);
    const after = await passwordSignIn(legacyClientId, 'toggle', 'toggle1234x');
    const me = await us.send(new GetUserCommand({ AccessToken: after.AuthenticationResult?.AccessToken }));
    expect(me.Username).toBe('toggle');
  });

  it('AdminDeleteUser removes the user everywhere', async () => {
    await eu.send(
      new AdminCreateUserCommand({ UserPoolId: opsPoolId, Username: 'deleteme', MessageAction: 'SUPPRESS' }),
    );
    await eu.send(new AdminDeleteUserCommand({ UserPoolId: opsPoolId, Username: 'deleteme' }));
    await expectSdkError(
      eu.send(new AdminGetUserCommand({ UserPoolId: opsPoolId, Username: 'deleteme' })),
      'UserNotFoundException',
    );
    const listed = await eu.send(new ListUsersCommand({ UserPoolId: opsPoolId, Filter: 'username = "deleteme"' }));
    expect(listed.Users).toEqual([]);
    await expectSdkError(
      eu.send(new AdminDeleteUserCommand({ UserPoolId: opsPoolId, Username: 'deleteme' })),
      'UserNotFoundException',
    );
    // The name is free again.
    const again = await eu.send(
      new AdminCreateUserCommand({ UserPoolId: opsPoolId, Username: 'deleteme', MessageAction: 'SUPPRESS' }),
    );
    expect(again.User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
  });
});

describe('ListUsers', () => {
  let listPoolId: string;
  const TOTAL = 135;

  beforeAll(async () => {
    const { UserPool } = await us.send(
      new CreateUserPoolCommand({ PoolName: 'list-pool', UsernameAttributes: ['email'] }),
    );
    listPoolId = UserPool?.Id as string;
    const creates: Promise<unknown>[] = [];
    for (let i = 0; i < TOTAL; i++) {
      creates.push(
        us.send(
          new AdminCreateUserCommand({
            UserPoolId: listPoolId,
            Username: `${i % 2 === 0 ? 'even' : 'odd'}-${String(i).padStart(3, '0')}@list.example.com`,
            MessageAction: 'SUPPRESS',
          }),
        ),
      );
    }
    await Promise.all(creates);
    const client = await us.send(new CreateUserPoolClientCommand({ UserPoolId: listPoolId, ClientName: 'signup' }));
    for (const n of [1, 2, 3]) {
      await us.send(
        new SignUpCommand({
          ClientId: client.UserPoolClient?.ClientId,
          Username: `pending-${n}@list.example.com`,
          Password: 'Abcdef12!',
        }),
      );
    }
  });

  it('pages through every user with Limit and PaginationToken', async () => {
    const seen: UserType[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await us.send(new ListUsersCommand({ UserPoolId: listPoolId, Limit: 60, PaginationToken: token }));
      sizes.push(page.Users?.length ?? 0);
      seen.push(...(page.Users ?? []));
      token = page.PaginationToken;
    } while (token && sizes.length < 20);
    expect(sizes).toEqual([60, 60, TOTAL + 3 - 120]);
    expect(new Set(seen.map((u) => u.Username)).size).toBe(TOTAL + 3);
    expect(seen.every((u) => u.UserCreateDate instanceof Date)).toBe(true);

    const small = await us.send(new ListUsersCommand({ UserPoolId: listPoolId, Limit: 7 }));
    expect(small.Users).toHaveLength(7);
    expect(small.PaginationToken).toBeTruthy();
    const next = await us.send(
      new ListUsersCommand({ UserPoolId: listPoolId, Limit: 7, PaginationToken: small.PaginationToken }),
    );
    expect(next.Users?.map((u) => u.Username)).toEqual(seen.slice(7, 14).map((u) => u.Username));

    await expectSdkError(
      us.send(new ListUsersCommand({ UserPoolId: listPoolId, Limit: 61 })),
      'InvalidParameterException',
    );
    await expectSdkError(
      us.send(new ListUsersCommand({ UserPoolId: listPoolId, PaginationToken: 'bogus!' })),
      'InvalidParameterException',
    );
  });

  it('filters: email =, email ^=, cognito:user_status =; a bad filter is InvalidParameterException', async () => {
    const exact = await us.send(
      new ListUsersCommand({ UserPoolId: listPoolId, Filter: 'email = "odd-007@list.example.com"' }),
    );
    expect(exact.Users).toHaveLength(1);
    expect(attr(exact.Users?.[0], 'email')).toBe('odd-007@list.example.com');

    const evens: string[] = [];
    let token: string | undefined;
    do {
      const page = await us.send(
        new ListUsersCommand({ UserPoolId: listPoolId, Filter: 'email ^= "even-"', Limit: 50, PaginationToken: token }),
      );
      evens.push(...(page.Users ?? []).map((u) => attr(u, 'email') as string));
      token = page.PaginationToken;
    } while (token);
    expect(evens).toHaveLength(Math.ceil(TOTAL / 2));
    expect(evens.every((e) => e.startsWith('even-'))).toBe(true);

    const pending = await us.send(
      new ListUsersCommand({ UserPoolId: listPoolId, Filter: 'cognito:user_status = "UNCONFIRMED"' }),
    );
    expect(pending.Users?.map((u) => attr(u, 'email')).sort()).toEqual(
      [1, 2, 3].map((n) => `pending-${n}@list.example.com`),
    );
    expect(pending.Users?.every((u) => u.UserStatus === 'UNCONFIRMED')).toBe(true);

    const none = await us.send(
      new ListUsersCommand({ UserPoolId: listPoolId, Filter: 'email = "nobody@list.example.com"' }),
    );
    expect(none.Users).toEqual([]);

    const bad = await expectSdkError(
      us.send(new ListUsersCommand({ UserPoolId: listPoolId, Filter: 'email == nobody' })),
      'InvalidParameterException',
    );
    expect(bad).toBeInstanceOf(InvalidParameterException);
    await expectSdkError(
      us.send(new ListUsersCommand({ UserPoolId: listPoolId, Filter: 'password = "x"' })),
      'InvalidParameterException',
    );
  });

  it('the AWS CLI lists the users of the local pool', async () => {
    const email = uniqueEmail('cli');
    const other = uniqueEmail('cli-other');
    await us.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: email, MessageAction: 'SUPPRESS' }));
    await us.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: other, MessageAction: 'SUPPRESS' }));
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const args = [
      '--endpoint-url',
      pool.url,
      '--region',
      'us-east-1',
      '--output',
      'json',
      'cognito-idp',
      'list-users',
      '--user-pool-id',
      'us-east-1_LocalPool',
    ];
    let stdout: string | undefined;
    const tried: string[] = [];
    for (const bin of ['/usr/bin/aws', 'aws']) {
      try {
        ({ stdout } = await run(bin, args, { env, timeout: 30_000 }));
        break;
      } catch (err) {
        tried.push(`${bin}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    if (stdout === undefined) {
      // .ci/run installs the AWS CLI, so in CI a missing one is a failure, not a skip.
      if (process.env.CI) throw new Error(`no aws binary runs: ${tried.join('; ')}`);
      console.warn(`skipping the AWS CLI check: no aws binary runs (${tried.join('; ')})`);
      return;
    }
    const listed = JSON.parse(stdout) as {
      Users: { Username: string; UserStatus: string; Attributes: { Name: string; Value: string }[] }[];
    };
    const mine = listed.Users.find((u) => u.Attributes.some((a) => a.Name === 'email' && a.Value === email));
    expect(mine?.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    expect(listed.Users.some((u) => u.Attributes.some((a) => a.Name === 'email' && a.Value === other))).toBe(true);
  }, 40_000);
});

describe('client settings seen by riders', () => {
  it('USER_PASSWORD_AUTH is refused on the default web client', async () => {
    await expectSdkError(
      passwordSignIn(pool.clientId, 'anyone@example.com', PASSWORD),
      'InvalidParameterException',
      'USER_PASSWORD_AUTH flow not enabled for this client',
    );
  });

  it('LEGACY client: unknown users are UserNotFoundException with Cognito texts', async () => {
    await expectSdkError(
      passwordSignIn(legacyClientId, 'no-such-rider', 'whatever123'),
      'UserNotFoundException',
      'User does not exist.',
    );
    await expectSdkError(
      us.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: legacyClientId,
          AuthParameters: { USERNAME: 'no-such-rider', SRP_A: 'abc123' },
        }),
      ),
      'UserNotFoundException',
      'User does not exist.',
    );
    await expectSdkError(
      us.send(new ForgotPasswordCommand({ ClientId: legacyClientId, Username: 'no-such-rider' })),
      'UserNotFoundException',
      'Username/client id combination not found.',
    );
    await expectSdkError(
      us.send(new ResendConfirmationCodeCommand({ ClientId: legacyClientId, Username: 'no-such-rider' })),
      'UserNotFoundException',
      'Username/client id combination not found.',
    );
    // ENABLED (the password client on the default pool): the same unknown user looks like a wrong password.
    await expectSdkError(
      passwordSignIn(passwordClientId, 'no-such-rider@example.com', PASSWORD),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const simulated = await us.send(
      new ForgotPasswordCommand({ ClientId: passwordClientId, Username: 'no-such-rider@example.com' }),
    );
    expect(simulated.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
  });

  it('a client with a secret needs the right SECRET_HASH on every call', async () => {
    const created = await eu.send(
      new CreateUserPoolClientCommand({
        UserPoolId: opsPoolId,
        ClientName: 'with-secret',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const clientId = created.UserPoolClient?.ClientId as string;
    const secret = created.UserPoolClient?.ClientSecret as string;
    const username = 'secret.rider';
    const signUp = (SecretHash?: string) =>
      us.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: username,
          Password: 'secret12345',
          SecretHash,
          UserAttributes: [{ Name: 'email', Value: 'secret.rider@example.com' }],
        }),
      );
    await expectSdkError(
      signUp(),
      'NotAuthorizedException',
      `Client ${clientId} is configured for secret but secret was not received`,
    );
    await expectSdkError(
      signUp(secretHash(username, clientId, 'wrong-secret')),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${clientId}`,
    );
    const ok = await signUp(secretHash(username, clientId, secret));
    expect(ok.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    await eu.send(new AdminConfirmSignUpCommand({ UserPoolId: opsPoolId, Username: username }));

    const auth = (SECRET_HASH?: string) =>
      us.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: 'secret12345', ...(SECRET_HASH ? { SECRET_HASH } : {}) },
        }),
      );
    await expectSdkError(
      auth(),
      'NotAuthorizedException',
      `Client ${clientId} is configured for secret but secret was not received`,
    );
    await expectSdkError(
      auth(secretHash(username, clientId, 'nope')),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${clientId}`,
    );
    const signedIn = await auth(secretHash(username, clientId, secret));
    expect(signedIn.AuthenticationResult?.RefreshToken).toBeTruthy();
    const refreshed = await us.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: {
          REFRESH_TOKEN: signedIn.AuthenticationResult?.RefreshToken as string,
          SECRET_HASH: secretHash(username, clientId, secret),
        },
      }),
    );
    expect(refreshed.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
  });

  it('SDK errors carry name, message and HTTP 400', async () => {
    const err = await expectSdkError(
      us.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'ghost@example.com' })),
      'UserNotFoundException',
      'User does not exist.',
    );
    const meta = err as unknown as { $metadata: { requestId?: string }; $fault: string };
    expect(meta.$fault).toBe('client');
    expect(meta.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
