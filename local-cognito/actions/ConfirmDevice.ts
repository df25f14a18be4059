import type { ConfirmDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { DEVICE_KEY_RULE, DEVICE_NAME_RULE, deviceVerifier, strictBase64 } from '../devices.ts';
import { deviceKeyExists, invalidParameter, MSG, resourceNotFound } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';

/**
 * Confirms the device key a sign-in returned as NewDeviceMetadata, storing the device's SRP salt
 * and verifier (docs/cognito-mfa-passwordless.md §3.3, §3.7). Only the sign-in that issued the key
 * (the access token's lineage) can confirm it. "Always" pools remember the device at once;
 * "user opt-in" pools answer UserConfirmationNecessary and wait for UpdateDeviceStatus.
 */
export const ConfirmDevice: ActionFactory =
  (services) =>
  async (input): Promise<ConfirmDeviceResponse> => {
    const { store, clock } = services;
    const token = input.string('AccessToken', TOKEN_RULE);
    const deviceKey = input.string('DeviceKey', DEVICE_KEY_RULE);
    const config = input.optionalObject('DeviceSecretVerifierConfig');
    const verifierText = config?.optionalString('PasswordVerifier');
    const saltText = config?.optionalString('Salt');
    const name = input.optionalString('DeviceName', DEVICE_NAME_RULE);
    const { pool, user, lineage } = await authenticateAccessToken(services, token);
    const existing = store.device(deviceKey);
    if (existing?.poolId === user.poolId && existing.username === user.username) {
      throw deviceKeyExists(MSG.deviceKeyExists);
    }
    const groupKey = lineage.newDeviceGroupKey;
    if (!pool.devices || existing || lineage.deviceKey !== deviceKey || groupKey === undefined) {
      throw resourceNotFound(MSG.deviceNotFound);
    }
    const salt = strictBase64(saltText);
    const verifierBytes = strictBase64(verifierText);
    const verifier = verifierBytes && deviceVerifier(verifierBytes);
    if (!salt || salt.length > 64 || !verifier) throw invalidParameter(MSG.deviceVerifierInvalid);
    const now = clock.now();
    const remembered = !pool.devices.deviceOnlyRememberedOnUserPrompt;
    store.putDevice({
      deviceKey,
      poolId: pool.id,
      username: user.username,
      groupKey,
      ...(name === undefined ? {} : { name }),
      salt: salt.toString('hex'),
      verifier,
      status: remembered ? 'remembered' : 'not_remembered',
      createdAt: now,
      updatedAt: now,
      lastAuthenticatedAt: now,
    });
    const { newDeviceGroupKey: _confirmed, ...rest } = lineage;
    store.putLineage(rest);
    return { UserConfirmationNecessary: !remembered };
  };
