import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { PASSWORD_RULE, TOKEN_RULE } from '../input.ts';
import { assertPasswordConforms } from '../password-policy.ts';
import { assertNotLockedOut, failedPassword, passwordMatches, srpCredentials } from '../passwords.ts';

export const ChangePassword: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const { store, clock } = services;
    const token = input.string('AccessToken', TOKEN_RULE);
    const previous = input.string('PreviousPassword', PASSWORD_RULE);
    const proposed = input.string('ProposedPassword', PASSWORD_RULE);
    const { pool, user } = await authenticateAccessToken(services, token);
    const now = clock.now();
    assertNotLockedOut(user, now);
    if (!passwordMatches(pool, user, previous)) throw failedPassword(services, user);
    assertPasswordConforms(pool.policy, proposed);
    store.putUser({ ...user, srp: srpCredentials(pool, user.username, proposed), updatedAt: now });
    return {};
  };
