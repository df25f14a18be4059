// The one generator of temporary passwords: `npm run users -- create` prints one for the operator,
// the local pool's AdminCreateUser makes one when the request gives none. Plain TypeScript on Web
// Crypto (globalThis.crypto, in browsers and Node alike), so both programs share it.
import { MAX_PASSWORD_LENGTH } from './password-policy.ts';

// Every character class a policy can require, without look-alikes (I/l/1, O/0) and without the
// symbols a shell or a copy from a terminal mangles (quotes, backslash, backtick, $, &, space).
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#%*+-=?@^_~';
const CLASSES = [UPPER, LOWER, DIGITS, SYMBOLS];
const ALL = CLASSES.join('');

export const TEMPORARY_PASSWORD_LENGTH = 20;

/** Fills the array with random 32-bit values; Web Crypto's by default, injected by tests. */
export type RandomSource = (values: Uint32Array) => void;

const webCrypto: RandomSource = (values) => {
  globalThis.crypto.getRandomValues(values);
};

/** A uniformly random integer in [0, n): 32-bit draws above the last whole multiple of n are redrawn (no modulo bias). */
export function randomIndex(n: number, random: RandomSource = webCrypto): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  const draw = new Uint32Array(1);
  for (;;) {
    random(draw);
    if (draw[0]! < limit) return draw[0]! % n;
  }
}

/**
 * A random password with at least one uppercase letter, lowercase letter, digit and symbol, so it
 * meets any policy whose minimum length is at most `length`; the positions of the four are
 * shuffled too (Fisher-Yates), so no class sits at a predictable place.
 */
export function generateTemporaryPassword(
  length = TEMPORARY_PASSWORD_LENGTH,
  random: RandomSource = webCrypto,
): string {
  if (!Number.isInteger(length) || length < CLASSES.length || length > MAX_PASSWORD_LENGTH) {
    throw new RangeError(
      `A temporary password has ${CLASSES.length} to ${MAX_PASSWORD_LENGTH} characters, not ${length}.`,
    );
  }
  const pick = (alphabet: string): string => alphabet[randomIndex(alphabet.length, random)]!;
  const chars = CLASSES.map(pick);
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1, random);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
