// The site's own base64url and WebAuthn JSON ↔ ArrayBuffer conversions (src/auth/base64url.ts,
// src/auth/webauthn-json.ts): known vectors, and Cognito's documented shapes
// (docs/cognito-mfa-passwordless.md §5.2, §5.3, §5.6).
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../../src/auth/base64url.ts';
import { AuthError } from '../../src/auth/errors.ts';
import {
  assertionToJson,
  attestationToJson,
  creationOptionsFromJson,
  requestOptionsFromJson,
} from '../../src/auth/webauthn-json.ts';

const bytes = (...values: number[]) => new Uint8Array(values).buffer;
const text = (buffer: BufferSource) =>
  new TextDecoder().decode(buffer instanceof ArrayBuffer ? buffer : new Uint8Array(buffer.buffer));
const list = (buffer: BufferSource | undefined) =>
  buffer === undefined ? undefined : [...new Uint8Array(buffer instanceof ArrayBuffer ? buffer : buffer.buffer)];

describe('base64url (RFC 4648 §5, no padding)', () => {
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j (RFC 4648 §10) and back', (plain, encoded) => {
    expect(toBase64Url(new TextEncoder().encode(plain))).toBe(encoded);
    expect(text(fromBase64Url(encoded))).toBe(plain);
  });

  it('uses - and _ where base64 has + and /, and reads a view of a larger buffer by its own bytes', () => {
    expect(toBase64Url(bytes(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(list(fromBase64Url('-_-_'))).toEqual([0xfb, 0xff, 0xbf]);
    const whole = new Uint8Array([1, 2, 0xfb, 0xff, 9]);
    expect(toBase64Url(whole.subarray(2, 4))).toBe('-_8');
  });

  it('round-trips every byte value', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(list(fromBase64Url(toBase64Url(all)))).toEqual([...all]);
  });

  it('accepts padding but refuses standard base64 and impossible lengths', () => {
    expect(list(fromBase64Url('Zg=='))).toEqual([0x66]);
    for (const bad of ['a', 'ab+c', 'ab/c', 'a b', 'Zg===', 'Zm9vY'])
      expect(() => fromBase64Url(bad)).toThrow(TypeError);
  });
});

// The request options as Cognito sends them in CREDENTIAL_REQUEST_OPTIONS (a JSON string).
const requestJson = JSON.stringify({
  challenge: toBase64Url(new TextEncoder().encode('challenge-1')),
  rpId: 'localhost',
  timeout: 180000,
  userVerification: 'preferred',
  allowCredentials: [{ type: 'public-key', id: 'AQID', transports: ['internal', 'hybrid'] }],
});

// StartWebAuthnRegistration's CredentialCreationOptions, the API reference example's shape.
const creationJson = {
  authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
  challenge: 'Y2hhbGxlbmdlLTI',
  excludeCredentials: [{ id: 'BAUG', type: 'public-key' }],
  pubKeyCredParams: [
    { alg: -7, type: 'public-key' },
    { alg: -257, type: 'public-key' },
  ],
  rp: { id: 'localhost', name: 'localhost' },
  timeout: 60000,
  user: {
    displayName: 'rider@example.com',
    id: toBase64Url(new TextEncoder().encode('uuid-1')),
    name: 'rider@example.com',
  },
};

