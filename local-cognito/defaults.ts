import { LOCAL_POOL } from '../shared/local-pool.ts';
import {
  DEFAULT_CLIENT_NAME,
  DEFAULT_POOL_NAME,
  passwordlessClientSettings,
  passwordlessPoolSettings,
  riderMfaSettings,
  USER_AUTH_FLOW,
} from '../shared/rider-pool.ts';
import type { Clock } from './clock.ts';
import { Input } from './input.ts';
import { mfaFromRequest, poolMfa } from './pool-mfa.ts';
import { buildClient, buildPool } from './pools.ts';
import { signInSettings } from './sign-in-policy.ts';
import type { Store } from './store.ts';

/** The pool and app client `src/config.ts` uses when no VITE_COGNITO_* variables are set. */
export const DEFAULT_REGION = LOCAL_POOL.region;
export const DEFAULT_POOL_ID = LOCAL_POOL.userPoolId;
export const DEFAULT_CLIENT_ID = LOCAL_POOL.clientId;

/**
 * Creates the default pool and web client on first start: the settings `npm run provision --
 * --passwordless` uses in AWS (password, emailed code and passkey sign-in, USER_AUTH allowed).
 */
export function ensureDefaults(store: Store, clock: Clock): void {
  const now = clock.now();
  let pool = store.pool(DEFAULT_POOL_ID);
  const poolInput = passwordlessPoolSettings(DEFAULT_POOL_NAME);
  if (!pool) {
    // As `npm run provision` does: CreateUserPool, then SetUserPoolMfaConfig.
    const created = buildPool(new Input(poolInput), DEFAULT_POOL_ID, now);
    pool = { ...created, mfa: mfaFromRequest(new Input(riderMfaSettings()), poolMfa(created)) };
    store.putPool(pool);
  }
  if (pool.mfa === undefined) {
    // A default pool stored before MFA and verified email changes: give it the riders' settings once.
    pool = {
      ...pool,
      mfa: mfaFromRequest(new Input(riderMfaSettings()), poolMfa(pool)),
      verifyBeforeUpdate: ['email'],
      input: { ...pool.input, UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } },
    };
    store.putPool(pool);
  }
  if (pool.devices === undefined) {
    // A default pool stored before device tracking: the riders' setting ("user opt-in") once.
    const { devices, input } = buildPool(new Input(poolInput), DEFAULT_POOL_ID, now);
    if (devices) {
      pool = { ...pool, devices, input: { ...pool.input, DeviceConfiguration: input.DeviceConfiguration } };
      store.putPool(pool);
    }
  }
  if (pool.firstAuthFactors === undefined) {
    // A data directory from before issue 10 (its default pool has no sign-in policy): give the
    // default pool and client passwordless sign-in once; nothing else of theirs changes.
    pool = { ...pool, ...signInSettings(new Input(poolInput)), updatedAt: now };
    store.putPool(pool);
    const client = store.client(DEFAULT_CLIENT_ID);
    if (client && !client.explicitAuthFlows.includes(USER_AUTH_FLOW)) {
      store.putClient({ ...client, explicitAuthFlows: [...client.explicitAuthFlows, USER_AUTH_FLOW], updatedAt: now });
    }
  }
  if (!store.client(DEFAULT_CLIENT_ID)) {
    store.putClient(
      buildClient(
        new Input({ UserPoolId: DEFAULT_POOL_ID, ...passwordlessClientSettings(DEFAULT_CLIENT_NAME) }),
        pool,
        now,
        DEFAULT_CLIENT_ID,
      ),
    );
  }
}
