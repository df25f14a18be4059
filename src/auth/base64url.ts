// base64url without padding (RFC 4648 §5), the encoding of every binary member of WebAuthn's JSON
// forms (challenge, user.id, credential IDs, clientDataJSON, …; docs/cognito-mfa-passwordless.md §5.7).
// btoa/atob work on "binary strings"; the conversion to and from bytes is done here.

/** The bytes of `data` as base64url, no padding. */
export function toBase64Url(data: ArrayBuffer | ArrayBufferView): string {
  const bytes = ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The bytes `text` (base64url, padding optional) encodes; throws a TypeError when it is not base64url. */
export function fromBase64Url(text: string): ArrayBuffer {
  const unpadded = text.replace(/={1,2}$/, '');
  // A length of 4n + 1 characters cannot come from whole bytes.
  if (!BASE64URL.test(unpadded) || unpadded.length % 4 === 1) throw new TypeError('Not base64url');
  const binary = atob(unpadded.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}
