import type { AdminListDevicesResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { readDevicePage } from '../devices.ts';
import { adminUser } from '../usernames.ts';
import type { Wire } from '../wire.ts';

/**
 * Every confirmed device of the user, remembered or not: operators see the tracked ones too (a
 * choice, docs/cognito.md §6; each carries dev:device_remembered_status).
 */
export const AdminListDevices: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<AdminListDevicesResponse>> => {
    const pageOf = readDevicePage(input);
    const { user } = adminUser(store, input);
    return pageOf(store.devicesOf(user));
  };
