import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** Real pool IDs: `<region>_<9 alphanumerics>`; the part after `_` feeds SRP as the "pool name". */
export const newPoolId = (region: string): string => `${region}_${randomFrom(ALNUM, 9)}`;

/** Real app client IDs: 26 lowercase alphanumerics. */
export const newClientId = (): string => randomFrom(LOWER_ALNUM, 26);

export const newClientSecret = (): string => randomFrom(LOWER_ALNUM, 51);

export const uuid = (): string => randomUUID();

/** Six decimal digits, as Cognito's `{####}` codes. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const newRequestId = (): string => randomUUID();

const randomBase64Url = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** Opaque session handle (Cognito's `Session` is a long opaque string). */
export const newSession = (): string => randomBytes(48).toString('base64');

const REFRESH_HEADER = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString('base64url');

/**
 * A refresh token shaped like Cognito's (JWE compact serialization, 5 dot-separated parts),
 * but opaque: only its hash is stored, and it is only looked up, never parsed.
 */
export const newRefreshToken = (): string =>
  [REFRESH_HEADER, randomBase64Url(256), randomBase64Url(12), randomBase64Url(96), randomBase64Url(16)].join('.');

export const poolNameOf = (poolId: string): string => poolId.slice(poolId.indexOf('_') + 1);
export const regionOf = (poolId: string): string => poolId.slice(0, poolId.indexOf('_'));

/** Device keys as Cognito issues them: `<region>_<UUID>` (docs/cognito-mfa-passwordless.md §3.2). */
export const newDeviceKey = (poolId: string): string => `${regionOf(poolId)}_${randomUUID()}`;

/** A device group key shaped like AWS's examples (`-wt2ha1Zd`): a dash and 8 alphanumerics. */
export const newDeviceGroupKey = (): string => `-${randomFrom(ALNUM, 8)}`;
