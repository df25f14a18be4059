import type { SetUserPoolMfaConfigResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE } from '../input.ts';
import { describeMfa, mfaFromRequest, poolMfa } from '../pool-mfa.ts';
import { resolvePool } from '../resources.ts';
import { applyWebAuthnConfiguration } from '../webauthn-config.ts';

/** OFF / OPTIONAL / ON and the factors riders may use (docs/cognito-mfa-passwordless.md §1.1). */
export const SetUserPoolMfaConfig: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<SetUserPoolMfaConfigResponse> => {
    const poolId = input.string('UserPoolId', POOL_ID_RULE);
    const pool = resolvePool(store, poolId);
    const now = clock.now();
    const mfa = mfaFromRequest(input, poolMfa(pool));
    // The relying party is the pool's passkey setting (webauthn-config.ts); left out, it stays as it was.
    const webAuthn = input.optionalObject('WebAuthnConfiguration');
    const updated = { ...(webAuthn ? applyWebAuthnConfiguration(pool, webAuthn, now) : pool), mfa, updatedAt: now };
    store.putPool(updated);
    return describeMfa(mfa, updated);
  };
