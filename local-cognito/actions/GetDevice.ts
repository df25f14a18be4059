import type { GetDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { DEVICE_KEY_RULE, deviceOf, deviceType } from '../devices.ts';
import { MSG, resourceNotFound } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';
import type { Wire } from '../wire.ts';

/** One of the rider's remembered devices; a not_remembered one is not found, as with Cognito (§3.5). */
export const GetDevice: ActionFactory =
  (services) =>
  async (input): Promise<Wire<GetDeviceResponse>> => {
    const deviceKey = input.string('DeviceKey', DEVICE_KEY_RULE);
    const token = input.string('AccessToken', TOKEN_RULE);
    const { user } = await authenticateAccessToken(services, token);
    const device = deviceOf(services.store, user, deviceKey);
    if (device.status !== 'remembered') throw resourceNotFound(MSG.deviceNotFound);
    return { Device: deviceType(device) };
  };
