// UpdateUserPool and UpdateUserPoolClient in the local pool, through the real AWS SDK v3 and raw
// wire calls: what the request leaves out goes back to its default (docs/cognito.md §6), what no
// update changes stays, bad requests change nothing, and the result survives a restart.
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../../local-cognito/clock.ts';
import { createFakeClock } from '../../../local-cognito/clock.ts';
import type { RunningLocalCognito } from '../../../local-cognito/index.ts';
import { startLocalCognito } from '../../../local-cognito/index.ts';
import { call, expectCognitoError, ok, removeTempDirs, sdk, tempDataDir, uniqueEmail } from './pool-kit.ts';

let pool: RunningLocalCognito;
let dataDir: string;
let clock: FakeClock;

beforeAll(async () => {
  dataDir = await tempDataDir('updates');
  clock = createFakeClock();
  pool = await startLocalCognito({ dataDir, quiet: true, clock });
});
afterAll(async () => {
  await pool?.close();
  await removeTempDirs();
});

async function riderPool(): Promise<string> {
  const client = sdk(pool.url);
  const created = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'Updatable',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true } },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
    }),
  );
  client.destroy();
  return created.UserPool!.Id!;
}

describe('UpdateUserPool', () => {
  it('sets what it is given, resets what it is not, keeps what no update changes', async () => {
    const poolId = await riderPool();
    const client = sdk(pool.url);
    const before = (await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    clock.advance(60_000);
    await client.send(
      new UpdateUserPoolCommand({
        UserPoolId: poolId,
        Policies: { PasswordPolicy: { MinimumLength: 10 } },
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      }),
    );
    const after = (await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    expect(after).toMatchObject({
      Id: poolId,
      Name: 'Updatable',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireNumbers: false,
          RequireUppercase: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AutoVerifiedAttributes: [],
      DeletionProtection: 'INACTIVE',
    });
    expect(after.CreationDate).toEqual(before.CreationDate);
    expect(after.LastModifiedDate!.getTime() - before.LastModifiedDate!.getTime()).toBe(60_000);

    // The new policy is the one sign-up enforces, and self sign-up is open again.
    const web = await client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'Web' }));
    await client.send(
      new SignUpCommand({
        ClientId: web.UserPoolClient!.ClientId!,
        Username: uniqueEmail('updated'),
        Password: 'tenletters',
      }),
    );
    client.destroy();
  });

  it('ignores members it does not take; PoolName renames', async () => {
    const poolId = await riderPool();
    await ok(pool.url, 'UpdateUserPool', {
      UserPoolId: poolId,
      PoolName: 'Renamed',
      UsernameAttributes: ['phone_number'],
      AliasAttributes: ['preferred_username'],
    });
    const described = (await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId })).UserPool as Record<
      string,
      unknown
    >;
    expect(described).toMatchObject({ Name: 'Renamed', UsernameAttributes: ['email'] });
    expect(described.AliasAttributes).toBeUndefined();
  });

  it('refuses bad requests with Cognito errors and changes nothing', async () => {
    const poolId = await riderPool();
    const describe = async () => (await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId })).UserPool;
    const before = await describe();
    expectCognitoError(
      await call(pool.url, 'UpdateUserPool', { UserPoolId: 'us-east-1_Missing00' }),
      'ResourceNotFoundException',
      400,
      'User pool us-east-1_Missing00 does not exist.',
    );
    expectCognitoError(
      await call(pool.url, 'UpdateUserPool', {}),
      'InvalidParameterException',
      400,
      "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null",
    );
    expectCognitoError(
      await call(pool.url, 'UpdateUserPool', { UserPoolId: poolId, PoolName: 5 }),
      'SerializationException',
    );
    expectCognitoError(
      await call(pool.url, 'UpdateUserPool', {
        UserPoolId: poolId,
        Policies: { PasswordPolicy: { MinimumLength: 200 } },
      }),
      'InvalidParameterException',
      400,
      /^1 validation error detected: Value at 'minimumLength' failed to satisfy constraint: Member must have value less than or equal to 99$/,
    );
    expect(await describe()).toEqual(before);
  });
});

