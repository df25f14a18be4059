import type { ActionFactory } from '../context.ts';
import { DEVICE_KEY_RULE, deviceOf } from '../devices.ts';
import { adminUser } from '../usernames.ts';

export const AdminForgetDevice: ActionFactory =
  ({ store }) =>
  async (input): Promise<Record<string, never>> => {
    const deviceKey = input.string('DeviceKey', DEVICE_KEY_RULE);
    const { user } = adminUser(store, input);
    store.deleteDevice(deviceOf(store, user, deviceKey));
    return {};
  };
