// The rider's second things, as a journey needs them: an authenticator app (TOTP codes computed
// from the secret the page shows, RFC 6238 with otpauth) and a passkey authenticator (Chromium's
// virtual authenticator, through the DevTools protocol's WebAuthn domain).
import { Secret, TOTP } from 'otpauth';
import type { CDPSession, Page } from 'playwright-core';

/**
 * The code an authenticator app shows for `secret` (base32, spaces allowed, as the page prints it)
 * `stepsAhead` 30-second steps from now. The pool accepts one step of drift either way and each
 * step once, so a journey that already used this step's code asks for the next one (+1): always
 * accepted, never a replay, and no waiting for the clock.
 */
export function authenticatorCode(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({
    secret: Secret.fromBase32(secret.replace(/\s+/g, '').toUpperCase()),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/**
 * The same origin under the name `localhost`: browsers refuse WebAuthn on an IP-address origin
 * (127.0.0.1 is not a valid relying-party ID), so passkey journeys run on http://localhost:<port>.
 */
export const localhostOrigin = (origin: string): string => origin.replace('//127.0.0.1:', '//localhost:');

export interface VirtualAuthenticator {
  cdp: CDPSession;
  authenticatorId: string;
  /** The credentials the authenticator holds now (ids base64), e.g. to check a passkey was stored. */
  credentials(): Promise<{ credentialId: string; rpId?: string; signCount: number }[]>;
}

/**
 * A platform authenticator with user verification (like Touch ID or Windows Hello) that answers
 * every WebAuthn prompt of this page's browser context at once.
 */
export async function addPasskeyAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    cdp,
    authenticatorId,
    async credentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials;
    },
  };
}
