import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { DEVICE_KEY_RULE, deviceOf } from '../devices.ts';
import { TOKEN_RULE } from '../input.ts';

/** Forgets one of the rider's devices; its key then signs in like a new device (§3.5). */
export const ForgetDevice: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const deviceKey = input.string('DeviceKey', DEVICE_KEY_RULE);
    const token = input.string('AccessToken', TOKEN_RULE);
    const { user } = await authenticateAccessToken(services, token);
    services.store.deleteDevice(deviceOf(services.store, user, deviceKey));
    return {};
  };
