// The device actions (docs/cognito-mfa-passwordless.md §3.1–3.5): DeviceConfiguration on pools,
// ConfirmDevice's checks (nothing stored when refused), the rider's ListDevices / GetDevice /
// UpdateDeviceStatus / ForgetDevice with their errors and paging, and the operator forms through the
// REAL AWS SDK v3 client. Sign-ins use USER_PASSWORD_AUTH on test clients.

import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ResourceNotFoundException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceSecret } from './device-kit.ts';
import { expectRawError, type Harness, startHarness } from './harness.ts';
import { ok, PASSWORD, sdk, uniqueEmail } from './pool-kit.ts';

let h: Harness;
let clientId: string;

beforeAll(async () => {
  h = await startHarness();
  clientId = await passwordClient(h.poolId);
});
afterAll(() => h.close());

async function passwordClient(poolId: string): Promise<string> {
  const created = await ok(h.url, 'CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'device-actions',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return (created.UserPoolClient as { ClientId: string }).ClientId;
}

interface SignedIn {
  AccessToken: string;
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

async function signIn(email: string, client = clientId): Promise<SignedIn> {
  const res = await ok(h.url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: client,
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  return res.AuthenticationResult as SignedIn;
}

/** A new sign-in's device, confirmed (and remembered unless told otherwise). */
async function confirmedDevice(email: string, remember = true): Promise<{ token: string; key: string }> {
  const { AccessToken, NewDeviceMetadata } = await signIn(email);
  const { DeviceKey: key, DeviceGroupKey } = NewDeviceMetadata as { DeviceKey: string; DeviceGroupKey: string };
  await ok(h.url, 'ConfirmDevice', {
    AccessToken,
    DeviceKey: key,
    DeviceSecretVerifierConfig: deviceSecret(DeviceGroupKey, key, 'plain').config,
  });
  if (remember) {
    await ok(h.url, 'UpdateDeviceStatus', { AccessToken, DeviceKey: key, DeviceRememberedStatus: 'remembered' });
  }
  return { token: AccessToken, key };
}

const storedDevice = (key: string) => h.running.pool.services.store.device(key);

describe('DeviceConfiguration', () => {
  it('the riders’ pool tracks devices "user opt-in"; CreateUserPool parses it, DescribeUserPool shows it', async () => {
    const client = sdk(h.url);
    const riders = await client.send(new DescribeUserPoolCommand({ UserPoolId: h.poolId }));
    expect(riders.UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
    const always = await client.send(
      new CreateUserPoolCommand({ PoolName: 'always', DeviceConfiguration: { ChallengeRequiredOnNewDevice: true } }),
    );
    expect(always.UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    const off = await client.send(new CreateUserPoolCommand({ PoolName: 'off', DeviceConfiguration: {} }));
    expect(off.UserPool?.DeviceConfiguration).toBeUndefined();
    const wrong = await h.call('CreateUserPool', {
      PoolName: 'wrong',
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: 'yes' },
    });
    expectRawError(wrong, 'SerializationException', 'STRING_VALUE can not be converted to a Boolean');
  });

  it('"always" remembers at ConfirmDevice; a pool without tracking issues no device key', async () => {
    const client = sdk(h.url);
    const always = await client.send(
      new CreateUserPoolCommand({
        PoolName: 'always2',
        DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: false },
      }),
    );
    const off = await client.send(new CreateUserPoolCommand({ PoolName: 'untracked' }));
    for (const [poolId, tracked] of [
      [always.UserPool?.Id as string, true],
      [off.UserPool?.Id as string, false],
    ] as const) {
      const pwClient = await passwordClient(poolId);
      await ok(h.url, 'AdminCreateUser', { UserPoolId: poolId, Username: 'ann', MessageAction: 'SUPPRESS' });
      await ok(h.url, 'AdminSetUserPassword', {
        UserPoolId: poolId,
        Username: 'ann',
        Password: PASSWORD,
        Permanent: true,
      });
      const result = await signIn('ann', pwClient);
      if (!tracked) {
        expect(result.NewDeviceMetadata).toBeUndefined();
        continue;
      }
      const { DeviceKey, DeviceGroupKey } = result.NewDeviceMetadata as { DeviceKey: string; DeviceGroupKey: string };
      const confirmed = await ok(h.url, 'ConfirmDevice', {
        AccessToken: result.AccessToken,
        DeviceKey,
        DeviceSecretVerifierConfig: deviceSecret(DeviceGroupKey, DeviceKey, 'plain').config,
      });
      expect(confirmed).toEqual({ UserConfirmationNecessary: false });
      const listed = await ok(h.url, 'ListDevices', { AccessToken: result.AccessToken });
      expect((listed.Devices as { DeviceKey: string }[]).map((d) => d.DeviceKey)).toEqual([DeviceKey]);
    }
  });
});

describe('ConfirmDevice', () => {
  it('refuses malformed or foreign confirmations and stores nothing; a second confirmation is DeviceKeyExists', async () => {
    const email = uniqueEmail('confirm');
    await h.registerConfirmed(email, PASSWORD);
    const { AccessToken, NewDeviceMetadata } = await signIn(email);
    const { DeviceKey: key, DeviceGroupKey } = NewDeviceMetadata as { DeviceKey: string; DeviceGroupKey: string };
    const config = deviceSecret(DeviceGroupKey, key, 'padded').config;
    const confirm = (body: Record<string, unknown>) =>
      h.call('ConfirmDevice', { AccessToken, DeviceKey: key, DeviceSecretVerifierConfig: config, ...body });
    expectRawError(
      await confirm({ DeviceKey: undefined }),
      'InvalidParameterException',
      "1 validation error detected: Value null at 'deviceKey' failed to satisfy constraint: Member must not be null",
    );
    expectRawError(
      await confirm({ DeviceKey: 'no-underscore' }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+",
    );
    expectRawError(
      await confirm({ DeviceKey: 7 }),
      'SerializationException',
      'NUMBER_VALUE can not be converted to a String',
    );
    const invalid = 'DeviceSecretVerifierConfig must hold a base64 Salt and PasswordVerifier of an SRP verifier.';
    expectRawError(await confirm({ DeviceSecretVerifierConfig: undefined }), 'InvalidParameterException', invalid);
    for (const PasswordVerifier of ['AQ==', 'not base64!', '', Buffer.alloc(386, 1).toString('base64')]) {
      expectRawError(
        await confirm({ DeviceSecretVerifierConfig: { ...config, PasswordVerifier } }),
        'InvalidParameterException',
        invalid,
      );
    }
    expectRawError(
      await confirm({ DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000' }),
      'ResourceNotFoundException',
      'Device does not exist.',
    );
    // Another sign-in's key cannot be confirmed with this sign-in's token.
    const other = await signIn(email);
    expectRawError(
      await confirm({ DeviceKey: other.NewDeviceMetadata?.DeviceKey }),
      'ResourceNotFoundException',
      'Device does not exist.',
    );
    expect(storedDevice(key)).toBeUndefined();
    expect(await confirm({})).toMatchObject({ status: 200, body: { UserConfirmationNecessary: true } });
    expectRawError(await confirm({}), 'DeviceKeyExistsException', 'Device key already exists.');
    expect(storedDevice(key)?.status).toBe('not_remembered');
  });
});

describe('the rider’s device actions', () => {
  it('lists remembered devices in pages, gets, updates and forgets them, with Cognito’s errors', async () => {
    const email = uniqueEmail('manage');
    await h.registerConfirmed(email, PASSWORD);
    const first = await confirmedDevice(email);
    const second = await confirmedDevice(email);
    await confirmedDevice(email, false);
    const token = second.token;
    const page1 = await ok(h.url, 'ListDevices', { AccessToken: token, Limit: 1 });
    expect((page1.Devices as { DeviceKey: string }[]).map((d) => d.DeviceKey)).toEqual([first.key]);
    const page2 = await ok(h.url, 'ListDevices', {
      AccessToken: token,
      Limit: 1,
      PaginationToken: page1.PaginationToken,
    });
    expect((page2.Devices as { DeviceKey: string }[]).map((d) => d.DeviceKey)).toEqual([second.key]);
    expect(page2.PaginationToken).toBeUndefined();
    expectRawError(
      await h.call('ListDevices', { AccessToken: token, Limit: 61 }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
    expectRawError(
      await h.call('ListDevices', { AccessToken: token, PaginationToken: 'garbage' }),
      'InvalidParameterException',
      'Invalid pagination token.',
    );

    const got = await ok(h.url, 'GetDevice', { AccessToken: token, DeviceKey: first.key });
    const device = got.Device as { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] };
    expect(device.DeviceKey).toBe(first.key);
    expect(Object.fromEntries(device.DeviceAttributes.map((a) => [a.Name, a.Value]))).toMatchObject({
      device_status: 'valid',
      'dev:device_remembered_status': 'remembered',
    });
    const stranger = uniqueEmail('stranger');
    await h.registerConfirmed(stranger, PASSWORD);
    const theirs = await confirmedDevice(stranger);
    for (const action of ['GetDevice', 'UpdateDeviceStatus', 'ForgetDevice']) {
      expectRawError(
        await h.call(action, { AccessToken: token, DeviceKey: theirs.key, DeviceRememberedStatus: 'remembered' }),
        'ResourceNotFoundException',
        'Device does not exist.',
      );
    }
    expectRawError(
      await h.call('UpdateDeviceStatus', { AccessToken: token, DeviceKey: first.key, DeviceRememberedStatus: 'yes' }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]",
    );
    expectRawError(
      await h.call('GetDevice', { AccessToken: 'garbage', DeviceKey: first.key }),
      'NotAuthorizedException',
      'Invalid Access Token',
    );

    await ok(h.url, 'UpdateDeviceStatus', {
      AccessToken: token,
      DeviceKey: first.key,
      DeviceRememberedStatus: 'not_remembered',
    });
    expectRawError(
      await h.call('GetDevice', { AccessToken: token, DeviceKey: first.key }),
      'ResourceNotFoundException',
      'Device does not exist.',
    );
    await ok(h.url, 'ForgetDevice', { AccessToken: token, DeviceKey: second.key });
    expect((await ok(h.url, 'ListDevices', { AccessToken: token })).Devices).toEqual([]);
    expect(storedDevice(second.key)).toBeUndefined();
    expect(storedDevice(theirs.key)).toBeDefined();
  });

  it('deleting the rider removes their devices', async () => {
    const email = uniqueEmail('delete');
    await h.registerConfirmed(email, PASSWORD);
    const { token, key } = await confirmedDevice(email);
    await ok(h.url, 'DeleteUser', { AccessToken: token });
    expect(storedDevice(key)).toBeUndefined();
  });
});

describe('the operator’s device actions (AWS SDK v3)', () => {
  it('lists every confirmed device, gets, updates and forgets one; unknown users and keys are refused', async () => {
    const email = uniqueEmail('admin');
    await h.registerConfirmed(email, PASSWORD);
    const remembered = await confirmedDevice(email);
    const tracked = await confirmedDevice(email, false);
    const client = sdk(h.url);
    const who = { UserPoolId: h.poolId, Username: email };
    const listed = await client.send(new AdminListDevicesCommand({ ...who, Limit: 60 }));
    expect(listed.Devices?.map((d) => d.DeviceKey)).toEqual([remembered.key, tracked.key]);
    const got = await client.send(new AdminGetDeviceCommand({ ...who, DeviceKey: tracked.key }));
    expect(got.Device?.DeviceCreateDate).toBeInstanceOf(Date);
    expect(got.Device?.DeviceLastAuthenticatedDate).toBeInstanceOf(Date);
    await client.send(
      new AdminUpdateDeviceStatusCommand({ ...who, DeviceKey: tracked.key, DeviceRememberedStatus: 'remembered' }),
    );
    expect(storedDevice(tracked.key)?.status).toBe('remembered');
    await client.send(new AdminForgetDeviceCommand({ ...who, DeviceKey: remembered.key }));
    const after = await client.send(new AdminListDevicesCommand(who));
    expect(after.Devices?.map((d) => d.DeviceKey)).toEqual([tracked.key]);

    const missing = await client.send(new AdminGetDeviceCommand({ ...who, DeviceKey: remembered.key })).catch((e) => e);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as Error).message).toBe('Device does not exist.');
    const nobody = await client
      .send(new AdminListDevicesCommand({ UserPoolId: h.poolId, Username: uniqueEmail('nobody') }))
      .catch((e) => e);
    expect(nobody).toBeInstanceOf(UserNotFoundException);
  });
});
