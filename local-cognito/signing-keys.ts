// The pool's two RSA-2048 signing keys (one for ID tokens, one for access tokens), kept as
// private JWKs in <dataDir>/signing-keys.json so tokens stay valid across restarts.

import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import { writeFileDurably } from '../shared/node/durable-file.ts';

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
  if (privateKey instanceof Uint8Array || publicKey instanceof Uint8Array)
    throw new Error(`${label}: not an asymmetric key`);
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

  if ((await writeFileDurably(path, text, { mode: 0o600, ifAbsent: true })) === 'exists') {
    return importStoredKeys(await readFile(path, 'utf8'), path);
  }
  return importStoredKeys(text, path);
}
