// What setting up an authenticator app (TOTP) needs both on the account page (mfa.ts) and in sign-in
// (second-factor.ts, MFA_SETUP). Facts: docs/cognito-mfa-passwordless.md §1.2, §1.4, §1.8.
import type { CognitoUser } from 'amazon-cognito-identity-js';
import { call } from './context.ts';

/** What an authenticator app needs: the Base32 secret, and the same as an otpauth:// URI for a QR code. */
export interface TotpSecret {
  secret: string;
  uri: string;
}

const ISSUER = 'Wild Rydes';
/** The name Cognito keeps for the authenticator (VerifySoftwareToken FriendlyDeviceName). */
export const AUTHENTICATOR_NAME = 'Authenticator app';

/**
 * The Key URI an authenticator app scans: label "Wild Rydes:<email>" and issuer, both URI-encoded
 * (§1.8; unlike Amplify's getSetupUri, which encodes neither). SHA-1, 6 digits and 30 s are the
 * defaults every app assumes and what Cognito uses; they are spelled out anyway.
 */
export function totpUri(email: string, secret: string): string {
  const issuer = encodeURIComponent(ISSUER);
  const query = new URLSearchParams({ secret, issuer: ISSUER, algorithm: 'SHA1', digits: '6', period: '30' });
  return `otpauth://totp/${issuer}:${encodeURIComponent(email)}?${query.toString().replace(/\+/g, '%20')}`;
}

/** AssociateSoftwareToken: a new secret (a previously verified app keeps working until this one is verified). */
export function associate(user: CognitoUser, email: string): Promise<TotpSecret> {
  return call<string>(
    (done) => user.associateSoftwareToken({ associateSecretCode: (secret) => done(null, secret), onFailure: done }),
    'totpSetup',
  ).then((secret) => ({ secret, uri: totpUri(email, secret) }));
}

/** SetUserMFAPreference for TOTP only (the library sends SMS as null: no SMS factor in this pool). */
export function setTotpPreference(user: CognitoUser, enabled: boolean): Promise<string> {
  return call<string>((done) => user.setUserMfaPreference(null, { Enabled: enabled, PreferredMfa: enabled }, done));
}
