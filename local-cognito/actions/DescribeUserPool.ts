import type { DescribeUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE } from '../input.ts';
import { describePool } from '../pools.ts';
import { resolvePool } from '../resources.ts';
import type { Wire } from '../wire.ts';

export const DescribeUserPool: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<DescribeUserPoolResponse>> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    return { UserPool: describePool(pool, store.listUsers(pool.id).length) };
  };
