import type { CreateUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context';
import { POOL_ID_RULE } from '../input';
import { resolvePool } from '../lookup';
import { buildClient, describeClient } from '../pools';
import type { Wire } from '../wire';

export const CreateUserPoolClient: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Wire<CreateUserPoolClientResponse>> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    const client = buildClient(input, pool, clock.now());
    store.putClient(client);
    return { UserPoolClient: describeClient(client) };
  };
