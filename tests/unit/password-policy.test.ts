import { describe, expect, it } from 'vitest';
import { failedRules, PASSWORD_RULES, passwordProblem } from '../../src/auth/password-policy.ts';

const ids = (password: string) => failedRules(password).map((rule) => rule.id);

describe('password policy (Cognito defaults)', () => {
  it('accepts a password with all four character classes and 8+ characters', () => {
    expect(ids('Unicorn1!')).toEqual([]);
    expect(passwordProblem('Unicorn1!')).toBeNull();
  });

  it('names each failing rule', () => {
    expect(ids('')).toEqual(['length', 'upper', 'lower', 'digit', 'symbol']);
    expect(ids('Uni1!')).toEqual(['length']);
    expect(ids('unicorn1!')).toEqual(['upper']);
    expect(ids('UNICORN1!')).toEqual(['lower']);
    expect(ids('Unicorns!')).toEqual(['digit']);
    expect(ids('Unicorn12')).toEqual(['symbol']);
    expect(passwordProblem('unicorn1')).toBe('Add an uppercase letter (A–Z). Add a symbol, like ! ? # or %.');
  });

  it("counts every character in Cognito's symbol set, and an inner space, as a symbol", () => {
    for (const symbol of '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-') {
      expect(ids(`Unicorn1${symbol}`), symbol).toEqual([]);
    }
    expect(ids('Unicorn 1a')).toEqual([]);
    expect(ids('Unicorn1é')).toEqual(['symbol']);
  });

  it('only counts Basic Latin letters for the upper/lowercase rules', () => {
    expect(ids('ÉCOLE12!')).toEqual(['lower']);
    expect(ids('école12!')).toEqual(['upper']);
  });

  it('refuses leading/trailing spaces and passwords over 256 characters', () => {
    expect(passwordProblem(' Unicorn1!')).toMatch(/space at the start or end/);
    expect(passwordProblem('Unicorn1! ')).toMatch(/space at the start or end/);
    expect(passwordProblem(`Aa1!${'x'.repeat(253)}`)).toBe('Use at most 256 characters.');
    expect(passwordProblem(`Aa1!${'x'.repeat(252)}`)).toBeNull();
  });

  it('has a checklist label for every rule', () => {
    expect(PASSWORD_RULES.map((rule) => rule.label)).toEqual([
      'At least 8 characters',
      'An uppercase letter (A–Z)',
      'A lowercase letter (a–z)',
      'A number (0–9)',
      'A symbol, like ! ? # or %',
    ]);
  });
});
