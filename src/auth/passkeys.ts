// The signed-in rider's passkeys (docs/cognito-mfa-passwordless.md §5.4–§5.5): list and remove; adding
// one is add-passkey.ts (with the WebAuthn conversions, so a page can load it when the rider asks).
// Each call carries the rider's access token, refreshed first when it has expired.
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { cognito } from './cognito-api.ts';
import { call, userPool } from './context.ts';
import { AuthError, toAuthError } from './errors.ts';

export interface Passkey {
  readonly id: string;
  /** The name Cognito gives it (e.g. "Roaming passkey"); riders can't rename passkeys. */
  readonly name: string;
  /** When it was added; null when Cognito didn't say. Cognito records no last use (§5.4). */
  readonly createdAt: Date | null;
  /** Built into the device, or a security key / phone (null when not known). */
  readonly attachment: 'platform' | 'cross-platform' | null;
}

/** The signed-in rider's access token, refreshed first when it has expired. */
export async function accessToken(): Promise<string> {
  const user = userPool().getCurrentUser();
  if (!user) throw new AuthError('SignedOut', 'You’re signed out. Please sign in.');
  const session = await call<CognitoUserSession>((done) => user.getSession(done));
  return session.getAccessToken().getJwtToken();
}

/** CreatedAt is epoch seconds on the wire (the SDK's type is the Date it makes of them). */
function dateOf(value: unknown): Date | null {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : null;
}

/** Enough pages for Cognito's 20-passkey limit many times over; a NextToken that never ends stops here. */
const MAX_PAGES = 10;

/** The rider's passkeys, oldest first. */
export async function listPasskeys(): Promise<Passkey[]> {
  const token = await accessToken();
  const passkeys: Passkey[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await cognito('ListWebAuthnCredentials', {
      AccessToken: token,
      MaxResults: 20,
      ...(nextToken ? { NextToken: nextToken } : {}),
    }).catch((err: unknown) => {
      throw toAuthError(err);
    });
    for (const c of Array.isArray(answer.Credentials) ? answer.Credentials : []) {
      if (typeof c?.CredentialId !== 'string') continue;
      const attachment = c.AuthenticatorAttachment;
      passkeys.push({
        id: c.CredentialId,
        name:
          typeof c.FriendlyCredentialName === 'string' && c.FriendlyCredentialName
            ? c.FriendlyCredentialName
            : 'Passkey',
        createdAt: dateOf(c.CreatedAt as unknown),
        attachment: attachment === 'platform' || attachment === 'cross-platform' ? attachment : null,
      });
    }
    nextToken = typeof answer.NextToken === 'string' && answer.NextToken ? answer.NextToken : undefined;
    if (!nextToken) break;
  }
  return passkeys.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
}

/** Removes a passkey from the account (one already gone counts as removed). */
export async function removePasskey(id: string): Promise<void> {
  const token = await accessToken();
  await cognito('DeleteWebAuthnCredential', { AccessToken: token, CredentialId: id }).catch((err: unknown) => {
    const error = toAuthError(err);
    if (error.cognitoCode !== 'ResourceNotFoundException') throw error;
  });
}
