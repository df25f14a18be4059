import { checkCode } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { MSG, notAuthorized } from '../errors.ts';
import { CLIENT_ID_RULE, CODE_RULE, PASSWORD_RULE, USERNAME_RULE } from '../input.ts';
import { withoutFailures } from '../lockout.ts';
import { assertPasswordConforms } from '../password-policy.ts';
import { srpCredentials } from '../passwords.ts';
import { resolveClient } from '../resources.ts';
import { riderNamed } from '../secret-hash.ts';
import { unknownUserCode } from '../user-existence.ts';

export const ConfirmForgotPassword: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const typed = input.string('Username', USERNAME_RULE);
    const code = input.string('ConfirmationCode', CODE_RULE);
    const password = input.string('Password', PASSWORD_RULE);
    const { client, pool } = resolveClient(store, clientId);
    const user = riderNamed(store, { client, pool }, typed, input.optionalString('SecretHash'));
    if (!user) throw unknownUserCode(client);
    if (!user.enabled) throw notAuthorized(MSG.userDisabled);
    const now = clock.now();
    const check = checkCode(user.resetCode, code, now);
    if (!check.ok) {
      if (check.updated) store.putUser({ ...user, resetCode: check.updated });
      throw check.error;
    }
    // A weak password keeps the code usable: the rider fixes the password and submits again.
    assertPasswordConforms(pool.policy, password);
    const { resetCode: _used, ...rest } = withoutFailures(user);
    store.putUser({
      ...rest,
      status: user.status === 'RESET_REQUIRED' ? 'CONFIRMED' : user.status,
      srp: srpCredentials(pool, user.username, password),
      updatedAt: now,
    });
    return {};
  };
