import type { UpdateUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import { CLIENT_SETTINGS } from '../../shared/cognito-update.ts';
import type { ActionFactory } from '../context.ts';
import { CLIENT_ID_RULE, Input, POOL_ID_RULE } from '../input.ts';
import { buildClient, describeClient } from '../pools.ts';
import { resolvePool, resolvePoolClient } from '../resources.ts';
import { pickMembers } from '../update-input.ts';
import type { Wire } from '../wire.ts';

/**
 * UpdateUserPoolClient as Cognito does it: the client becomes what the request says and every
 * setting left out goes back to its default (docs/cognito.md §6); its ID, creation date and secret
 * stay (a secret cannot be added or removed by an update). Without ClientName the name stays: the
 * API reference gives no default name, so that is the local pool's choice.
 */
export const UpdateUserPoolClient: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Wire<UpdateUserPoolClientResponse>> => {
    const poolId = input.string('UserPoolId', POOL_ID_RULE);
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const existing = resolvePoolClient(store, poolId, clientId);
    const merged = { UserPoolId: poolId, ClientName: existing.name, ...pickMembers(input.body, CLIENT_SETTINGS) };
    const rebuilt = buildClient(new Input(merged), resolvePool(store, poolId), clock.now(), clientId);
    const client = {
      ...rebuilt,
      createdAt: existing.createdAt,
      ...(existing.secret ? { secret: existing.secret } : {}),
    };
    store.putClient(client);
    return { UserPoolClient: describeClient(client) };
  };
