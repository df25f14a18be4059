// The one password check (shared/password-policy.ts) and the two programs that apply it: the
// site's checklist (src/auth/password-policy.ts) and the local pool (local-cognito/password-policy.ts).
import { describe, expect, it } from 'vitest';
import { policyViolation } from '../../../local-cognito/password-policy.ts';
import type { PasswordPolicy } from '../../../shared/password-policy.ts';
import {
  brokenRules,
  COGNITO_DEFAULT_PASSWORD_POLICY,
  passwordLength,
  policyRules,
} from '../../../shared/password-policy.ts';
import { RIDER_PASSWORD_POLICY } from '../../../shared/rider-pool.ts';
import { passwordProblem } from '../../../src/auth/password-policy.ts';

const SMILE = '\u{1F600}'; // one code point, two UTF-16 units

describe('shared password policy', () => {
  it('counts length in code points, as Cognito does, not in UTF-16 units', () => {
    expect(SMILE.length).toBe(2);
    expect(passwordLength(SMILE)).toBe(1);
    expect(passwordLength(`Ab1!${SMILE}${SMILE}`)).toBe(6);
    expect(brokenRules(COGNITO_DEFAULT_PASSWORD_POLICY, `Ab1!${SMILE}${SMILE}`)).toEqual(['length']);
    expect(brokenRules(COGNITO_DEFAULT_PASSWORD_POLICY, `Ab1!${SMILE.repeat(4)}`)).toEqual([]);
  });

  it('checks only the rules the policy enforces, length first', () => {
    const lax: PasswordPolicy = {
      ...COGNITO_DEFAULT_PASSWORD_POLICY,
      MinimumLength: 6,
      RequireSymbols: false,
      RequireUppercase: false,
    };
    expect(policyRules(lax)).toEqual(['length', 'lower', 'digit']);
    expect(brokenRules(lax, 'unicorn1')).toEqual([]);
    expect(brokenRules(lax, 'UNI')).toEqual(['length', 'lower', 'digit']);
    expect(policyRules(COGNITO_DEFAULT_PASSWORD_POLICY)).toEqual(['length', 'upper', 'lower', 'digit', 'symbol']);
  });

  it('counts a space as a symbol only inside the password', () => {
    expect(brokenRules(COGNITO_DEFAULT_PASSWORD_POLICY, 'Unicorn 1a')).toEqual([]);
    expect(brokenRules(COGNITO_DEFAULT_PASSWORD_POLICY, 'Unicorn  1a')).toEqual([]);
    expect(brokenRules(COGNITO_DEFAULT_PASSWORD_POLICY, 'Unicorn1a ')).toEqual(['symbol']);
  });
});

describe('the site and the local pool agree on every password (the drift this fixes)', () => {
  // Before: the page counted UTF-16 units (an emoji = 2) and the pool code points (an emoji = 1),
  // so `Ab1!😀😀` (6 characters) passed the page's checklist and was refused by the pool.
  const passwords = [
    `Ab1!${SMILE}${SMILE}`,
    `Ab1!${SMILE.repeat(3)}`,
    `Ab1!${SMILE.repeat(4)}`,
    `Ab1!é${SMILE}ü${SMILE}`,
    'Unicorn1!',
    'Uni1!',
    'unicorn1!',
    'UNICORN1!',
    'Unicorns!',
    'Unicorn12',
    'Unicorn 1a',
    'ÉCOLE12!',
    'école12!',
    'Unicorn1é',
    `Unicorn1${SMILE}`,
  ];

  it('the page refuses exactly the passwords the pool refuses, for the rider pool', () => {
    for (const password of passwords) {
      const page = passwordProblem(password) === null;
      const pool = policyViolation(RIDER_PASSWORD_POLICY, password) === null;
      expect(page, password).toBe(pool);
    }
    expect(passwordProblem(`Ab1!${SMILE}${SMILE}`)).toBe('Use at least 8 characters.');
    expect(policyViolation(RIDER_PASSWORD_POLICY, `Ab1!${SMILE}${SMILE}`)).toBe('Password not long enough');
  });
});
