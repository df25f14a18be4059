import type { ListUsersResponse, UserType } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context';
import { POOL_ID_RULE } from '../input';
import { resolvePool } from '../lookup';
import { page } from '../paging';
import { parseUserFilter } from '../user-filter';
import { userType } from '../users';
import type { Wire } from '../wire';

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
    const { items, next } = page(users, limit === undefined || limit === 0 ? 60 : limit, input.optionalString('PaginationToken', { min: 1 }));
    return {
      Users: items.map((u) => userType(u, attributesToGet) as Wire<UserType>),
      ...(next ? { PaginationToken: next } : {}),
    };
  };
