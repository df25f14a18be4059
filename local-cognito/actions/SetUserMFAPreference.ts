import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { TOKEN_RULE } from '../input.ts';
import { withMfaPreference } from '../user-mfa.ts';

/** The signed-in rider turns their authenticator on or off as second factor (docs/cognito-mfa-passwordless.md §1.4). */
export const SetUserMFAPreference: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const token = input.string('AccessToken', TOKEN_RULE);
    const { user } = await authenticateAccessToken(services, token);
    const updated = withMfaPreference(input, user);
    if (updated !== user) services.store.putUser({ ...updated, updatedAt: services.clock.now() });
    return {};
  };
