import type { ListDevicesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { readDevicePage } from '../devices.ts';
import { TOKEN_RULE } from '../input.ts';
import type { Wire } from '../wire.ts';

/** The rider's remembered devices: devices only tracked (not_remembered) are not listed (§3.5). */
export const ListDevices: ActionFactory =
  (services) =>
  async (input): Promise<Wire<ListDevicesResponse>> => {
    const token = input.string('AccessToken', TOKEN_RULE);
    const pageOf = readDevicePage(input);
    const { user } = await authenticateAccessToken(services, token);
    return pageOf(services.store.devicesOf(user).filter((d) => d.status === 'remembered'));
  };
