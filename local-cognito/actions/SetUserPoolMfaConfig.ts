import type { SetUserPoolMfaConfigResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE } from '../input.ts';
import { describeMfa, mfaFromRequest, poolMfa } from '../pool-mfa.ts';
import { resolvePool } from '../resources.ts';

/** OFF / OPTIONAL / ON and the factors riders may use (docs/cognito-mfa-passwordless.md §1.1). */
export const SetUserPoolMfaConfig: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<SetUserPoolMfaConfigResponse> => {
    const poolId = input.string('UserPoolId', POOL_ID_RULE);
    const pool = resolvePool(store, poolId);
    const mfa = mfaFromRequest(input, poolMfa(pool));
    store.putPool({ ...pool, mfa, updatedAt: clock.now() });
    return describeMfa(mfa);
  };
