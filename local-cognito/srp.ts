// Server side of Cognito's SRP-6a, computed exactly as amazon-cognito-identity-js computes the
// client side (src/AuthenticationHelper.js, src/CognitoUser.js, src/DateHelper.js).
// Recipe and sources: docs/cognito.md §3.
//
// Modular exponentiation runs in OpenSSL through a Diffie-Hellman object over N: with the
// exponent set as the private key, generateKeys() yields g^e mod N and computeSecret(base)
// yields base^e mod N. BigInt only does the cheap multiply/add/mod steps.

import { createDiffieHellman, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export class SrpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SrpError';
  }
}

export interface SrpVerifier {
  /** Lowercase hex of the salt bytes (16 random bytes → 32 hex chars). */
  salt: string;
  /** Lowercase hex of v = g^x mod N, zero-padded to the width of N (768 hex chars). */
  verifier: string;
}

export interface SrpServerStep {
  /** Public value sent to the client as SRP_B (lowercase hex, width of N). */
  B: string;
  /** Private exponent; stays server-side (lowercase hex). */
  b: string;
}

/** RFC 5054 / RFC 3526 3072-bit group, as in the client's `initN`. */
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1' +
  '29024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245' +
  'E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D' +
  'C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D' +
  '670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9' +
  'DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64' +
  'ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B' +
  'F12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31' +
  '43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

export const SRP_N = BigInt(`0x${N_HEX}`);
export const SRP_G = 2n;
const N_BYTES = N_HEX.length / 2; // 384
const N_HEX_WIDTH = N_HEX.length; // 768

/** Private exponent size for b: 256 bits, twice the 128-bit strength of a 3072-bit group. */
const B_PRIVATE_BYTES = 32;
/** Longest SRP_A accepted: a 3072-bit value is 768 hex digits; allow zero padding up to twice that. */
const MAX_A_HEX_LENGTH = 2 * N_HEX_WIDTH;

const HKDF_INFO = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);

// One OpenSSL DH context over (N, g). Node's crypto calls are synchronous, so sharing it is safe:
// every use sets the private key and reads the result before returning.
const dh = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([Number(SRP_G)]));

function bigFromBuffer(buf: Buffer): bigint {
  return buf.length === 0 ? 0n : BigInt(`0x${buf.toString('hex')}`);
}

function bufferFromBig(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

/** Java BigInteger.toByteArray-style hex of a non-negative integer (the client's padHex). */
export function padHex(n: bigint): string {
  if (n < 0n) throw new RangeError('padHex: negative values are not used by SRP');
  let hex = n.toString(16);
  if (hex.length % 2 !== 0) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return hex;
}

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** The client's hexHash(padHex(a) + padHex(b) + ...). */
function hashPadded(...values: bigint[]): Buffer {
  return sha256(...values.map((v) => Buffer.from(padHex(v), 'hex')));
}

const K = bigFromBuffer(hashPadded(SRP_N, SRP_G));

/** g^e mod N (native). */
function gPow(exponent: Buffer): bigint {
  dh.setPrivateKey(exponent);
  return bigFromBuffer(dh.generateKeys());
}

/** base^e mod N (native). Throws for base ≡ 0, 1 or N-1, which OpenSSL refuses as a peer key. */
function modPow(base: bigint, exponent: Buffer): bigint {
  dh.setPrivateKey(exponent);
  return bigFromBuffer(dh.computeSecret(bufferFromBig(base)));
}

function toHexWidthN(n: bigint): string {
  return n.toString(16).padStart(N_HEX_WIDTH, '0');
}

function computeX(poolName: string, userIdForSrp: string, password: string, salt: bigint): Buffer {
  const userPasswordHash = sha256(Buffer.from(`${poolName}${userIdForSrp}:${password}`, 'utf8'));
  return sha256(Buffer.from(padHex(salt), 'hex'), userPasswordHash);
}

const HEX_RE = /^[0-9a-fA-F]+$/;

function parseHex(value: unknown, maxLength: number): bigint | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) return null;
  if (!HEX_RE.test(value)) return null;
  return BigInt(`0x${value}`);
}

/** Creates the salt and verifier stored for a user; the password itself is never kept. */
export function createVerifier(
  poolName: string,
  userIdForSrp: string,
  password: string,
  salt: Buffer = randomBytes(16),
): SrpVerifier {
  if (salt.length === 0) throw new SrpError('empty salt');
  const saltHex = salt.toString('hex');
  const x = computeX(poolName, userIdForSrp, password, bigFromBuffer(salt));
  return { salt: saltHex, verifier: toHexWidthN(gPow(x)) };
}

/** Parses SRP_A as the client sends it (unpadded hex, possibly odd length). */
export function parseSrpA(A: string): bigint {
  const value = parseHex(A, MAX_A_HEX_LENGTH);
  if (value === null) throw new SrpError('malformed A');
  if (value % SRP_N === 0n) throw new SrpError('A mod N is zero');
  return value;
}

/** First server step: B = (k·v + g^b) mod N for a fresh random b. */
export function startSrp(verifier: string, A: string): SrpServerStep {
  const a = parseSrpA(A);
  const v = parseHex(verifier, N_HEX_WIDTH);
  if (v === null || v % SRP_N === 0n) throw new SrpError('malformed verifier');
  const kv = (K * v) % SRP_N;
  for (;;) {
    const b = randomBytes(B_PRIVATE_BYTES);
    const B = (kv + gPow(b)) % SRP_N;
    // The client refuses B ≡ 0 and u = 0; both are astronomically unlikely, but never send them.
    if (B === 0n || bigFromBuffer(hashPadded(a, B)) === 0n) continue;
    return { B: toHexWidthN(B), b: b.toString('hex') };
  }
}

