// The client's secret SRP exponent `a`, for amazon-cognito-identity-js's USER_SRP_AUTH sign-in:
// 400 random bits instead of the library's 1024, and A = g^a mod N computed while the rider types
// rather than after they press "Sign in".
//
// Why: a sign-in waits for two modular exponentiations with `a` in the exponent, A = g^a before
// InitiateAuth and S = (B − k·g^x)^(a + u·x) after it. Their cost grows with the exponent's length
// (3072-bit squarings, ~10–20 µs each on native BigInt in Chromium): with 1024 bits they were ~20 and
// ~26 ms of the ~84 ms a rider waited for their tokens on a 2-core machine. The group is RFC 3526's
// 3072-bit MODP group, whose strength RFC 3526 §8 estimates at 130–200 bits, asking for exponents
// of 260–400 bits ("double the entropy of the strength of the entire system", §1); NIST SP 800-56A
// asks for 2 × 128 = 256 bits for that group. 400 bits meets the higher estimate. With u·x (512
// bits) in the exponent of S, S costs ~12 ms; A, computed ahead, costs nothing at submit.
// Nothing the server checks changes: Cognito sees only A, which is as uniformly distributed in the
// group as before. docs/cognito.md §3.1 records this.
import { AuthenticationHelper } from 'amazon-cognito-identity-js';

// The library's SRP helper, which also makes device verifiers: exported by its index but not in its
// typings. A named import (not `import * as`) keeps the rest of the index (CookieStorage, js-cookie)
// out of the bundle.
declare module 'amazon-cognito-identity-js' {
  export class AuthenticationHelper {
    constructor(poolName: string);
    generateHashDevice(groupKey: string, deviceKey: string, callback: (err: unknown) => void): void;
    getSaltDevices(): string;
    getVerifierDevices(): string;
    getRandomPassword(): string;
  }
}

/** The library's (or its shim's) big integer: what the helper's N, g, a and A are. */
interface BigIntegerLike {
  toString(radix: number): string;
  bitLength?(): number;
}
type BigIntegerClass = new (text: string, radix: number) => BigIntegerLike;

/** The AuthenticationHelper members the sign-in relies on (the library's own, not in its typings). */
interface SrpHelper {
  N: BigIntegerLike;
  smallAValue: BigIntegerLike;
  largeAValue?: BigIntegerLike;
  generateRandomSmallA(): BigIntegerLike;
  calculateA(a: BigIntegerLike, callback: (err: Error | null, A: BigIntegerLike | null) => void): void;
}

/** Bytes of randomness in `a`: 400 bits (RFC 3526 §8's larger exponent size for its 3072-bit group). */
const EXPONENT_BYTES = 50;

/** A big-endian hex string of `bytes` random bytes (crypto.getRandomValues, as the library's WordArray). */
function randomHex(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let hex = '';
  for (const b of buf) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** a → A for exponents computed ahead; each is handed to one helper only, then forgotten. */
const computed = new WeakMap<BigIntegerLike, BigIntegerLike>();
/** The exponent the next sign-in will use, if one was prepared. */
let prepared: BigIntegerLike | undefined;
let installed = false;
/** Set while a helper for device verifiers only is made: it needs no A of its own. */
let verifierOnly = false;

const helperPrototype = (): SrpHelper => AuthenticationHelper.prototype as unknown as SrpHelper;

/**
 * Makes every AuthenticationHelper draw a 400-bit `a` (or take the one prepareSrpExponent made)
 * and take a prepared A instead of computing it again. Idempotent.
 */
export function useShortSrpExponents(): void {
  if (installed) return;
  installed = true;
  const proto = helperPrototype();
  const calculateA = proto.calculateA;
  proto.generateRandomSmallA = function (this: SrpHelper) {
    const fresh = (): BigIntegerLike => new (this.N.constructor as BigIntegerClass)(randomHex(EXPONENT_BYTES), 16);
    if (verifierOnly) return fresh();
    const a = prepared ?? fresh();
    prepared = undefined;
    return a;
  };
  proto.calculateA = function (this: SrpHelper, a, callback) {
    // Left unset: getLargeAValue computes it if the helper is ever used for a sign-in after all.
    if (verifierOnly) return callback(null, null);
    const A = computed.get(a);
    if (!A) return calculateA.call(this, a, callback);
    computed.delete(a);
    callback(null, A);
  };
}

/**
 * Computes the next sign-in's `a` and A = g^a mod N now, so that submitting the form starts the
 * request at once (call it when the rider starts typing; ~5 ms on a 2-core machine). The pair is
 * used by one sign-in only; a later sign-in without a new call computes its own.
 */
export function prepareSrpExponent(poolName: string): void {
  useShortSrpExponents();
  if (prepared) return;
  const helper = new AuthenticationHelper(poolName) as unknown as SrpHelper;
  if (!helper.largeAValue) return;
  computed.set(helper.smallAValue, helper.largeAValue);
  prepared = helper.smallAValue;
}

/**
 * An AuthenticationHelper for generateHashDevice only (a device's salt, secret and verifier): the
 * library's constructor would also compute an A = g^a mod N it never uses (~8–20 ms).
 */
export function deviceVerifierHelper(poolName: string): AuthenticationHelper {
  useShortSrpExponents();
  verifierOnly = true;
  try {
    return new AuthenticationHelper(poolName);
  } finally {
    verifierOnly = false;
  }
}
