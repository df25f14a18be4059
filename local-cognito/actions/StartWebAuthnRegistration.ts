import { randomBytes } from 'node:crypto';
import type { StartWebAuthnRegistrationResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import { registrationKey } from '../challenge-sessions.ts';
import type { ActionFactory } from '../context.ts';
import { limitExceeded, MSG } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';
import { assertPasskeysEnabled, MAX_PASSKEYS } from '../passkeys.ts';
import { relyingPartyFor, userHandleOf, webAuthnSettingsOf } from '../webauthn-config.ts';

/** Creation options as the API reference example shows them (docs/cognito-mfa-passwordless.md §5.2). */
const TIMEOUT_MS = 60_000;
/** How long the challenge waits for CompleteWebAuthnRegistration: the timeout plus a margin (§6). */
const PENDING_MS = 3 * 60_000;

export const StartWebAuthnRegistration: ActionFactory =
  (services) =>
  async (input, ctx): Promise<StartWebAuthnRegistrationResponse> => {
    const { store, clock, sessions } = services;
    const { pool, user, lineage } = await authenticateAccessToken(services, input.string('AccessToken', TOKEN_RULE));
    assertPasskeysEnabled(pool);
    const rpId = relyingPartyFor(pool, services.relyingPartyId, ctx);
    const existing = store.credentialsOf(user);
    if (existing.length >= MAX_PASSKEYS) throw limitExceeded(MSG.webAuthnLimit);
    const now = clock.now();
    const challenge = randomBytes(32).toString('base64url');
    sessions.put(
      registrationKey(pool.id, user.username),
      {
        kind: 'webauthn-registration',
        poolId: pool.id,
        clientId: lineage.clientId,
        username: user.username,
        challenge,
        rpId,
        expiresAt: now + PENDING_MS,
      },
      now,
    );
    // The name the rider knows: their email in email-as-username pools (user.name is what a passkey picker shows).
    const name = user.attributes.email ?? user.username;
    return {
      CredentialCreationOptions: {
        authenticatorSelection: {
          requireResidentKey: true,
          residentKey: 'required',
          userVerification: webAuthnSettingsOf(pool).userVerification,
        },
        challenge,
        excludeCredentials: existing.map((c) => ({ id: c.credentialId, type: 'public-key' })),
        pubKeyCredParams: [
          { alg: -7, type: 'public-key' },
          { alg: -257, type: 'public-key' },
        ],
        rp: { id: rpId, name: rpId },
        timeout: TIMEOUT_MS,
        user: { displayName: name, id: userHandleOf(user), name },
      },
    };
  };
