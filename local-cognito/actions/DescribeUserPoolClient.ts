import type { DescribeUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context';
import { CLIENT_ID_RULE, POOL_ID_RULE } from '../input';
import { resolvePoolClient } from '../lookup';
import { describeClient } from '../pools';
import type { Wire } from '../wire';

export const DescribeUserPoolClient: ActionFactory =
  ({ store }) =>
  async (input): Promise<Wire<DescribeUserPoolClientResponse>> => {
    const poolId = input.string('UserPoolId', POOL_ID_RULE);
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    return { UserPoolClient: describeClient(resolvePoolClient(store, poolId, clientId)) };
  };
