// WebAuthn's JSON forms ↔ the browser's ArrayBuffer forms, as Cognito sends and expects them
// (docs/cognito-mfa-passwordless.md §5.2, §5.3, §5.6, §5.7; the member lists follow W3C WebAuthn
// Level 3's PublicKeyCredential*OptionsJSON and the JSON Amplify v6 sends). Only the members
// WebAuthn defines are taken over from Cognito's options, each checked; anything malformed is an
// AuthError('Unavailable'), never a half-built ceremony.
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { unreadableAnswer } from './errors.ts';

type Json = Record<string, unknown>;
type Binary = ArrayBuffer | ArrayBufferView;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
// By brand, not instanceof: a buffer from another realm (an iframe, a test environment) is still one.
const isBinary = (value: unknown): value is Binary =>
  ArrayBuffer.isView(value) || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function objectOf(json: unknown, what: string): Json {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw unreadableAnswer(`${what} is not JSON`);
    }
  }
  if (!isObject(value)) throw unreadableAnswer(`${what} is not an object`);
  return value;
}

function binary(value: unknown, what: string): ArrayBuffer {
  if (typeof value === 'string') {
    try {
      return fromBase64Url(value);
    } catch {
      // reported below
    }
  }
  throw unreadableAnswer(`${what} is not base64url`);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw unreadableAnswer(`${what} is not a string`);
  return value;
}

/** Optional members copied only when they have WebAuthn's type. */
const optional = <K extends string, T>(key: K, value: unknown, is: (v: unknown) => v is T) =>
  (is(value) ? { [key]: value } : {}) as Partial<Record<K, T>>;
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

function descriptors(value: unknown, what: string): PublicKeyCredentialDescriptor[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw unreadableAnswer(`${what} is not a list`);
  return value.map((item, i) => {
    if (!isObject(item)) throw unreadableAnswer(`${what}[${i}] is not an object`);
    const transports = strings(item.transports) as AuthenticatorTransport[];
    return {
      type: 'public-key',
      id: binary(item.id, `${what}[${i}].id`),
      ...(transports.length ? { transports } : {}),
    };
  });
}

/** CREDENTIAL_REQUEST_OPTIONS (a JSON string in the WEB_AUTHN challenge) → navigator.credentials.get's `publicKey`. */
export function requestOptionsFromJson(json: unknown): PublicKeyCredentialRequestOptions {
  const o = objectOf(json, 'CREDENTIAL_REQUEST_OPTIONS');
  const allowCredentials = descriptors(o.allowCredentials, 'allowCredentials');
  return {
    challenge: binary(o.challenge, 'challenge'),
    ...optional('rpId', o.rpId, isString),
    ...optional('timeout', o.timeout, isNumber),
    ...(optional('userVerification', o.userVerification, isString) as {
      userVerification?: UserVerificationRequirement;
    }),
    ...(allowCredentials.length ? { allowCredentials } : {}),
  };
}

/** StartWebAuthnRegistration's CredentialCreationOptions (a JSON object) → navigator.credentials.create's `publicKey`. */
export function creationOptionsFromJson(json: unknown): PublicKeyCredentialCreationOptions {
  const o = objectOf(json, 'CredentialCreationOptions');
  const rp = objectOf(o.rp, 'rp');
  const user = objectOf(o.user, 'user');
  if (!Array.isArray(o.pubKeyCredParams)) throw unreadableAnswer('pubKeyCredParams is not a list');
  const pubKeyCredParams = o.pubKeyCredParams.map((p, i): PublicKeyCredentialParameters => {
    if (!isObject(p) || !isNumber(p.alg)) throw unreadableAnswer(`pubKeyCredParams[${i}] has no alg`);
    return { type: 'public-key', alg: p.alg };
  });
  const selection = isObject(o.authenticatorSelection) ? o.authenticatorSelection : undefined;
  const excludeCredentials = descriptors(o.excludeCredentials, 'excludeCredentials');
  return {
    challenge: binary(o.challenge, 'challenge'),
    rp: { name: text(rp.name, 'rp.name'), ...optional('id', rp.id, isString) },
    user: {
      id: binary(user.id, 'user.id'),
      name: text(user.name, 'user.name'),
      displayName: text(user.displayName ?? user.name, 'user.displayName'),
    },
    pubKeyCredParams,
    ...optional('timeout', o.timeout, isNumber),
    ...(optional('attestation', o.attestation, isString) as { attestation?: AttestationConveyancePreference }),
    ...(excludeCredentials.length ? { excludeCredentials } : {}),
    ...(selection
      ? {
          authenticatorSelection: {
            ...(optional('authenticatorAttachment', selection.authenticatorAttachment, isString) as {
              authenticatorAttachment?: AuthenticatorAttachment;
            }),
            ...(optional('residentKey', selection.residentKey, isString) as { residentKey?: ResidentKeyRequirement }),
            ...optional('requireResidentKey', selection.requireResidentKey, isBoolean),
            ...(optional('userVerification', selection.userVerification, isString) as {
              userVerification?: UserVerificationRequirement;
            }),
          },
        }
      : {}),
  };
}

