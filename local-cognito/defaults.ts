import { LOCAL_POOL } from '../shared/local-pool.ts';
import { appClientSettings, DEFAULT_CLIENT_NAME, DEFAULT_POOL_NAME, userPoolSettings } from '../shared/rider-pool.ts';
import type { Clock } from './clock.ts';
import { Input } from './input.ts';
import { buildClient, buildPool } from './pools.ts';
import type { Store } from './store.ts';

/** The pool and app client `src/config.ts` uses when no VITE_COGNITO_* variables are set. */
export const DEFAULT_REGION = LOCAL_POOL.region;
export const DEFAULT_POOL_ID = LOCAL_POOL.userPoolId;
export const DEFAULT_CLIENT_ID = LOCAL_POOL.clientId;

/** Creates the default pool and web client on first start: the same settings `npm run provision` uses in AWS. */
export function ensureDefaults(store: Store, clock: Clock): void {
  const now = clock.now();
  let pool = store.pool(DEFAULT_POOL_ID);
  if (!pool) {
    pool = buildPool(new Input(userPoolSettings(DEFAULT_POOL_NAME)), DEFAULT_POOL_ID, now);
    store.putPool(pool);
  }
  if (!store.client(DEFAULT_CLIENT_ID)) {
    store.putClient(
      buildClient(
        new Input({ UserPoolId: DEFAULT_POOL_ID, ...appClientSettings(DEFAULT_CLIENT_NAME) }),
        pool,
        now,
        DEFAULT_CLIENT_ID,
      ),
    );
  }
}
