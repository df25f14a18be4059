import type { ActionFactory } from '../context.ts';
import { MSG, notAuthorized, unauthorized, unsupportedOperation, unsupportedTokenType } from '../errors.ts';
import { CLIENT_ID_RULE, TOKEN_RULE } from '../input.ts';
import { resolveClient } from '../resources.ts';
import { hashToken } from '../token-lineages.ts';

/** Revokes a refresh token and every access/ID token issued from it. */
export const RevokeToken: ActionFactory =
  ({ store }) =>
  async (input): Promise<Record<string, never>> => {
    const token = input.string('Token', TOKEN_RULE);
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const secret = input.optionalString('ClientSecret');
    const { client } = resolveClient(store, clientId);
    if (client.secret && secret !== client.secret) throw notAuthorized(MSG.secretHashMismatch(clientId));
    if (!client.enableTokenRevocation) {
      throw unsupportedOperation(MSG.revocationDisabled);
    }
    // Refresh tokens are JWE (5 parts); a JWS (3 parts) is an access or ID token, which Cognito
    // refuses instead of answering 200 for a revocation that did nothing (docs/cognito.md §2, §4).
    if (token.split('.').length === 3) throw unsupportedTokenType(MSG.unsupportedTokenType);
    const lineage = store.lineageByRefreshHash(hashToken(token));
    if (!lineage) return {}; // unknown or already forgotten: nothing to revoke, nothing to reveal
    if (lineage.clientId !== clientId) throw unauthorized(MSG.unauthorized);
    if (!lineage.revoked) store.putLineage({ ...lineage, revoked: true });
    return {};
  };
