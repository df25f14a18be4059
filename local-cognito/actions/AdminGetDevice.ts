import type { AdminGetDeviceResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { DEVICE_KEY_RULE, deviceOf, deviceType } from '../devices.ts';
import { adminUser } from '../usernames.ts';
import type { Wire } from '../wire.ts';

export const AdminGetDevice: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<AdminGetDeviceResponse>> => {
    const deviceKey = input.string('DeviceKey', DEVICE_KEY_RULE);
    const { user } = adminUser(store, input);
    return { Device: deviceType(deviceOf(store, user, deviceKey)) };
  };
