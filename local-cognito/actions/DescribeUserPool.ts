import type { DescribeUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context';
import { POOL_ID_RULE } from '../input';
import { resolvePool } from '../lookup';
import { describePool } from '../pools';
import type { Wire } from '../wire';

export const DescribeUserPool: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<DescribeUserPoolResponse>> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    return { UserPool: describePool(pool, store.listUsers(pool.id).length) };
  };
