import { MSG, resourceNotFound } from './errors.ts';
import type { ClientRecord, PoolRecord } from './records.ts';
import type { Store } from './store.ts';

/** The pools and app clients a request names, or Cognito's ResourceNotFoundException. */

export function resolvePool(store: Store, poolId: string): PoolRecord {
  const pool = store.pool(poolId);
  if (!pool) throw resourceNotFound(MSG.poolNotFound(poolId));
  return pool;
}

export function resolveClient(store: Store, clientId: string): { client: ClientRecord; pool: PoolRecord } {
  const client = store.client(clientId);
  const pool = client && store.pool(client.poolId);
  if (!client || !pool) throw resourceNotFound(MSG.clientNotFound(clientId));
  return { client, pool };
}

export function resolvePoolClient(store: Store, poolId: string, clientId: string): ClientRecord {
  resolvePool(store, poolId);
  const client = store.client(clientId);
  if (!client || client.poolId !== poolId) throw resourceNotFound(MSG.clientNotFound(clientId));
  return client;
}
