import { authenticateAccessToken } from '../access-token-caller.ts';
import { checkCode } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { aliasExists, MSG } from '../errors.ts';
import { CODE_RULE, TOKEN_RULE } from '../input.ts';

/**
 * Confirms an attribute with its code. A value waiting for verification (UpdateUserAttributes in
 * a pool with AttributesRequireVerificationBeforeUpdate) replaces the current one now, if no other
 * user took that address meanwhile.
 */
export const VerifyUserAttribute: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const { store, clock } = services;
    const token = input.string('AccessToken', TOKEN_RULE);
    const name = input.string('AttributeName', { min: 1, max: 32 });
    const code = input.string('Code', CODE_RULE);
    const { pool, user } = await authenticateAccessToken(services, token);
    const now = clock.now();
    const pending = user.attributeCodes?.[name];
    const check = checkCode(pending, code, now);
    if (!check.ok) {
      if (check.updated) store.putUser({ ...user, attributeCodes: { ...user.attributeCodes, [name]: check.updated } });
      throw check.error;
    }
    const { pendingAttributes: _pending, ...rest } = user;
    const { [name]: newValue, ...stillPending } = user.pendingAttributes ?? {};
    if (name === 'email' && newValue !== undefined) {
      const owner = store.userByEmail(pool.id, newValue);
      if (owner && owner.username !== user.username) throw aliasExists(MSG.emailExists);
    }
    const { [name]: _used, ...otherCodes } = user.attributeCodes ?? {};
    store.putUser({
      ...rest,
      ...(Object.keys(stillPending).length > 0 ? { pendingAttributes: stillPending } : {}),
      attributes: {
        ...user.attributes,
        ...(newValue !== undefined ? { [name]: newValue } : {}),
        [`${name}_verified`]: 'true',
      },
      attributeCodes: otherCodes,
      updatedAt: now,
    });
    return {};
  };
