import type { ActionFactory } from '../context';
import { TOKEN_RULE } from '../input';
import { authenticateAccessToken } from '../sign-in';

export const DeleteUser: ActionFactory =
  (services) =>
  async (input): Promise<Record<string, never>> => {
    const { user } = await authenticateAccessToken(services, input.string('AccessToken', TOKEN_RULE));
    services.store.deleteUser(user);
    return {};
  };
