import type { ActionFactory } from '../context.ts';
import { adminUser } from '../usernames.ts';

export const AdminEnableUser: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = adminUser(store, input);
    store.putUser({ ...user, enabled: true, updatedAt: clock.now() });
    return {};
  };
