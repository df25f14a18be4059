// The device a passwordless sign-in's tokens name in NewDeviceMetadata, confirmed exactly as
// amazon-cognito-identity-js confirms it after its own sign-ins, and as AWS Amplify does after every
// sign-in, USER_AUTH included (docs/cognito-mfa-passwordless.md §3.8, §3.9, §7). In a pool that
// tracks devices, Cognito refreshes tokens only for a confirmed device whose key comes with the
// refresh (AWS Knowledge Center, "Invalid Refresh Token"; GetTokensFromRefreshToken `DeviceKey`),
// and the library's refreshSession sends the key it cached: without this, a passwordless session
// would end when its first access token expires.
import type { NewDeviceMetadataType } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoUser } from 'amazon-cognito-identity-js';
import { cognito } from './cognito-api.ts';
import { userPool } from './context.ts';
import { deviceVerifierHelper } from './srp-exponent.ts';

/** The CognitoUser members that hold and cache its device (not in the library's typings). */
interface DeviceHolder {
  deviceKey?: string;
  deviceGroupKey?: string;
  randomPassword?: string;
  verifierDevices?: string;
  cacheDeviceKeyAndPassword(): void;
}

/** The bytes of an even-length hex string as base64, as the library sends Salt and PasswordVerifier. */
function hexToBase64(hex: string): string {
  let binary = '';
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

/**
 * ConfirmDevice for `device` with a fresh device secret, then the key, group key and secret cached
 * under the library's keys for `user`. Not remembered: the device is only tracked, as after a
 * password sign-in without "Remember this device". Rejects with the library's error when Cognito
 * (or the network) refuses; nothing is cached then.
 */
export async function confirmNewDevice(
  user: CognitoUser,
  accessToken: string,
  device: NewDeviceMetadataType,
): Promise<void> {
  const { DeviceKey, DeviceGroupKey } = device;
  if (!DeviceKey || !DeviceGroupKey) return;
  const hashes = deviceVerifierHelper(userPool().getUserPoolName());
  await new Promise<void>((resolve, reject) =>
    hashes.generateHashDevice(DeviceGroupKey, DeviceKey, (err) => (err ? reject(err) : resolve())),
  );
  const verifier = {
    Salt: hexToBase64(hashes.getSaltDevices()),
    PasswordVerifier: hexToBase64(hashes.getVerifierDevices()),
  };
  await cognito('ConfirmDevice', {
    AccessToken: accessToken,
    DeviceKey,
    DeviceSecretVerifierConfig: verifier,
    // The library's own device name, which the account page's device list reads (device-name.ts):
    // the browser's user agent, "nodejs" where there is no navigator (Node 20).
    DeviceName: (globalThis.navigator as Navigator | undefined)?.userAgent ?? 'nodejs',
  });
  const holder = user as unknown as DeviceHolder;
  holder.deviceKey = DeviceKey;
  holder.deviceGroupKey = DeviceGroupKey;
  holder.randomPassword = hashes.getRandomPassword();
  holder.verifierDevices = verifier.PasswordVerifier;
  holder.cacheDeviceKeyAndPassword();
}
