import { createHash } from 'node:crypto';
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { seconds } from './clock.ts';
import { issuerFor, type RequestContext, type Services } from './context.ts';
import { tracksDevices } from './devices.ts';
import { MSG, notAuthorized } from './errors.ts';
import { newDeviceGroupKey, newDeviceKey, newRefreshToken, uuid } from './ids.ts';
import type { ClientRecord, DeviceRecord, LineageRecord, PoolRecord, UserRecord } from './records.ts';

/**
 * Token lineages: one per sign-in, holding its refresh token (by hash) and what every access and
 * ID token refreshed from it shares (origin_jti, auth_time); revoking a lineage ends them all.
 */

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

type TokenServices = Pick<Services, 'store' | 'clock' | 'tokens'>;

/**
 * Mints the three tokens for a successful sign-in and records the refresh token's lineage. Every
 * sign-in path ends here, so this is where device tracking happens (docs/cognito-mfa-passwordless.md
 * §3.2): a sign-in on a known `device` (the DEVICE_KEY the client sent, already checked to be this
 * user's) marks its last use; any other sign-in in a pool that tracks devices gets a new key as
 * NewDeviceMetadata, which this lineage keeps for ConfirmDevice.
 */
export async function completeSignIn(
  { store, clock, tokens }: TokenServices,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  ctx: RequestContext,
  device?: DeviceRecord,
): Promise<AuthenticationResultType> {
  const now = clock.now();
  const refreshToken = newRefreshToken();
  const newDevice = tracksDevices(pool) && !device ? newDeviceFor(store, pool, user) : undefined;
  if (device && tracksDevices(pool)) store.putDevice({ ...device, lastAuthenticatedAt: now });
  const lineage: LineageRecord = {
    originJti: uuid(),
    poolId: pool.id,
    clientId: client.clientId,
    username: user.username,
    authTime: seconds(now),
    eventId: uuid(),
    refreshHash: hashToken(refreshToken),
    refreshExpiresAt: now + client.refreshTokenSeconds * 1000,
    revoked: false,
    ...(device && tracksDevices(pool) ? { deviceKey: device.deviceKey } : {}),
    ...(newDevice ? { deviceKey: newDevice.DeviceKey, newDeviceGroupKey: newDevice.DeviceGroupKey } : {}),
  };
  store.putLineage(lineage);
  const result = await mintTokens({ tokens }, pool, client, user, lineage, ctx);
  return { ...result, RefreshToken: refreshToken, ...(newDevice ? { NewDeviceMetadata: newDevice } : {}) };
}

/**
 * A new device key; the group key is the one the user's devices already share, else a new one
 * (one per user: a choice, docs/cognito-mfa-passwordless.md §6).
 */
function newDeviceFor(
  store: Services['store'],
  pool: PoolRecord,
  user: UserRecord,
): { DeviceKey: string; DeviceGroupKey: string } {
  const groupKey = store.devicesOf(user)[0]?.groupKey ?? newDeviceGroupKey();
  return { DeviceKey: newDeviceKey(pool.id), DeviceGroupKey: groupKey };
}

/**
 * New tokens from a refresh token (InitiateAuth REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken).
 * With `rotate`, the refresh token is replaced by a new one; the old one keeps working for the
 * client's retry grace period only.
 */
export async function refreshTokens(
  services: TokenServices,
  pool: PoolRecord,
  client: ClientRecord,
  refreshToken: string,
  ctx: RequestContext,
  options: { rotate: boolean; checkSecret?: (user: UserRecord) => void },
): Promise<AuthenticationResultType> {
  const { store, clock } = services;
  const now = clock.now();
  const hash = hashToken(refreshToken);
  const lineage = store.lineageByRefreshHash(hash);
  if (!lineage || lineage.clientId !== client.clientId || lineage.poolId !== pool.id) {
    throw notAuthorized(MSG.invalidRefresh);
  }
  if (lineage.revoked) throw notAuthorized(MSG.refreshRevoked);
  const rotatedOut = hash !== lineage.refreshHash;
  if (rotatedOut && (lineage.previousValidUntil ?? 0) <= now) throw notAuthorized(MSG.invalidRefresh);
  if (lineage.refreshExpiresAt <= now) throw notAuthorized(MSG.refreshExpired);
  const user = store.user(pool.id, lineage.username);
  if (!user) throw notAuthorized(MSG.invalidRefresh);
  options.checkSecret?.(user);
  if (!user.enabled) throw notAuthorized(MSG.userDisabled);
  const result = await mintTokens(services, pool, client, user, lineage, ctx);
  if (!options.rotate || !client.refreshRotation) return result;
  if (rotatedOut) return result; // a retry within the grace period: tokens, but no second rotation
  const next = newRefreshToken();
  store.putLineage({
    ...lineage,
    refreshHash: hashToken(next),
    previousRefreshHash: hash,
    previousValidUntil: now + client.refreshRotation.graceSeconds * 1000,
  });
  return { ...result, RefreshToken: next };
}

/** Access and ID tokens for a lineage (a fresh sign-in or a refresh). */
async function mintTokens(
  { tokens }: Pick<Services, 'tokens'>,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  lineage: LineageRecord,
  ctx: RequestContext,
): Promise<AuthenticationResultType> {
  const iss = issuerFor(ctx, pool.id);
  const common = {
    iss,
    clientId: client.clientId,
    sub: user.sub,
    username: user.username,
    authTime: lineage.authTime,
    originJti: lineage.originJti,
    eventId: lineage.eventId,
  };
  const [AccessToken, IdToken] = await Promise.all([
    tokens.issueAccessToken({
      ...common,
      lifetimeSeconds: client.accessTokenSeconds,
      ...(lineage.deviceKey ? { deviceKey: lineage.deviceKey } : {}),
    }),
    tokens.issueIdToken({ ...common, attributes: user.attributes, lifetimeSeconds: client.idTokenSeconds }),
  ]);
  return { AccessToken, ExpiresIn: client.accessTokenSeconds, TokenType: 'Bearer', IdToken };
}

/** Revokes every refresh token (and so every access token) of a user. */
export function revokeAll(store: Services['store'], user: UserRecord): void {
  for (const l of store.lineagesOf(user)) if (!l.revoked) store.putLineage({ ...l, revoked: true });
}
