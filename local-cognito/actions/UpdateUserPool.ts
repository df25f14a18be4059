import type { UpdateUserPoolResponse } from '@aws-sdk/client-cognito-identity-provider';
import { POOL_SETTINGS } from '../../shared/cognito-update.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG } from '../errors.ts';
import { Input, POOL_ID_RULE } from '../input.ts';
import { mfaFromRequest, poolMfa } from '../pool-mfa.ts';
import { buildPool } from '../pools.ts';
import type { PoolMfaRecord, PoolRecord } from '../records.ts';
import { resolvePool } from '../resources.ts';
import { pickMembers } from '../update-input.ts';

/**
 * The CreateUserPool settings no update changes (developer guide `cognito-user-pool-updating`,
 * "Settings you can't change"): they stay as created.
 */
const FIXED = ['UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration', 'Schema'];

/**
 * Record fields SetUserPoolMfaConfig sets and no UpdateUserPool member touches, kept as they are: the
 * passkey relying party (`webAuthn`, the passwordless work's field; `mfa` is handled below). Named as
 * strings so this reads records with or without that field.
 */
const SET_BY_MFA_CONFIG = ['webAuthn'];

/**
 * MFA is SetUserPoolMfaConfig's (docs/cognito-mfa-passwordless.md §1.1): UpdateUserPool keeps the
 * factors and may set the mode OFF or OPTIONAL (left out: OFF, its default), but refuses to switch
 * it ON ("Cannot turn MFA functionality ON, once the user pool has been created.").
 */
function mfaAfterUpdate(input: Input, pool: PoolRecord): PoolMfaRecord {
  const current = poolMfa(pool);
  const mode = input.optionalEnum('MfaConfiguration', ['OFF', 'ON', 'OPTIONAL'] as const) ?? 'OFF';
  if (mode === current.configuration) return current;
  if (mode === 'ON') throw invalidParameter(MSG.mfaOnAfterCreate);
  return mfaFromRequest(new Input({ MfaConfiguration: mode }), current);
}

/**
 * UpdateUserPool as Cognito does it: the pool becomes what the request says, and every setting it
 * leaves out goes back to its default (docs/cognito.md §6). Members UpdateUserPool does not take are
 * ignored, as the service ignores unknown members. A request that breaks a rule changes nothing.
 */
export const UpdateUserPool: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<UpdateUserPoolResponse> => {
    const existing = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    const { MfaConfiguration: _mfa, ...settings } = pickMembers(input.body, [...POOL_SETTINGS, 'PoolName']);
    const merged = { ...pickMembers(existing.input, FIXED), PoolName: existing.name, ...settings };
    const rebuilt = buildPool(new Input(merged), existing.id, clock.now());
    const mfa = mfaAfterUpdate(input, existing);
    const kept = pickMembers(existing as unknown as Record<string, unknown>, SET_BY_MFA_CONFIG);
    store.putPool({ ...rebuilt, ...kept, mfa, createdAt: existing.createdAt, fakeSrpSecret: existing.fakeSrpSecret });
    return {};
  };