/** What a credential from navigator.credentials has in common, as far as the JSON needs it. */
interface CredentialLike {
  id: string;
  rawId: Binary;
  type: string;
  authenticatorAttachment?: string | null;
  getClientExtensionResults?(): AuthenticationExtensionsClientOutputs;
}

interface CredentialJson {
  id: string;
  rawId: string;
  type: 'public-key';
  clientExtensionResults: AuthenticationExtensionsClientOutputs;
  authenticatorAttachment?: string;
}

/** The assertion Cognito reads from CREDENTIAL (AuthenticationResponseJSON). */
export interface AssertionJson extends CredentialJson {
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
}

/** The attestation Cognito reads from CompleteWebAuthnRegistration's Credential (RegistrationResponseJSON). */
export interface AttestationJson extends CredentialJson {
  response: {
    clientDataJSON: string;
    attestationObject: string;
    transports?: string[];
    publicKeyAlgorithm?: number;
    authenticatorData?: string;
    publicKey?: string;
  };
}

/** The browser answered with no public-key credential: treated as the rider not completing the prompt. */
const notCompleted = (): DOMException => new DOMException('No passkey credential was returned.', 'NotAllowedError');

function credentialJson(credential: unknown): { c: CredentialLike & { response: Json }; json: CredentialJson } {
  const c = credential as (CredentialLike & { response?: unknown }) | null;
  if (c?.type !== 'public-key' || !isObject(c.response) || !isBinary(c.rawId)) throw notCompleted();
  const attachment = c.authenticatorAttachment;
  return {
    c: c as CredentialLike & { response: Json },
    json: {
      id: c.id,
      rawId: toBase64Url(c.rawId),
      type: 'public-key',
      clientExtensionResults: c.getClientExtensionResults?.() ?? {},
      ...(attachment ? { authenticatorAttachment: attachment } : {}),
    },
  };
}

/** navigator.credentials.get's result → the JSON for CREDENTIAL. Throws NotAllowedError's kind for no credential. */
export function assertionToJson(credential: unknown): AssertionJson {
  const { c, json } = credentialJson(credential);
  const r = c.response;
  if (!isBinary(r.clientDataJSON) || !isBinary(r.authenticatorData) || !isBinary(r.signature)) throw notCompleted();
  return {
    ...json,
    response: {
      clientDataJSON: toBase64Url(r.clientDataJSON),
      authenticatorData: toBase64Url(r.authenticatorData),
      signature: toBase64Url(r.signature),
      ...(isBinary(r.userHandle) ? { userHandle: toBase64Url(r.userHandle) } : {}),
    },
  };
}

/** The result of a response method browsers may lack (older ones have no getPublicKey()). */
function call<T>(response: Json, method: string): T | undefined {
  const fn = response[method];
  if (typeof fn !== 'function') return undefined;
  try {
    return (fn as () => T).call(response) ?? undefined;
  } catch {
    return undefined;
  }
}

/** navigator.credentials.create's result → the JSON for CompleteWebAuthnRegistration's Credential. */
export function attestationToJson(credential: unknown): AttestationJson {
  const { c, json } = credentialJson(credential);
  const r = c.response;
  if (!isBinary(r.clientDataJSON) || !isBinary(r.attestationObject)) throw notCompleted();
  const transports = call<unknown>(r, 'getTransports');
  const algorithm = call<unknown>(r, 'getPublicKeyAlgorithm');
  const authenticatorData = call<unknown>(r, 'getAuthenticatorData');
  const publicKey = call<unknown>(r, 'getPublicKey');
  return {
    ...json,
    response: {
      clientDataJSON: toBase64Url(r.clientDataJSON),
      attestationObject: toBase64Url(r.attestationObject),
      ...(Array.isArray(transports) ? { transports: strings(transports) } : {}),
      ...(isNumber(algorithm) ? { publicKeyAlgorithm: algorithm } : {}),
      ...(isBinary(authenticatorData) ? { authenticatorData: toBase64Url(authenticatorData) } : {}),
      ...(isBinary(publicKey) ? { publicKey: toBase64Url(publicKey) } : {}),
    },
  };
}
