import { checkCode } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { MSG, notAuthorized } from '../errors.ts';
import { CLIENT_ID_RULE, CODE_RULE, USERNAME_RULE } from '../input.ts';
import { resolveClient } from '../resources.ts';
import { riderNamed } from '../secret-hash.ts';
import { unknownUserCode } from '../user-existence.ts';

export const ConfirmSignUp: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const typed = input.string('Username', USERNAME_RULE);
    const code = input.string('ConfirmationCode', CODE_RULE);
    input.optionalBoolean('ForceAliasCreation');
    const { client, pool } = resolveClient(store, clientId);
    const user = riderNamed(store, { client, pool }, typed, input.optionalString('SecretHash'));
    if (!user) throw unknownUserCode(client);
    if (user.status !== 'UNCONFIRMED') throw notAuthorized(MSG.cannotConfirm(user.status));
    const now = clock.now();
    const check = checkCode(user.signUpCode, code, now);
    if (!check.ok) {
      if (check.updated) store.putUser({ ...user, signUpCode: check.updated });
      throw check.error;
    }
    const { signUpCode: _used, ...rest } = user;
    store.putUser({
      ...rest,
      status: 'CONFIRMED',
      attributes: { ...user.attributes, ...(user.attributes.email !== undefined ? { email_verified: 'true' } : {}) },
      updatedAt: now,
    });
    return {};
  };
