import type { ListWebAuthnCredentialsResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import type { ActionFactory } from '../context.ts';
import { TOKEN_RULE } from '../input.ts';
import { page } from '../paging.ts';
import { type Wire, wireDate } from '../wire.ts';

/** The rider's passkeys as WebAuthnCredentialDescription (docs/cognito-mfa-passwordless.md §5.4); no last-used date exists. */
export const ListWebAuthnCredentials: ActionFactory =
  (services) =>
  async (input): Promise<Wire<ListWebAuthnCredentialsResponse>> => {
    const accessToken = input.string('AccessToken', TOKEN_RULE);
    const limit = input.optionalInteger('MaxResults', 0, 20);
    const token = input.optionalString('NextToken', { min: 1, max: 131072 });
    const { user } = await authenticateAccessToken(services, accessToken);
    const { items, next } = page(
      services.store.credentialsOf(user),
      limit === undefined || limit === 0 ? 20 : limit,
      token,
    );
    return {
      Credentials: items.map((c) => ({
        CredentialId: c.credentialId,
        FriendlyCredentialName: c.friendlyName,
        RelyingPartyId: c.relyingPartyId,
        ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
        AuthenticatorTransports: c.transports,
        CreatedAt: wireDate(c.createdAt),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  };
