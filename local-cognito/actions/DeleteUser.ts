import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { TOKEN_RULE } from '../input.ts';

export const DeleteUser: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = await authenticateAccessToken(services, input.string('AccessToken', TOKEN_RULE));
    services.store.deleteUser(user);
    return {};
  };
