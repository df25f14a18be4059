// A rider's second factor and remembered devices, for `users mfa` and `users devices`.
import type { CognitoIdentityProviderClient, DeviceType } from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminForgetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserMFAPreferenceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { call } from './errors.ts';

/**
 * The operator reset for a rider who lost their phone: the authenticator app is no longer enabled
 * nor preferred (AdminSetUserMFAPreference, docs/cognito-mfa-passwordless.md §1.4), so a pool with
 * optional MFA signs them in with the password alone and a pool that requires MFA walks them through
 * setting up a new authenticator at their next sign-in.
 */
export async function turnOffMfa(client: CognitoIdentityProviderClient, poolId: string, email: string): Promise<void> {
  await call('AdminSetUserMFAPreference', () =>
    client.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: email,
        SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
      }),
    ),
  );
}

/** Every device Cognito tracks for the rider (AdminListDevices, pages of 60 — its maximum). */
export async function listDevices(
  client: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
): Promise<DeviceType[]> {
  return call('AdminListDevices', async () => {
    const devices: DeviceType[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new AdminListDevicesCommand({
          UserPoolId: poolId,
          Username: email,
          Limit: 60,
          ...(token ? { PaginationToken: token } : {}),
        }),
      );
      devices.push(...(page.Devices ?? []));
      token = page.PaginationToken;
    } while (token);
    return devices;
  });
}

export async function forgetDevice(
  client: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
  deviceKey: string,
): Promise<void> {
  await call('AdminForgetDevice', () =>
    client.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: email, DeviceKey: deviceKey })),
  );
}

const attribute = (device: DeviceType, name: string): string | undefined =>
  device.DeviceAttributes?.find((a) => a.Name === name)?.Value;

const shown = (date: Date | undefined): string =>
  date ? `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '-';

/** A fixed-width table: NAME, KEY, STATUS (remembered or not), LAST USED. */
export function formatDeviceTable(devices: DeviceType[]): string[] {
  const rows = devices.map((device) => [
    attribute(device, 'device_name') ?? '-',
    device.DeviceKey ?? '-',
    attribute(device, 'dev:device_remembered_status') ?? '-',
    shown(device.DeviceLastAuthenticatedDate),
  ]);
  const header = ['NAME', 'KEY', 'STATUS', 'LAST USED'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A device key as Cognito makes them: `<region>_<uuid>` (DeviceKeyType, 1–55 characters). */
export const DEVICE_KEY_PATTERN = /^[\w-]+_[0-9a-f-]+$/;
