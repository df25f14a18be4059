import type { ActionFactory } from '../context.ts';
import { PASSWORD_RULE } from '../input.ts';
import { withoutFailures } from '../lockout.ts';
import { assertPasswordConforms } from '../password-policy.ts';
import { srpCredentials } from '../passwords.ts';
import { adminUser } from '../usernames.ts';

export const AdminSetUserPassword: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const { pool, user } = adminUser(store, input);
    const password = input.string('Password', PASSWORD_RULE);
    const permanent = input.optionalBoolean('Permanent') ?? false;
    assertPasswordConforms(pool.policy, password);
    const now = clock.now();
    const { tempPasswordExpiresAt: _old, signUpCode: _code, ...rest } = withoutFailures(user);
    store.putUser({
      ...rest,
      srp: srpCredentials(pool, user.username, password),
      status: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
      ...(permanent ? {} : { tempPasswordExpiresAt: now + pool.policy.TemporaryPasswordValidityDays * 86_400_000 }),
      updatedAt: now,
    });
    return {};
  };
