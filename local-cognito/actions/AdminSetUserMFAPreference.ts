import type { ActionFactory } from '../context.ts';
import { withMfaPreference } from '../user-mfa.ts';
import { adminUser } from '../usernames.ts';

/** An operator sets a rider's second-factor settings, e.g. off for a rider who lost the phone (§1.4). */
export const AdminSetUserMFAPreference: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = adminUser(store, input);
    const updated = withMfaPreference(input, user);
    if (updated !== user) store.putUser({ ...updated, updatedAt: clock.now() });
    return {};
  };
