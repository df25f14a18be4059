import type { ListUserPoolsResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { page } from '../paging.ts';
import type { Wire } from '../wire.ts';
import { wireDate } from '../wire.ts';

export const ListUserPools: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<ListUserPoolsResponse>> => {
    const max = input.optionalInteger('MaxResults', 1, 60);
    if (max === undefined) input.string('MaxResults');
    const pools = store.listPools().sort((a, b) => a.createdAt - b.createdAt);
    const { items, next } = page(pools, max ?? 60, input.optionalString('NextToken', { min: 1 }));
    return {
      UserPools: items.map((p) => ({
        Id: p.id,
        Name: p.name,
        LambdaConfig: {},
        CreationDate: wireDate(p.createdAt),
        LastModifiedDate: wireDate(p.updatedAt),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  };
