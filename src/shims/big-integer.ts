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
    const result = BigInteger.of(modPow(this.value, exponent.value, m.value));
    if (callback) callback(null, result);
    return result;
  }
}
