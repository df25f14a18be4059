import type { ActionFactory } from '../context.ts';
import { DEVICE_KEY_RULE, DEVICE_STATUSES, setDeviceStatus } from '../devices.ts';
import { adminUser } from '../usernames.ts';

export const AdminUpdateDeviceStatus: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const deviceKey = input.string('DeviceKey', DEVICE_KEY_RULE);
    const status = input.optionalEnum('DeviceRememberedStatus', DEVICE_STATUSES);
    const { user } = adminUser(store, input);
    setDeviceStatus(store, clock.now(), user, deviceKey, status);
    return {};
  };
