import type { ListUsersResponse, UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE } from '../input.ts';
import { page } from '../paging.ts';
import { resolvePool } from '../resources.ts';
import { parseUserFilter } from '../user-filter.ts';
import { userType, type Wire } from '../wire.ts';

export const ListUsers: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<ListUsersResponse>> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    const attributesToGet = input.optionalStringList('AttributesToGet');
    const limit = input.optionalInteger('Limit', 0, 60);
    const matches = parseUserFilter(input.optionalString('Filter', { max: 256 }));
    const users = store
      .listUsers(pool.id)
      .filter(matches)
      .sort((a, b) => a.createdAt - b.createdAt || a.username.localeCompare(b.username));
    const { items, next } = page(
      users,
      limit === undefined || limit === 0 ? 60 : limit,
      input.optionalString('PaginationToken', { min: 1 }),
    );
    return {
      Users: items.map((u) => userType(u, attributesToGet) as Wire<UserType>),
      ...(next ? { PaginationToken: next } : {}),
    };
  };
