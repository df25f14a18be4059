// The slice of jsbn's BigInteger that amazon-cognito-identity-js's SRP code calls
// (AuthenticationHelper.js, CognitoUser.js), on the browser's native BigInt.
//
// Why: the library's SRP math is three 3072-bit modular exponentiations per sign-in. jsbn does
// them in JavaScript doubles (~80 ms each on a laptop core); native BigInt with a 5-bit sliding
// window does the same in ~10 ms, which is most of the sign-in time a rider waits for.
// Substituted for the library's `./BigInteger` at build time by vite-plugins/slim-cognito.ts;
// tests/unit/big-integer.test.ts checks it against jsbn itself on random and edge values.

type Callback = (err: Error | null, result?: BigInteger) => void;

function parse(text: string, radix: number): bigint {
  if (radix !== 16) throw new Error(`BigInteger shim: radix ${radix} is not supported`);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (!/^[0-9a-fA-F]+$/.test(digits)) throw new Error('BigInteger shim: not a hex number');
  const value = BigInt(`0x${digits}`);
  return negative ? -value : value;
}

const WINDOW = 5;

/** base^exponent mod modulus for exponent ≥ 0, modulus > 0; the result is in [0, modulus). */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  let b = base % modulus;
  if (b < 0n) b += modulus;
  if (exponent === 0n) return 1n;
  // Odd powers b, b^3, …, b^(2^WINDOW − 1).
  const square = (b * b) % modulus;
  const odd: bigint[] = [b];
  for (let i = 1; i < 1 << (WINDOW - 1); i++) odd.push(((odd[i - 1] as bigint) * square) % modulus);
  const bits = exponent.toString(2);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === '0') {
      result = (result * result) % modulus;
      i++;
      continue;
    }
    let j = Math.min(i + WINDOW, bits.length);
    while (bits[j - 1] === '0') j--;
    for (let t = i; t < j; t++) result = (result * result) % modulus;
    result = (result * (odd[(parseInt(bits.slice(i, j), 2) - 1) >> 1] as bigint)) % modulus;
    i = j;
  }
  return result;
}

/** Exponent bits from which a power of 2 is taken for an SRP secret (`a` is 400 bits, srp-exponent.ts). */
const SECRET_EXPONENT_BITS = 300;
/** Table rows: 4-bit digits of the widest exponent served, x in g^x (a SHA-256 hash, 256 bits). */
const ROWS = 64;

/**
 * Powers of 2 modulo the SRP group's N: `rows[i][d]` = 2^(d · 16^i) mod N (d = 0…15), so that 2^e
 * for e < 2^256 is the product of one entry per hexadecimal digit of e: at most 64 multiplications
 * instead of 256 squarings (~1 ms instead of ~6 ms on a 2-core machine). Built in the background,
 * 4 rows (~64 multiplications) per task so that no keystroke waits for it, once an SRP secret has
 * been raised: the page is about to sign in (srp-exponent.ts prepares the secret while the rider
 * types), and the sign-in's g^x and its device verifier then come from the table.
 */
let rows: bigint[][] = [];
let tableModulus: bigint | undefined;

function buildTable(modulus: bigint): void {
  tableModulus = modulus;
  rows = [];
  let unit = 2n % modulus; // 2^(16^i)
  const step = (): void => {
    for (let n = 0; n < 4 && rows.length < ROWS; n++) {
      const row = [1n, unit];
      for (let d = 2; d < 16; d++) row.push(((row[d - 1] as bigint) * unit) % modulus);
      unit = ((row[15] as bigint) * unit) % modulus;
      rows.push(row);
    }
    if (rows.length < ROWS) setTimeout(step);
  };
  setTimeout(step);
}

/** 2^exponent mod modulus, from the table when it is complete, for this modulus, and wide enough. */
function powerOfTwo(exponent: bigint, modulus: bigint): bigint {
  const bits = exponent.toString(2).length;
  if (bits >= SECRET_EXPONENT_BITS && tableModulus !== modulus) buildTable(modulus);
  if (tableModulus !== modulus || rows.length < ROWS || bits > ROWS * 4) return modPow(2n, exponent, modulus);
  let result = 1n;
  for (let i = 0, e = exponent; e > 0n; i++, e >>= 4n) {
    const digit = Number(e & 15n);
    if (digit) result = (result * ((rows[i] as bigint[])[digit] as bigint)) % modulus;
  }
  return result;
}

export default class BigInteger {
  static readonly ZERO = BigInteger.of(0n);
  static readonly ONE = BigInteger.of(1n);

  readonly value: bigint;

  constructor(text?: string | null, radix = 10) {
    this.value = text === undefined || text === null ? 0n : parse(text, radix);
  }

  static of(value: bigint): BigInteger {
    const n = new BigInteger();
    (n as { value: bigint }).value = value;
    return n;
  }

  toString(radix = 10): string {
    return this.value.toString(radix);
  }

  abs(): BigInteger {
    return this.value < 0n ? BigInteger.of(-this.value) : this;
  }

  compareTo(other: BigInteger): number {
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  equals(other: BigInteger): boolean {
    return this.value === other.value;
  }

  add(other: BigInteger): BigInteger {
    return BigInteger.of(this.value + other.value);
  }

  subtract(other: BigInteger): BigInteger {
    return BigInteger.of(this.value - other.value);
  }

  multiply(other: BigInteger): BigInteger {
    return BigInteger.of(this.value * other.value);
  }

  /** Non-negative remainder, as jsbn's mod. */
  mod(m: BigInteger): BigInteger {
    const r = this.value % m.value;
    return BigInteger.of(r < 0n ? r + m.value : r);
  }

  /** jsbn's modPow with the library's callback argument (called synchronously, as jsbn does). */
  modPow(exponent: BigInteger, m: BigInteger, callback?: Callback): BigInteger {
    const fixedBase = this.value === 2n && exponent.value > 0n && m.value > 2n;
    const result = BigInteger.of(
      fixedBase ? powerOfTwo(exponent.value, m.value) : modPow(this.value, exponent.value, m.value),
    );
    if (callback) callback(null, result);
    return result;
  }
}
