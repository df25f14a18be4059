import type { DescribeUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { CLIENT_ID_RULE, POOL_ID_RULE } from '../input.ts';
import { describeClient } from '../pools.ts';
import { resolvePoolClient } from '../resources.ts';
import type { Wire } from '../wire.ts';

export const DescribeUserPoolClient: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<DescribeUserPoolClientResponse>> => {
    const poolId = input.string('UserPoolId', POOL_ID_RULE);
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    return { UserPoolClient: describeClient(resolvePoolClient(store, poolId, clientId)) };
  };