/** The HMAC key the client derives: HKDF(ikm = padHex(S), salt = padHex(u), "Caldera Derived Key"), 16 bytes. */
function deriveKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  return createHmac('sha256', prk).update(HKDF_INFO).digest().subarray(0, 16);
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function strictBase64(value: unknown): Buffer | null {
  if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0 || !BASE64_RE.test(value)) {
    return null;
  }
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : null;
}

export interface PasswordClaim {
  poolName: string;
  userIdForSrp: string;
  verifier: string;
  A: string;
  B: string;
  b: string;
  /** Base64, exactly as sent to the client as SECRET_BLOCK. */
  secretBlock: string;
  /** The client's TIMESTAMP, "ddd MMM D HH:mm:ss UTC YYYY". */
  timestamp: string;
  /** The client's PASSWORD_CLAIM_SIGNATURE (base64). */
  signature: string;
}

/**
 * Checks PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(K, poolName ‖ userId ‖ secretBlock ‖ timestamp)).
 * Returns false, never throws, on any malformed input. Clock-skew policy on the timestamp is the
 * caller's (see parseSrpTimestamp); here it only has to be in the client's exact format.
 */
export function verifyPasswordClaim(p: PasswordClaim): boolean {
  try {
    if (typeof p.poolName !== 'string' || typeof p.userIdForSrp !== 'string') return false;
    if (typeof p.signature !== 'string' || typeof p.timestamp !== 'string') return false;
    if (parseSrpTimestamp(p.timestamp) === null) return false;
    const secretBlock = strictBase64(p.secretBlock);
    if (secretBlock === null) return false;
    const A = parseHex(p.A, MAX_A_HEX_LENGTH);
    const B = parseHex(p.B, N_HEX_WIDTH);
    const v = parseHex(p.verifier, N_HEX_WIDTH);
    if (A === null || B === null || v === null) return false;
    if (typeof p.b !== 'string' || p.b.length === 0 || p.b.length > N_HEX_WIDTH || p.b.length % 2 !== 0) return false;
    if (!HEX_RE.test(p.b)) return false;
    const b = Buffer.from(p.b, 'hex');
    const aModN = A % SRP_N;
    if (aModN === 0n || B % SRP_N === 0n || v % SRP_N === 0n) return false;

    const uBytes = hashPadded(A, B);
    const u = bigFromBuffer(uBytes);
    if (u === 0n) return false;
    // S = (A · v^u)^b mod N
    const S = modPow((aModN * modPow(v % SRP_N, uBytes)) % SRP_N, b);
    const key = deriveKey(S, u);

    const expected = createHmac('sha256', key)
      .update(Buffer.from(p.poolName, 'utf8'))
      .update(Buffer.from(p.userIdForSrp, 'utf8'))
      .update(secretBlock)
      .update(Buffer.from(p.timestamp, 'utf8'))
      .digest('base64');
    const given = Buffer.from(p.signature, 'utf8');
    const want = Buffer.from(expected, 'utf8');
    return given.length === want.length && timingSafeEqual(given, want);
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The client's DateHelper.getNowString format: "Tue Mar 5 09:05:03 UTC 2024". */
export function formatSrpTimestamp(date: Date): string {
  return (
    `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

const TIMESTAMP_RE =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([1-9][0-9]{3})$/;

/** Strict inverse of formatSrpTimestamp: null unless the string is exactly in the client's format. */
export function parseSrpTimestamp(s: string): Date | null {
  if (typeof s !== 'string') return null;
  const m = TIMESTAMP_RE.exec(s);
  if (m === null) return null;
  const [, weekday, monthName, day, hh, mm, ss, year] = m;
  const month = (MONTHS as readonly string[]).indexOf(monthName!);
  const date = new Date(Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)));
  if (date.getUTCMonth() !== month || date.getUTCDate() !== Number(day)) return null; // e.g. Feb 30
  if (WEEKDAYS[date.getUTCDay()] !== weekday) return null;
  return date;
}

/**
 * A stable fake SRP identity for an unknown username (PreventUserExistenceErrors = ENABLED):
 * salt and UUID-shaped user id derived from (secret, lowercased username), and a verifier g^r for an
 * exponent r that is not derived from any password, so no password can produce a valid claim.
 */
export function fakeSrpIdentity(
  secret: Buffer,
  username: string,
): { salt: string; userIdForSrp: string; verifier: string } {
  const name = username.toLowerCase();
  const derive = (label: string): Buffer => createHmac('sha256', secret).update(`${label}\0${name}`, 'utf8').digest();
  const salt = derive('salt').subarray(0, 16).toString('hex');
  const id = Buffer.from(derive('user-id').subarray(0, 16));
  id[6] = (id[6]! & 0x0f) | 0x40; // version 4
  id[8] = (id[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = id.toString('hex');
  const userIdForSrp = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  const verifier = toHexWidthN(gPow(derive('verifier')));
  return { salt, userIdForSrp, verifier };
}

/** Exposed for tests and tools: the multiplier k = H(padHex(N) ‖ padHex(g)). */
export const SRP_K = K;
/** Width of N in bytes (384). */
export const SRP_N_BYTES = N_BYTES;

// The arithmetic both sides of SRP share, for the bench's native client (bench/srp-client.ts), which
// must compute exactly what amazon-cognito-identity-js computes and so reuses these instead of a copy.
export { bigFromBuffer, bufferFromBig, computeX, deriveKey, gPow, hashPadded, modPow };
