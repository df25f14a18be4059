import type { ActionFactory } from '../context.ts';
import { MSG, notAuthorized } from '../errors.ts';
import { adminUser } from '../usernames.ts';

/** Confirms a rider without a code (test riders with fake addresses). The email stays unverified, as in Cognito. */
export const AdminConfirmSignUp: ActionFactory =
  ({ store, clock }) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = adminUser(store, input);
    input.optionalStringMap('ClientMetadata');
    if (user.status !== 'UNCONFIRMED') throw notAuthorized(MSG.cannotConfirm(user.status));
    const { signUpCode: _dropped, ...rest } = user;
    store.putUser({ ...rest, status: 'CONFIRMED', updatedAt: clock.now() });
    return {};
  };
