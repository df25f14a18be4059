// RS256 ID and access tokens as Cognito issues them (claims: ../shared/cognito-facts.md, section 4),
// signed with two RSA-2048 keys kept in <dataDir>/signing-keys.json.

import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, calculateJwkThumbprint, errors, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import type { Clock } from './clock.ts';

export type { Clock } from './clock.ts';

export type TokenErrorKind = 'expired' | 'invalid';

export class TokenError extends Error {
  readonly kind: TokenErrorKind;
  constructor(kind: TokenErrorKind, message: string) {
    super(message);
    this.name = 'TokenError';
    this.kind = kind;
  }
}

/** The public half of a signing key as published in the pool's JWKS. */
export interface PublicJwk {
  alg: 'RS256';
  e: string;
  kid: string;
  kty: 'RSA';
  n: string;
  use: 'sig';
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: PublicJwk;
}

/** One key pair signs ID tokens, the other access tokens (as in Cognito, they have different kids). */
export interface TokenKeys {
  id: SigningKey;
  access: SigningKey;
}

export const SIGNING_KEYS_FILE = 'signing-keys.json';

interface StoredKey {
  kid: string;
  privateJwk: JWK;
}

interface StoredKeys {
  version: 1;
  id: StoredKey;
  access: StoredKey;
}

/** Cognito-style kid: standard base64 (with padding) of the key's SHA-256 JWK thumbprint. */
async function kidFor(jwk: JWK): Promise<string> {
  const thumbprint = await calculateJwkThumbprint({ kty: 'RSA', e: jwk.e!, n: jwk.n! }, 'sha256');
  return Buffer.from(thumbprint, 'base64url').toString('base64');
}

async function generateStoredKey(): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { kid: await kidFor(privateJwk), privateJwk };
}

async function importStoredKey(stored: unknown, label: string): Promise<SigningKey> {
  const s = stored as Partial<StoredKey> | null;
  const jwk = s?.privateJwk;
  if (typeof s?.kid !== 'string' || s.kid === '' || typeof jwk !== 'object' || jwk === null) {
    throw new Error(`${label}: missing kid or privateJwk`);
  }
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string' || typeof jwk.d !== 'string') {
    throw new Error(`${label}: not an RSA private JWK`);
  }
  if (Buffer.from(jwk.n, 'base64url').length < 256) throw new Error(`${label}: RSA modulus shorter than 2048 bits`);
  const privateKey = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
  const publicJwk: PublicJwk = { alg: 'RS256', e: jwk.e, kid: s.kid, kty: 'RSA', n: jwk.n, use: 'sig' };
  const publicKey = await importJWK({ kty: 'RSA', e: jwk.e, n: jwk.n }, 'RS256');
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array) throw new Error(`${label}: not an asymmetric key`);
  return { kid: s.kid, privateKey, publicKey, publicJwk };
}

async function importStoredKeys(text: string, path: string): Promise<TokenKeys> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message}); move it away to create new signing keys`);
  }
  const p = parsed as Partial<StoredKeys> | null;
  if (typeof p !== 'object' || p === null || p.version !== 1) throw new Error(`${path}: unknown signing-keys format`);
  try {
    const id = await importStoredKey(p.id, 'id');
    const access = await importStoredKey(p.access, 'access');
    if (id.kid === access.kid) throw new Error('id and access keys share a kid');
    return { id, access };
  } catch (err) {
    throw new Error(`${path}: unusable signing keys (${(err as Error).message}); move it away to create new ones`);
  }
}

const isErrno = (err: unknown, code: string): boolean => (err as NodeJS.ErrnoException | null)?.code === code;

async function fsyncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

async function readKeysFile(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

/**
 * Loads the pool's signing keys from `<dataDir>/signing-keys.json`, creating them on first start.
 * The file (private JWKs) is written atomically and durably with mode 0600, and never overwritten:
 * if two starts race, both end up with the keys of whichever file landed first.
 */
export async function loadOrCreateKeys(dataDir: string): Promise<TokenKeys> {
  const path = join(dataDir, SIGNING_KEYS_FILE);
  const existing = await readKeysFile(path);
  if (existing !== null) {
    await chmod(path, 0o600);
    return importStoredKeys(existing, path);
  }

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let id = await generateStoredKey();
  const access = await generateStoredKey();
  while (id.kid === access.kid) id = await generateStoredKey();
  const stored: StoredKeys = { version: 1, id, access };
  const text = `${JSON.stringify(stored, null, 2)}\n`;

  const tmp = join(dataDir, `.${SIGNING_KEYS_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() publishes the complete file atomically and fails if another start got there first.
    await link(tmp, path);
    await unlink(tmp);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) {
      await unlink(tmp);
      const winner = await readFile(path, 'utf8');
      return importStoredKeys(winner, path);
    }
    // Filesystems without hard links: fall back to rename (atomic, but last writer wins).
    await rename(tmp, path);
  }
  await fsyncDir(dataDir);
  return importStoredKeys(text, path);
}

