import type { ListUserPoolClientsResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE } from '../input.ts';
import { page } from '../paging.ts';
import { resolvePool } from '../resources.ts';

export const ListUserPoolClients: ActionFactory =
  ({ store }) =>
  async (input): Promise<ListUserPoolClientsResponse> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    const max = input.optionalInteger('MaxResults', 1, 60) ?? 60;
    const clients = store.listClients(pool.id).sort((a, b) => a.createdAt - b.createdAt);
    const { items, next } = page(clients, max, input.optionalString('NextToken', { min: 1 }));
    return {
      UserPoolClients: items.map((c) => ({ ClientId: c.clientId, UserPoolId: c.poolId, ClientName: c.name })),
      ...(next ? { NextToken: next } : {}),
    };
  };
