// `npm run users -- mfa <email> off` and `users -- devices <email> [forget <key>]` through main(),
// with the SDK mocked: exact requests, the tables, and every error path.
import 'aws-sdk-client-mock-vitest/extend';
import {
  AdminForgetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserMFAPreferenceCommand,
  CognitoIdentityProviderClient,
  ResourceNotFoundException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, USERS_USAGE } from '../../../scripts/lib/users-cli.ts';
import type { Harness } from './helpers.ts';
import { harness } from './helpers.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = 'eu-west-1_AbC123xyz';
const at = ['--pool-id', POOL];
const KEY = 'eu-west-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

let h: Harness;
beforeEach(async () => {
  cognito.reset();
  h = await harness();
});
afterEach(() => h.cleanup());

describe('users mfa <email> off', () => {
  it('turns the authenticator app off and not preferred', async () => {
    cognito.on(AdminSetUserMFAPreferenceCommand).resolves({});
    expect(await main(['mfa', 'ann@example.com', 'off', ...at], h.deps)).toBe(0);
    expect(cognito.commandCalls(AdminSetUserMFAPreferenceCommand).map((c) => c.args[0].input)).toEqual([
      {
        UserPoolId: POOL,
        Username: 'ann@example.com',
        SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
      },
    ]);
    expect(h.stdout).toEqual([
      `Turned off the authenticator app of ann@example.com in user pool ${POOL} (eu-west-1): they sign in with their password ` +
        '(and set up a new authenticator where the pool requires MFA).',
    ]);
  });

  it('a missing rider is one line, exit 1', async () => {
    cognito
      .on(AdminSetUserMFAPreferenceCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    expect(await main(['mfa', 'gone@example.com', 'off', ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([`Error: No user gone@example.com in user pool ${POOL}.`]);
  });

  it.each([
    [['mfa', 'ann@example.com'], 'Error: `mfa` takes `off`, e.g. `npm run users -- mfa ann@example.com off`.'],
    [
      ['mfa', 'ann@example.com', 'on'],
      'Error: `mfa` takes `off`, e.g. `npm run users -- mfa ann@example.com off` (not "on").',
    ],
    [
      ['mfa', 'ann@example.com', 'off', 'now'],
      'Error: Unexpected argument "now". Run `npm run users -- mfa --help` for usage.',
    ],
    [['mfa'], "Error: `mfa` needs the rider's email address, e.g. `npm run users -- mfa rider@example.com`."],
  ])('usage error %j → exit 2, no call', async (argv, line) => {
    expect(await main([...argv, ...at], h.deps)).toBe(2);
    expect(h.stderr).toEqual([line]);
    expect(cognito.calls()).toHaveLength(0);
  });
});

describe('users devices <email>', () => {
  const device = (key: string, name: string, status: string, last?: string) => ({
    DeviceKey: key,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      { Name: 'device_name', Value: name },
      { Name: 'dev:device_remembered_status', Value: status },
    ],
    DeviceCreateDate: new Date('2026-01-01T00:00:00Z'),
    ...(last ? { DeviceLastAuthenticatedDate: new Date(last) } : {}),
  });

  it('pages through AdminListDevices and prints name, key, status, last used', async () => {
    cognito
      .on(AdminListDevicesCommand)
      .resolvesOnce({
        Devices: [device(KEY, 'Firefox on Linux', 'remembered', '2026-03-04T05:06:07Z')],
        PaginationToken: 't2',
      })
      .resolvesOnce({ Devices: [device('eu-west-1_aa', 'nodejs', 'not_remembered')] });
    expect(await main(['devices', 'ann@example.com', ...at], h.deps)).toBe(0);
    expect(cognito.commandCalls(AdminListDevicesCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'ann@example.com', Limit: 60 },
      { UserPoolId: POOL, Username: 'ann@example.com', Limit: 60, PaginationToken: 't2' },
    ]);
    expect(h.stdout).toEqual([
      `NAME              KEY${' '.repeat(KEY.length - 3)}  STATUS          LAST USED`,
      `Firefox on Linux  ${KEY}  remembered      2026-03-04 05:06 UTC`,
      `nodejs            eu-west-1_aa${' '.repeat(KEY.length - 12)}  not_remembered  -`,
      `2 devices of ann@example.com in user pool ${POOL} (eu-west-1).`,
    ]);
  });

  it('says so when there are none', async () => {
    cognito.on(AdminListDevicesCommand).resolves({ Devices: [] });
    expect(await main(['devices', 'ann@example.com', ...at], h.deps)).toBe(0);
    expect(h.stdout).toEqual([`No remembered devices for ann@example.com in user pool ${POOL} (eu-west-1).`]);
  });

  it('forget <device-key> forgets that device; an unknown key is one line, exit 1', async () => {
    cognito
      .on(AdminForgetDeviceCommand)
      .resolvesOnce({})
      .rejects(new ResourceNotFoundException({ message: 'Device does not exist.', $metadata: {} }));
    expect(await main(['devices', 'ann@example.com', 'forget', KEY, ...at], h.deps)).toBe(0);
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(AdminForgetDeviceCommand, {
      UserPoolId: POOL,
      Username: 'ann@example.com',
      DeviceKey: KEY,
    });
    expect(h.stdout).toEqual([
      `Forgot device ${KEY} of ann@example.com in user pool ${POOL} (eu-west-1); it asks for the second factor again.`,
    ]);
    expect(await main(['devices', 'ann@example.com', 'forget', KEY, ...at], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: ann@example.com has no device with that key in user pool ${POOL}; \`npm run users -- devices ann@example.com\` lists them.`,
    ]);
  });

  it.each([
    [
      ['devices', 'ann@example.com', 'drop'],
      'Error: `devices` takes `forget <device-key>`, e.g. `npm run users -- devices ann@example.com forget us-east-1_…`.',
    ],
    [
      ['devices', 'ann@example.com', 'forget'],
      'Error: `devices` takes `forget <device-key>`, e.g. `npm run users -- devices ann@example.com forget us-east-1_…`.',
    ],
    [
      ['devices', 'ann@example.com', 'forget', 'not a key'],
      'Error: "not a key" is not a device key; expected <region>_<id> as `users devices ann@example.com` lists them.',
    ],
    [['devices', 'not-an-email'], 'Error: "not-an-email" is not a valid email address.'],
  ])('usage error %j → exit 2, no call', async (argv, line) => {
    expect(await main([...argv, ...at], h.deps)).toBe(2);
    expect(h.stderr).toEqual([line]);
    expect(cognito.calls()).toHaveLength(0);
  });

  it('--help lists both commands, each with its own help', async () => {
    expect(USERS_USAGE).toContain('mfa <email> off');
    expect(USERS_USAGE).toContain('devices <email>');
    expect(await main(['mfa', '--help'], h.deps)).toBe(0);
    expect(await main(['devices', '--help'], h.deps)).toBe(0);
    expect(h.stdout[0]).toMatch(
      /^Usage: npm run users -- mfa <email> off \[options\]\n[\s\S]*AdminSetUserMFAPreference/,
    );
    expect(h.stdout[1]).toMatch(
      /^Usage: npm run users -- devices <email> \[forget <device-key>\][\s\S]*AdminForgetDevice/,
    );
  });
});
