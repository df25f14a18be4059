import type { ActionFactory } from '../context.ts';
import { revokeAll } from '../token-lineages.ts';
import { adminUser } from '../usernames.ts';

export const AdminUserGlobalSignOut: ActionFactory =
  ({ store }) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = adminUser(store, input);
    revokeAll(store, user);
    return {};
  };
