import type { PasswordPolicy, PasswordRuleId } from '../shared/password-policy.ts';
import { brokenRules, COGNITO_DEFAULT_PASSWORD_POLICY } from '../shared/password-policy.ts';
import { generateTemporaryPassword as generate, TEMPORARY_PASSWORD_LENGTH } from '../shared/temporary-password.ts';
import { invalidPassword } from './errors.ts';

/** A new pool's policy when CreateUserPool gives none (docs/cognito.md §5.1). */
export const DEFAULT_POLICY: PasswordPolicy = { ...COGNITO_DEFAULT_PASSWORD_POLICY };

/** Cognito's words for each broken rule. */
const VIOLATION: Record<PasswordRuleId, string> = {
  length: 'Password not long enough',
  upper: 'Password must have uppercase characters',
  lower: 'Password must have lowercase characters',
  digit: 'Password must have numeric characters',
  symbol: 'Password must have symbol characters',
};

/** The first rule the password breaks, in Cognito's words, or null. One rule per response, as Cognito does. */
export function policyViolation(policy: PasswordPolicy, password: string): string | null {
  const [first] = brokenRules(policy, password);
  return first ? VIOLATION[first] : null;
}

export function assertPasswordConforms(policy: PasswordPolicy, password: string): void {
  const rule = policyViolation(policy, password);
  if (rule) throw invalidPassword(`Password did not conform with policy: ${rule}`);
}

/** A random temporary password that satisfies the policy (AdminCreateUser without TemporaryPassword). */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  return generate(Math.max(policy.MinimumLength, TEMPORARY_PASSWORD_LENGTH));
}
