import type { GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import { attributeList } from '../attributes.ts';
import type { ActionFactory } from '../context.ts';
import { TOKEN_RULE } from '../input.ts';
import { mfaSettingsOf } from '../user-mfa.ts';

export const GetUser: ActionFactory =
  (services) =>
  async (input): Promise<GetUserResponse> => {
    const { user } = await authenticateAccessToken(services, input.string('AccessToken', TOKEN_RULE));
    return {
      Username: user.username,
      UserAttributes: attributeList(user.attributes),
      MFAOptions: [],
      ...mfaSettingsOf(user),
    };
  };
