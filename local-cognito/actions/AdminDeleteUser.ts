import type { ActionFactory } from '../context.ts';
import { adminUser } from '../usernames.ts';

export const AdminDeleteUser: ActionFactory =
  ({ store }) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = adminUser(store, input);
    store.deleteUser(user);
    return {};
  };