describe('options from Cognito → the browser', () => {
  it('turns CREDENTIAL_REQUEST_OPTIONS into navigator.credentials.get options', () => {
    const options = requestOptionsFromJson(requestJson);
    expect(text(options.challenge)).toBe('challenge-1');
    expect(options).toMatchObject({ rpId: 'localhost', timeout: 180000, userVerification: 'preferred' });
    expect(options.allowCredentials).toHaveLength(1);
    expect(list(options.allowCredentials![0]!.id)).toEqual([1, 2, 3]);
    expect(options.allowCredentials![0]).toMatchObject({ type: 'public-key', transports: ['internal', 'hybrid'] });
  });

  it('leaves out what Cognito did not send, and keeps nothing WebAuthn does not define', () => {
    const options = requestOptionsFromJson({ challenge: 'AA', extra: 'x', timeout: 'soon' });
    expect(Object.keys(options)).toEqual(['challenge']);
  });

  it('turns CredentialCreationOptions into navigator.credentials.create options', () => {
    const options = creationOptionsFromJson(creationJson);
    expect(text(options.challenge)).toBe('challenge-2');
    expect(text(options.user.id)).toBe('uuid-1');
    expect(options.user).toMatchObject({ name: 'rider@example.com', displayName: 'rider@example.com' });
    expect(options.rp).toEqual({ id: 'localhost', name: 'localhost' });
    expect(options.pubKeyCredParams).toEqual(creationJson.pubKeyCredParams);
    expect(list(options.excludeCredentials![0]!.id)).toEqual([4, 5, 6]);
    expect(options.authenticatorSelection).toEqual(creationJson.authenticatorSelection);
    expect(options.timeout).toBe(60000);
    expect(options.attestation).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '[]'],
    ['no challenge', {}],
    ['a challenge that is not base64url', { challenge: 'a+b/' }],
    ['allowCredentials that is not a list', { challenge: 'AA', allowCredentials: {} }],
    ['a credential without an id', { challenge: 'AA', allowCredentials: [{ type: 'public-key' }] }],
  ])('refuses request options with %s as an unavailable service, not a crash', (_what, json) => {
    const err = (() => {
      try {
        requestOptionsFromJson(json);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).code).toBe('Unavailable');
  });

  it.each([
    ['no rp', { ...creationJson, rp: undefined }],
    ['no user id', { ...creationJson, user: { name: 'x', displayName: 'x' } }],
    ['no pubKeyCredParams', { ...creationJson, pubKeyCredParams: undefined }],
    ['an algorithm that is not a number', { ...creationJson, pubKeyCredParams: [{ alg: '-7', type: 'public-key' }] }],
  ])('refuses creation options with %s', (_what, json) => {
    expect(() => creationOptionsFromJson(json)).toThrow(AuthError);
  });
});

describe('credentials from the browser → the JSON Cognito reads', () => {
  const assertion = {
    id: 'AQID',
    rawId: bytes(1, 2, 3),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    getClientExtensionResults: () => ({}),
    response: {
      clientDataJSON: new TextEncoder().encode('{"type":"webauthn.get"}').buffer,
      authenticatorData: bytes(9, 9),
      signature: bytes(0xfb, 0xff),
      userHandle: new TextEncoder().encode('uuid-1').buffer,
    },
  };

  it('serialises an assertion as AuthenticationResponseJSON (base64url, no padding)', () => {
    expect(assertionToJson(assertion)).toEqual({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: toBase64Url(assertion.response.clientDataJSON),
        authenticatorData: 'CQk',
        signature: '-_8',
        userHandle: toBase64Url(assertion.response.userHandle),
      },
    });
  });

  it('leaves out a missing user handle and attachment', () => {
    const json = assertionToJson({
      ...assertion,
      authenticatorAttachment: null,
      response: { ...assertion.response, userHandle: null },
    });
    expect(json.response.userHandle).toBeUndefined();
    expect('authenticatorAttachment' in json).toBe(false);
  });

  it('serialises an attestation as RegistrationResponseJSON, with what the browser can say about it', () => {
    const response = {
      clientDataJSON: bytes(1),
      attestationObject: bytes(2),
      getTransports: () => ['internal'],
      getPublicKeyAlgorithm: () => -7,
      getAuthenticatorData: () => bytes(3),
      getPublicKey: () => bytes(4),
    };
    expect(attestationToJson({ ...assertion, response })).toEqual({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: 'AQ',
        attestationObject: 'Ag',
        transports: ['internal'],
        publicKeyAlgorithm: -7,
        authenticatorData: 'Aw',
        publicKey: 'BA',
      },
    });
    // An older browser without the helper methods still gives Cognito the two required members.
    expect(
      attestationToJson({ ...assertion, response: { clientDataJSON: bytes(1), attestationObject: bytes(2) } }).response,
    ).toEqual({
      clientDataJSON: 'AQ',
      attestationObject: 'Ag',
    });
  });

  it.each([
    ['no credential', null],
    ['another credential type', { ...assertion, type: 'password' }],
    ['no signature', { ...assertion, response: { ...assertion.response, signature: undefined } }],
  ])('treats %s as the prompt not completed (NotAllowedError)', (_what, credential) => {
    expect(() => assertionToJson(credential)).toThrow(expect.objectContaining({ name: 'NotAllowedError' }));
  });
});
