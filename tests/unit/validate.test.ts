import { describe, expect, it } from 'vitest';
import { AuthError } from '../../src/auth/errors.ts';
import { checkNewPassword, normalizeCode, normalizeEmail, requirePassword } from '../../src/auth/validate.ts';

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof AuthError) return { code: err.code, field: err.field, message: err.message };
    throw err;
  }
  throw new Error('expected an AuthError');
};

describe('input validation (before any request)', () => {
  it('trims and lower-cases email addresses', () => {
    expect(normalizeEmail('  Rider@Example.COM ')).toBe('rider@example.com');
    expect(normalizeEmail('a.b+rydes@mail.example.co.uk')).toBe('a.b+rydes@mail.example.co.uk');
  });

  it.each([
    '',
    '   ',
    'rider',
    'rider@',
    '@example.com',
    'rider@example',
    'rider@@example.com',
    'ri der@example.com',
    'rider@example..com',
    `${'a'.repeat(120)}@example.com`,
  ])('refuses %j as an email', (email) => {
    expect(failure(() => normalizeEmail(email))).toMatchObject({ code: 'InvalidEmail', field: 'email' });
  });

  it('says "Enter your email address." for an empty field', () => {
    expect(failure(() => normalizeEmail(' ')).message).toBe('Enter your email address.');
  });

  it('accepts 6-digit codes with spaces or dashes and refuses anything else', () => {
    expect(normalizeCode(' 123 456 ')).toBe('123456');
    expect(normalizeCode('123-456')).toBe('123456');
    for (const code of ['', '12345', '1234567', '12a456', '１２３４５６']) {
      expect(failure(() => normalizeCode(code))).toEqual({
        code: 'InvalidCode',
        field: 'code',
        message: 'Enter the 6-digit code from the email.',
      });
    }
  });

  it('refuses a new password that breaks the policy, naming the rule', () => {
    expect(checkNewPassword('Unicorn1!')).toBe('Unicorn1!');
    expect(failure(() => checkNewPassword('unicorn1!'))).toEqual({
      code: 'InvalidPassword',
      field: 'password',
      message: 'Add an uppercase letter (A–Z).',
    });
  });

  it('only requires a current password to be non-empty', () => {
    expect(requirePassword('x')).toBe('x');
    expect(failure(() => requirePassword(''))).toMatchObject({
      code: 'InvalidPassword',
      message: 'Enter your password.',
    });
  });
});
