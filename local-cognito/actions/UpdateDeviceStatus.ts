import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { DEVICE_KEY_RULE, DEVICE_STATUSES, setDeviceStatus } from '../devices.ts';
import { TOKEN_RULE } from '../input.ts';

/** Remembers a confirmed device, or stops remembering it (docs/cognito-mfa-passwordless.md §3.4). */
export const UpdateDeviceStatus: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const token = input.string('AccessToken', TOKEN_RULE);
    const deviceKey = input.string('DeviceKey', DEVICE_KEY_RULE);
    const status = input.optionalEnum('DeviceRememberedStatus', DEVICE_STATUSES);
    const { user } = await authenticateAccessToken(services, token);
    setDeviceStatus(services.store, services.clock.now(), user, deviceKey, status);
    return {};
  };
