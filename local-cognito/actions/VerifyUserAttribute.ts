import { authenticateAccessToken } from '../access-token-caller.ts';
import { checkCode } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { CODE_RULE, TOKEN_RULE } from '../input.ts';

export const VerifyUserAttribute: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const { store, clock } = services;
    const token = input.string('AccessToken', TOKEN_RULE);
    const name = input.string('AttributeName', { min: 1, max: 32 });
    const code = input.string('Code', CODE_RULE);
    const { user } = await authenticateAccessToken(services, token);
    const now = clock.now();
    const pending = user.attributeCodes?.[name];
    const check = checkCode(pending, code, now);
    if (!check.ok) {
      if (check.updated) store.putUser({ ...user, attributeCodes: { ...user.attributeCodes, [name]: check.updated } });
      throw check.error;
    }
    const { [name]: _used, ...otherCodes } = user.attributeCodes ?? {};
    store.putUser({
      ...user,
      attributes: { ...user.attributes, [`${name}_verified`]: 'true' },
      attributeCodes: otherCodes,
      updatedAt: now,
    });
    return {};
  };
