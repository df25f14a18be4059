import type { DeleteWebAuthnCredentialResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { MSG, resourceNotFound } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';

/** Removes one of the rider's passkeys; another rider's, or none, is ResourceNotFound (§5.5). */
export const DeleteWebAuthnCredential: ActionFactory =
  (services) =>
  async (input): Promise<DeleteWebAuthnCredentialResponse> => {
    const accessToken = input.string('AccessToken', TOKEN_RULE);
    const credentialId = input.string('CredentialId', { min: 1, max: 2048 });
    const { pool, user } = await authenticateAccessToken(services, accessToken);
    const credential = services.store.credential(pool.id, credentialId);
    if (!credential || credential.username !== user.username) throw resourceNotFound(MSG.credentialNotFound);
    services.store.deleteCredential(credential);
    return {};
  };
