import type { ActionFactory } from '../context.ts';
import { POOL_ID_RULE, USERNAME_RULE } from '../input.ts';
import { revokeAll } from '../token-lineages.ts';
import { adminUser } from '../usernames.ts';

export const AdminDisableUser: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = adminUser(
      store,
      input.string('UserPoolId', POOL_ID_RULE),
      input.string('Username', USERNAME_RULE),
    );
    store.putUser({ ...user, enabled: false, updatedAt: clock.now() });
    revokeAll(store, user);
    return {};
  };
