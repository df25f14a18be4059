import type { UpdateUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import { POOL_SETTINGS } from '../../shared/cognito-update.ts';
import type { ActionFactory } from '../context.ts';
import { Input, POOL_ID_RULE } from '../input.ts';
import { buildPool } from '../pools.ts';
import { resolvePool } from '../resources.ts';
import { pickMembers } from '../update-input.ts';

/**
 * The CreateUserPool settings no update changes (developer guide `cognito-user-pool-updating`,
 * "Settings you can't change"): they stay as created.
 */
const FIXED = ['UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration', 'Schema'];

/**
 * UpdateUserPool as Cognito does it: the pool becomes what the request says, and every setting it
 * leaves out goes back to its default (docs/cognito.md §6). Members UpdateUserPool does not take are
 * ignored, as the service ignores unknown members. A request that breaks a rule changes nothing.
 */
export const UpdateUserPool: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<UpdateUserPoolResponse> => {
    const existing = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    const merged = {
      ...pickMembers(existing.input, FIXED),
      PoolName: existing.name,
      ...pickMembers(input.body, [...POOL_SETTINGS, 'PoolName']),
    };
    const now = clock.now();
    const rebuilt = buildPool(new Input(merged), existing.id, now);
    store.putPool({ ...rebuilt, createdAt: existing.createdAt, fakeSrpSecret: existing.fakeSrpSecret });
    return {};
  };
