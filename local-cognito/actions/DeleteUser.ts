import type { ActionFactory } from '../context.ts';
import { TOKEN_RULE } from '../input.ts';
import { authenticateAccessToken } from '../sign-in.ts';

export const DeleteUser: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = await authenticateAccessToken(services, input.string('AccessToken', TOKEN_RULE));
    services.store.deleteUser(user);
    return {};
  };
