import type { ActionFactory } from '../context.ts';
import { revokeAll } from '../token-lineages.ts';
import { adminUser } from '../usernames.ts';

export const AdminDisableUser: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = adminUser(store, input);
    store.putUser({ ...user, enabled: false, updatedAt: clock.now() });
    revokeAll(store, user);
    return {};
  };
