// The browser's passkey API, backed by a SoftwareAuthenticator, for libraries that call it
// themselves (AWS Amplify v6's associateWebAuthnCredential and passkey sign-in): `window` (a secure
// context), `navigator.credentials.create/get` and the PublicKeyCredential classes they check with
// instanceof. Installed only around the calls that need it, so the rest of a test runs as plain Node.

import type { SoftwareAuthenticator } from './software-authenticator.ts';

const toB64url = (b: ArrayBuffer | ArrayBufferView): string =>
  (b instanceof ArrayBuffer ? Buffer.from(b) : Buffer.from(b.buffer, b.byteOffset, b.byteLength)).toString('base64url');
const toBuffer = (s: string): ArrayBuffer => {
  const b = Buffer.from(s, 'base64url');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

class AuthenticatorAttestationResponse {
  constructor(
    private readonly json: Record<string, unknown> & {
      clientDataJSON: string;
      attestationObject: string;
      authenticatorData: string;
      transports: string[];
      publicKeyAlgorithm: number;
    },
  ) {}
  get clientDataJSON(): ArrayBuffer {
    return toBuffer(this.json.clientDataJSON);
  }
  get attestationObject(): ArrayBuffer {
    return toBuffer(this.json.attestationObject);
  }
  getTransports(): string[] {
    return this.json.transports;
  }
  getPublicKeyAlgorithm(): number {
    return this.json.publicKeyAlgorithm;
  }
  getAuthenticatorData(): ArrayBuffer {
    return toBuffer(this.json.authenticatorData);
  }
  getPublicKey(): null {
    return null;
  }
}

class AuthenticatorAssertionResponse {
  readonly clientDataJSON: ArrayBuffer;
  readonly authenticatorData: ArrayBuffer;
  readonly signature: ArrayBuffer;
  readonly userHandle: ArrayBuffer | null;
  constructor(json: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string }) {
    this.clientDataJSON = toBuffer(json.clientDataJSON);
    this.authenticatorData = toBuffer(json.authenticatorData);
    this.signature = toBuffer(json.signature);
    this.userHandle = json.userHandle ? toBuffer(json.userHandle) : null;
  }
}

class PublicKeyCredential {
  readonly type = 'public-key';
  readonly rawId: ArrayBuffer;
  constructor(
    readonly id: string,
    readonly response: AuthenticatorAttestationResponse | AuthenticatorAssertionResponse,
    readonly authenticatorAttachment: string,
  ) {
    this.rawId = toBuffer(id);
  }
  getClientExtensionResults(): Record<string, never> {
    return {};
  }
}

interface CreateOptions {
  publicKey: {
    challenge: ArrayBuffer;
    rp: { id?: string; name?: string };
    user: { id: ArrayBuffer; name: string; displayName: string };
  };
}
interface GetOptions {
  publicKey: { challenge: ArrayBuffer; rpId?: string; allowCredentials?: { id: ArrayBuffer; type: string }[] };
}

const GLOBALS = [
  'window',
  'navigator',
  'PublicKeyCredential',
  'AuthenticatorAttestationResponse',
  'AuthenticatorAssertionResponse',
] as const;

/** Makes `authenticator` the browser's passkey provider until the returned function is called. */
export function installPasskeyBrowser(authenticator: SoftwareAuthenticator): () => void {
  const g = globalThis as Record<string, unknown>;
  const saved = GLOBALS.map((name) => [name, Object.getOwnPropertyDescriptor(g, name)] as const);
  const credentials = {
    async create({ publicKey: o }: CreateOptions) {
      const json = authenticator.create({
        challenge: toB64url(o.challenge),
        rp: o.rp,
        user: { id: toB64url(o.user.id), name: o.user.name, displayName: o.user.displayName },
      });
      return new PublicKeyCredential(
        json.id,
        new AuthenticatorAttestationResponse(json.response),
        json.authenticatorAttachment,
      );
    },
    async get({ publicKey: o }: GetOptions) {
      const json = authenticator.get({
        challenge: toB64url(o.challenge),
        ...(o.rpId ? { rpId: o.rpId } : {}),
        allowCredentials: (o.allowCredentials ?? []).map((c) => ({ id: toB64url(c.id), type: c.type })),
      });
      return new PublicKeyCredential(
        json.id,
        new AuthenticatorAssertionResponse(json.response),
        json.authenticatorAttachment,
      );
    },
  };
  const values: Record<(typeof GLOBALS)[number], unknown> = {
    window: {
      document: {},
      isSecureContext: true,
      PublicKeyCredential,
      addEventListener() {},
      removeEventListener() {},
    },
    navigator: { credentials, userAgent: 'node' },
    PublicKeyCredential,
    AuthenticatorAttestationResponse,
    AuthenticatorAssertionResponse,
  };
  for (const name of GLOBALS)
    Object.defineProperty(g, name, { value: values[name], configurable: true, writable: true });
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(g, name, descriptor);
      else delete g[name];
    }
  };
}
