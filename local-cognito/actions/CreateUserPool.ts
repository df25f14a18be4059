import type { CreateUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { newPoolId } from '../ids.ts';
import { buildPool, describePool } from '../pools.ts';
import type { Wire } from '../wire.ts';

export const CreateUserPool: ActionFactory =
  ({ store, clock }) =>
  async (input, ctx): Promise<Wire<CreateUserPoolResponse>> => {
    const pool = buildPool(input, newPoolId(ctx.region), clock.now());
    store.putPool(pool);
    return { UserPool: describePool(pool, 0) };
  };
