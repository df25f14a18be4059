import { randomInt } from 'node:crypto';
import { invalidPassword } from './errors.ts';
import type { PasswordPolicy } from './records.ts';

/** A new pool's policy when CreateUserPool gives none (cognito-facts.md §5.1). */
export const DEFAULT_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** Cognito's special characters; a space counts too when it is neither leading nor trailing. */
export const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

const hasSymbol = (pw: string): boolean =>
  [...pw].some((ch) => SYMBOLS.includes(ch)) || (pw.length > 2 && pw.slice(1, -1).includes(' '));

/** The first rule the password breaks, in Cognito's words, or null. One rule per response, as Cognito does. */
export function policyViolation(policy: PasswordPolicy, password: string): string | null {
  if ([...password].length < policy.MinimumLength) return 'Password not long enough';
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) return 'Password must have uppercase characters';
  if (policy.RequireLowercase && !/[a-z]/.test(password)) return 'Password must have lowercase characters';
  if (policy.RequireNumbers && !/[0-9]/.test(password)) return 'Password must have numeric characters';
  if (policy.RequireSymbols && !hasSymbol(password)) return 'Password must have symbol characters';
  return null;
}

export function assertPasswordConforms(policy: PasswordPolicy, password: string): void {
  const rule = policyViolation(policy, password);
  if (rule) throw invalidPassword(`Password did not conform with policy: ${rule}`);
}

/** A random temporary password that satisfies the policy (AdminCreateUser without TemporaryPassword). */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#%&*?+='];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)] as string);
  while (chars.length < Math.max(policy.MinimumLength, 12)) chars.push(all[randomInt(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
