import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { TOKEN_RULE } from '../input.ts';
import { revokeAll } from '../token-lineages.ts';

/** Ends every session of the rider: all refresh tokens and the access tokens issued from them. */
export const GlobalSignOut: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = await authenticateAccessToken(services, input.string('AccessToken', TOKEN_RULE));
    revokeAll(services.store, user);
    return {};
  };