const DEFAULT_SCOPE = 'aws.cognito.signin.user.admin';

/** User attributes a client can read in an ID token: the standard ones and custom:* (never anything else). */
const TOKEN_ATTRIBUTES = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale',
  'middle_name', 'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture',
  'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
]);
const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);

interface CommonClaimsInput {
  iss: string;
  clientId: string;
  sub: string;
  username: string;
  /** Epoch seconds of the original sign-in (kept across refreshes). */
  authTime: number;
  originJti: string;
  eventId: string;
  lifetimeSeconds: number;
  groups?: string[];
}

export interface IdTokenInput extends CommonClaimsInput {
  attributes: Record<string, string>;
}

export interface AccessTokenInput extends CommonClaimsInput {
  scope?: string;
}

export interface VerifiedAccessToken extends JWTPayload {
  sub: string;
  iss: string;
  client_id: string;
  token_use: 'access';
  scope: string;
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
  origin_jti: string;
  event_id: string;
  username: string;
  'cognito:groups'?: string[];
}

export interface VerifiedIdToken extends JWTPayload {
  sub: string;
  iss: string;
  aud: string;
  token_use: 'id';
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
  origin_jti: string;
  event_id: string;
  'cognito:username': string;
  'cognito:groups'?: string[];
  [attribute: string]: unknown;
}

export interface TokenIssuer {
  /** Public keys only, as served at /<poolId>/.well-known/jwks.json. */
  jwks(): { keys: JWK[] };
  issueIdToken(c: IdTokenInput): Promise<string>;
  issueAccessToken(c: AccessTokenInput): Promise<string>;
  /** Throws TokenError: 'expired' for a genuine but expired access token, 'invalid' for anything else. */
  verifyAccessToken(token: string, expectedIss?: string): Promise<VerifiedAccessToken>;
  /** Same checks for an ID token (its own key, token_use 'id', and the audience when given). */
  verifyIdToken(token: string, expectedIss?: string, expectedAudience?: string): Promise<VerifiedIdToken>;
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`token claim ${name} must be a non-empty string`);
  return value;
}

function requireSeconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer number of seconds`);
  }
  return value;
}

function groupsClaim(groups: string[] | undefined): { 'cognito:groups'?: string[] } {
  if (groups === undefined || groups.length === 0) return {};
  return { 'cognito:groups': groups.map((g) => requireString(g, 'cognito:groups')) };
}

function tokenAttributes(attributes: Record<string, string>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value !== 'string') continue;
    if (!TOKEN_ATTRIBUTES.has(name) && !name.startsWith('custom:')) continue;
    out[name] = BOOLEAN_ATTRIBUTES.has(name) ? value.toLowerCase() === 'true' : value;
  }
  return out;
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isGroups = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.every((g) => typeof g === 'string'));

export function createTokenIssuer(keys: TokenKeys, clock: Clock): TokenIssuer {
  const publicKeys = [keys.id.publicJwk, keys.access.publicJwk];

  function times(lifetimeSeconds: number): { iat: number; exp: number } {
    const life = requireSeconds(lifetimeSeconds, 'lifetimeSeconds');
    if (life === 0) throw new TypeError('lifetimeSeconds must be positive');
    const iat = Math.floor(clock.now() / 1000);
    return { iat, exp: iat + life };
  }

  function sign(payload: JWTPayload, key: SigningKey): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
  }

  async function verify(token: string, key: SigningKey, expectedIss: string | undefined, audience?: string): Promise<JWTPayload> {
    if (typeof token !== 'string' || token === '') throw new TokenError('invalid', 'missing token');
    try {
      const { payload, protectedHeader } = await jwtVerify(token, key.publicKey, {
        algorithms: ['RS256'],
        currentDate: new Date(clock.now()),
        ...(expectedIss !== undefined ? { issuer: expectedIss } : {}),
        ...(audience !== undefined ? { audience } : {}),
      });
      if (protectedHeader.kid !== key.kid) throw new TokenError('invalid', 'unexpected key id');
      return payload;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof errors.JWTExpired) throw new TokenError('expired', 'token has expired');
      throw new TokenError('invalid', `invalid token (${(err as Error).message})`);
    }
  }

  return {
    jwks: () => ({ keys: publicKeys.map((k) => ({ ...k })) }),

    async issueIdToken(c) {
      const { iat, exp } = times(c.lifetimeSeconds);
      const payload: JWTPayload = {
        sub: requireString(c.sub, 'sub'),
        ...groupsClaim(c.groups),
        ...tokenAttributes(c.attributes),
        iss: requireString(c.iss, 'iss'),
        'cognito:username': requireString(c.username, 'cognito:username'),
        origin_jti: requireString(c.originJti, 'origin_jti'),
        aud: requireString(c.clientId, 'aud'),
        event_id: requireString(c.eventId, 'event_id'),
        token_use: 'id',
        auth_time: requireSeconds(c.authTime, 'authTime'),
        exp,
        iat,
        jti: randomUUID(),
      };
      return sign(payload, keys.id);
    },

    async issueAccessToken(c) {
      const { iat, exp } = times(c.lifetimeSeconds);
      const payload: JWTPayload = {
        sub: requireString(c.sub, 'sub'),
        ...groupsClaim(c.groups),
        iss: requireString(c.iss, 'iss'),
        client_id: requireString(c.clientId, 'client_id'),
        origin_jti: requireString(c.originJti, 'origin_jti'),
        event_id: requireString(c.eventId, 'event_id'),
        token_use: 'access',
        scope: c.scope === undefined ? DEFAULT_SCOPE : requireString(c.scope, 'scope'),
        auth_time: requireSeconds(c.authTime, 'authTime'),
        exp,
        iat,
        jti: randomUUID(),
        username: requireString(c.username, 'username'),
      };
      return sign(payload, keys.access);
    },

    async verifyAccessToken(token, expectedIss) {
      const p = await verify(token, keys.access, expectedIss);
      const ok =
        p.token_use === 'access' &&
        isStr(p.sub) && isStr(p.iss) && isStr(p.client_id) && isStr(p.username) && isStr(p.scope) &&
        isStr(p.jti) && isStr(p.origin_jti) && isStr(p.event_id) &&
        isInt(p.iat) && isInt(p.exp) && isInt(p.auth_time) &&
        p.aud === undefined && isGroups(p['cognito:groups']);
      if (!ok) throw new TokenError('invalid', 'not a Cognito access token');
      return p as VerifiedAccessToken;
    },

    async verifyIdToken(token, expectedIss, expectedAudience) {
      const p = await verify(token, keys.id, expectedIss, expectedAudience);
      const ok =
        p.token_use === 'id' &&
        isStr(p.sub) && isStr(p.iss) && isStr(p.aud) && isStr(p['cognito:username']) &&
        isStr(p.jti) && isStr(p.origin_jti) && isStr(p.event_id) &&
        isInt(p.iat) && isInt(p.exp) && isInt(p.auth_time) && isGroups(p['cognito:groups']);
      if (!ok) throw new TokenError('invalid', 'not a Cognito ID token');
      return p as VerifiedIdToken;
    },
  };
}
