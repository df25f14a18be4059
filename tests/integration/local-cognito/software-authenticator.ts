// A software passkey authenticator for tests, written with node:crypto: ES256 (P-256) keys, `none`
// attestation, a signature counter, and the WebAuthn JSON forms browsers hand to the page
// (RegistrationResponseJSON, AuthenticationResponseJSON), as AWS Amplify sends them to Cognito
// (docs/cognito-mfa-passwordless.md §5.3, §5.6). Every field that a server must check can be
// overridden per call, to build the altered responses a test needs. Reusable by e2e and site tests.

import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

type Cbor = number | string | Uint8Array | Map<number | string, Cbor> | { [key: string]: Cbor };

/** The few CBOR items WebAuthn needs (RFC 8949): unsigned and negative integers, bytes, text, maps. */
export function cbor(value: Cbor): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
    const b = Buffer.alloc(5);
    b[0] = (major << 5) | 26;
    b.writeUInt32BE(n, 1);
    return b;
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([head(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();
const b64url = (b: Buffer): string => b.toString('base64url');

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface CeremonyOverrides {
  /** The page's origin written into clientDataJSON. */
  origin?: string;
  /** The RP ID whose hash goes into authenticatorData (default: the one in the options). */
  rpId?: string;
  /** Replaces the challenge from the options. */
  challenge?: string;
  /** clientDataJSON.type (default webauthn.create / webauthn.get). */
  type?: string;
  userPresent?: boolean;
  userVerified?: boolean;
  /** The signature counter to report (default: one more than last time). */
  counter?: number;
}

export interface RegistrationOptionsJson {
  challenge: string;
  rp: { id?: string; name?: string };
  user: { id: string; name: string; displayName: string };
}

export interface RequestOptionsJson {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string; type: string }[];
}

/** One passkey: created by `create`, used by `get`. */
export class SoftwareAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private userHandle: string | undefined;
  counter = 0;

  constructor(private readonly defaults: { origin: string; userVerified?: boolean }) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  /** COSE_Key of the public key: EC2, ES256, P-256. */
  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
  }

  private clientData(type: string, challenge: string, o: CeremonyOverrides): Buffer {
    return Buffer.from(
      JSON.stringify({
        type: o.type ?? type,
        challenge: o.challenge ?? challenge,
        origin: o.origin ?? this.defaults.origin,
        crossOrigin: false,
      }),
    );
  }

  private flags(o: CeremonyOverrides): number {
    const up = o.userPresent ?? true;
    const uv = o.userVerified ?? this.defaults.userVerified ?? true;
    return (up ? FLAG_UP : 0) | (uv ? FLAG_UV : 0);
  }

  private nextCounter(o: CeremonyOverrides): Buffer {
    this.counter = o.counter ?? this.counter + 1;
    const b = Buffer.alloc(4);
    b.writeUInt32BE(this.counter);
    return b;
  }

  /** navigator.credentials.create(), serialised as RegistrationResponseJSON. */
  create(options: RegistrationOptionsJson, o: CeremonyOverrides = {}) {
    const rpId = o.rpId ?? options.rp.id ?? new URL(this.defaults.origin).hostname;
    this.userHandle = options.user.id;
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([this.flags(o) | FLAG_AT]),
      this.nextCounter({ counter: o.counter ?? 0 }),
      Buffer.alloc(16), // AAGUID: zeros, as for `none` attestation
      idLength,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestationObject = cbor({ fmt: 'none', attStmt: {}, authData });
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge, o)),
        attestationObject: b64url(attestationObject),
        authenticatorData: b64url(authData),
        transports: ['internal'],
        publicKeyAlgorithm: -7,
      },
    };
  }

  /** navigator.credentials.get(), serialised as AuthenticationResponseJSON. */
  get(options: RequestOptionsJson, o: CeremonyOverrides = {}) {
    const rpId = o.rpId ?? options.rpId ?? new URL(this.defaults.origin).hostname;
    const authData = Buffer.concat([sha256(rpId), Buffer.from([this.flags(o)]), this.nextCounter(o)]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, o);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
    };
  }
}
