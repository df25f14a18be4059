import type { GetUserPoolMfaConfigResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE } from '../input.ts';
import { describeMfa, poolMfa } from '../pool-mfa.ts';
import { resolvePool } from '../resources.ts';

export const GetUserPoolMfaConfig: ActionFactory =
  ({ store }) =>
  async (input): Promise<GetUserPoolMfaConfigResponse> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    return describeMfa(poolMfa(pool), pool);
  };
