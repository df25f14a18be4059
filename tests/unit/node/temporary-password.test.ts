import { describe, expect, it } from 'vitest';
import { generateTemporaryPassword as poolTemporaryPassword } from '../../../local-cognito/password-policy.ts';
import type { PasswordPolicy } from '../../../shared/password-policy.ts';
import { brokenRules, COGNITO_DEFAULT_PASSWORD_POLICY } from '../../../shared/password-policy.ts';
import type { RandomSource } from '../../../shared/temporary-password.ts';
import { generateTemporaryPassword, randomIndex } from '../../../shared/temporary-password.ts';

/** A random source that hands out the given 32-bit values in turn. */
function scripted(values: number[]): RandomSource & { used: number } {
  const source = Object.assign(
    (out: Uint32Array) => {
      if (source.used >= values.length) throw new Error('the scripted values ran out');
      out[0] = values[source.used++]!;
    },
    { used: 0 },
  );
  return source;
}

describe('randomIndex', () => {
  it('redraws values above the last whole multiple of n, so no index is favoured', () => {
    // 2^32 = 12 · 357913941 + 4: the four values from 2^32 − 4 up would map to 0..3 once more than 4..11.
    const source = scripted([2 ** 32 - 1, 2 ** 32 - 4, 2 ** 32 - 5]);
    expect(randomIndex(12, source)).toBe((2 ** 32 - 5) % 12);
    expect(source.used).toBe(3);
  });

  it('takes the first draw when it is below the limit', () => {
    const source = scripted([29]);
    expect(randomIndex(12, source)).toBe(5);
    expect(source.used).toBe(1);
  });

  it('needs no redraw when n divides 2^32', () => {
    const source = scripted([2 ** 32 - 1]);
    expect(randomIndex(8, source)).toBe(7);
  });
});

describe('generateTemporaryPassword', () => {
  it('has every character class, whatever the random values say', () => {
    // All-zero draws: every pick is the first character of its alphabet (the worst case for variety).
    const zeros: RandomSource = (out) => out.fill(0);
    const password = generateTemporaryPassword(8, zeros);
    expect(password).toHaveLength(8);
    expect(brokenRules(COGNITO_DEFAULT_PASSWORD_POLICY, password)).toEqual([]);
  });

  it('meets the policy it is made for, in the scripts and in the local pool', () => {
    const strict: PasswordPolicy = { ...COGNITO_DEFAULT_PASSWORD_POLICY, MinimumLength: 40 };
    for (let i = 0; i < 50; i++) {
      expect(brokenRules(COGNITO_DEFAULT_PASSWORD_POLICY, generateTemporaryPassword())).toEqual([]);
      const long = poolTemporaryPassword(strict);
      expect(long).toHaveLength(40);
      expect(brokenRules(strict, long)).toEqual([]);
    }
    expect(poolTemporaryPassword(COGNITO_DEFAULT_PASSWORD_POLICY)).toHaveLength(20);
  });

  it('refuses a length that cannot hold the four classes or that Cognito would refuse', () => {
    expect(() => generateTemporaryPassword(3)).toThrow(RangeError);
    expect(() => generateTemporaryPassword(257)).toThrow(RangeError);
    expect(() => generateTemporaryPassword(8.5)).toThrow(RangeError);
  });
});
