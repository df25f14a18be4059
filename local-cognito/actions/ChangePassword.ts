import type { ActionFactory } from '../context';
import { poolNameOf } from '../ids';
import { PASSWORD_RULE, TOKEN_RULE } from '../input';
import { assertNotLockedOut, failedPassword, passwordMatches } from '../passwords';
import { assertPasswordConforms } from '../password-policy';
import { authenticateAccessToken } from '../sign-in';
import { createVerifier } from '../srp';

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
    store.putUser({ ...user, srp: createVerifier(poolNameOf(pool.id), user.username, proposed), updatedAt: now });
    return {};
  };
