import type { GetTokensFromRefreshTokenResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG, notAuthorized } from '../errors.ts';
import { CLIENT_ID_RULE, TOKEN_RULE } from '../input.ts';
import { allowsFlow } from '../pools.ts';
import { resolveClient } from '../resources.ts';
import { refreshTokens } from '../token-lineages.ts';

/**
 * The newer refresh API (AWS Amplify v6 uses it): new access and ID tokens, and a new refresh
 * token when the app client has RefreshTokenRotation enabled.
 */
export const GetTokensFromRefreshToken: ActionFactory =
  (services) =>
  async (input, ctx): Promise<GetTokensFromRefreshTokenResponse> => {
    const token = input.string('RefreshToken', TOKEN_RULE);
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const secret = input.optionalString('ClientSecret');
    input.optionalString('DeviceKey');
    input.optionalStringMap('ClientMetadata');
    const { client, pool } = resolveClient(services.store, clientId);
    if (client.secret && secret !== client.secret) {
      throw notAuthorized(secret ? MSG.secretHashMismatch(clientId) : MSG.secretHashMissing(clientId));
    }
    if (!allowsFlow(client, 'REFRESH_TOKEN_AUTH')) throw invalidParameter(MSG.flowNotEnabled);
    const AuthenticationResult = await refreshTokens(services, pool, client, token, ctx, { rotate: true });
    return { AuthenticationResult };
  };
