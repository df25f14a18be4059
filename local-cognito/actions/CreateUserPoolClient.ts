import type { CreateUserPoolClientResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE } from '../input.ts';
import { buildClient, describeClient } from '../pools.ts';
import { resolvePool } from '../resources.ts';
import type { Wire } from '../wire.ts';

export const CreateUserPoolClient: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Wire<CreateUserPoolClientResponse>> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    const client = buildClient(input, pool, clock.now());
    store.putClient(client);
    return { UserPoolClient: describeClient(client) };
  };