describe('UpdateUserPool and MFA (SetUserPoolMfaConfig owns the factors)', () => {
  const mfaOf = async (poolId: string) => ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: poolId });

  it('cannot switch MFA ON; keeps it ON when it already is; left out, MFA goes OFF and the factor stays', async () => {
    const poolId = await riderPool();
    expectCognitoError(
      await call(pool.url, 'UpdateUserPool', { UserPoolId: poolId, MfaConfiguration: 'ON' }),
      'InvalidParameterException',
      400,
      'Cannot turn MFA functionality ON, once the user pool has been created.',
    );
    expectCognitoError(
      await call(pool.url, 'UpdateUserPool', { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' }),
      'InvalidParameterException',
      400,
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    );
    expect((await mfaOf(poolId)).MfaConfiguration).toBe('OFF');

    await ok(pool.url, 'SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await ok(pool.url, 'UpdateUserPool', { UserPoolId: poolId, MfaConfiguration: 'ON' });
    expect(await mfaOf(poolId)).toMatchObject({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await ok(pool.url, 'UpdateUserPool', { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' });
    expect((await mfaOf(poolId)).MfaConfiguration).toBe('OPTIONAL');
    await ok(pool.url, 'UpdateUserPool', { UserPoolId: poolId });
    expect(await mfaOf(poolId)).toMatchObject({
      MfaConfiguration: 'OFF',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    expect(
      ((await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId })).UserPool as { MfaConfiguration: string })
        .MfaConfiguration,
    ).toBe('OFF');
  });
});

it('UpdateUserPool keeps the passkey relying party SetUserPoolMfaConfig set', async () => {
  const poolId = await riderPool();
  const webAuthn = { RelyingPartyId: 'rides.example.com', UserVerification: 'required' };
  await ok(pool.url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, WebAuthnConfiguration: webAuthn });
  await ok(pool.url, 'UpdateUserPool', { UserPoolId: poolId, DeletionProtection: 'ACTIVE' });
  expect((await ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: poolId })).WebAuthnConfiguration).toMatchObject(
    webAuthn,
  );
});

describe('UpdateUserPoolClient', () => {
  it('keeps the ID, name and secret; resets the rest to the defaults', async () => {
    const poolId = await riderPool();
    const client = sdk(pool.url);
    const created = (
      await client.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'Secretive',
          GenerateSecret: true,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
          AccessTokenValidity: 5,
          TokenValidityUnits: { AccessToken: 'minutes' },
        }),
      )
    ).UserPoolClient!;
    const answered = await client.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: created.ClientId,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const described = (
      await client.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: created.ClientId }))
    ).UserPoolClient!;
    expect(answered.UserPoolClient).toEqual(described);
    expect(described).toMatchObject({
      ClientId: created.ClientId,
      ClientName: 'Secretive',
      ClientSecret: created.ClientSecret,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'LEGACY',
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    expect(described.CreationDate).toEqual(created.CreationDate);
    client.destroy();
  });

  it('refuses an unknown client, a client of another pool and bad values; nothing changes', async () => {
    const poolId = await riderPool();
    const other = await riderPool();
    const web = await ok(pool.url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'Web' });
    const clientId = (web.UserPoolClient as { ClientId: string }).ClientId;
    const describe = async () => ok(pool.url, 'DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId });
    const before = await describe();
    expectCognitoError(
      await call(pool.url, 'UpdateUserPoolClient', { UserPoolId: poolId, ClientId: 'nosuchclient' }),
      'ResourceNotFoundException',
      400,
      'User pool client nosuchclient does not exist.',
    );
    expectCognitoError(
      await call(pool.url, 'UpdateUserPoolClient', { UserPoolId: other, ClientId: clientId }),
      'ResourceNotFoundException',
      400,
      `User pool client ${clientId} does not exist.`,
    );
    expectCognitoError(
      await call(pool.url, 'UpdateUserPoolClient', {
        UserPoolId: poolId,
        ClientId: clientId,
        ExplicitAuthFlows: ['ALLOW_ALL'],
      }),
      'InvalidParameterException',
      400,
      /Member must satisfy enum value set/,
    );
    expectCognitoError(
      await call(pool.url, 'UpdateUserPoolClient', { UserPoolId: poolId, ClientId: clientId, AuthSessionValidity: 60 }),
      'InvalidParameterException',
    );
    expect(await describe()).toEqual(before);
  });
});

it('updates survive a restart (the store journal)', async () => {
  const poolId = await riderPool();
  await ok(pool.url, 'UpdateUserPool', { UserPoolId: poolId, Policies: { PasswordPolicy: { MinimumLength: 9 } } });
  const web = await ok(pool.url, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'Web' });
  const clientId = (web.UserPoolClient as { ClientId: string }).ClientId;
  await ok(pool.url, 'UpdateUserPoolClient', { UserPoolId: poolId, ClientId: clientId, ClientName: 'Renamed' });
  await pool.close();
  pool = await startLocalCognito({ dataDir, quiet: true, clock });
  const described = (await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId })).UserPool as {
    Policies: { PasswordPolicy: { MinimumLength: number } };
  };
  expect(described.Policies.PasswordPolicy.MinimumLength).toBe(9);
  const appClient = await ok(pool.url, 'DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId });
  expect(appClient.UserPoolClient).toMatchObject({ ClientName: 'Renamed' });
});
