// @simplewebauthn/server, loaded on the first passkey registration or sign-in rather than with the
// pool: its ASN.1 and X.509 dependencies add ~29 MB to the pool's resident memory, which a pool whose
// riders never use passkeys (and every test and bench run) need not carry.
type WebAuthnServer = typeof import('@simplewebauthn/server');

let loading: Promise<WebAuthnServer> | undefined;

export const webAuthnServer = (): Promise<WebAuthnServer> => {
  loading ??= import('@simplewebauthn/server');
  return loading;
};
