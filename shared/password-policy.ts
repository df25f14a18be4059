// A Cognito password policy and the one check of a password against it, shared by the site's live
// checklist (src/auth/password-policy.ts) and the local pool (local-cognito/password-policy.ts), so
// the page never accepts a password the pool refuses, or the other way round.
import type { PasswordPolicyType } from '@aws-sdk/client-cognito-identity-provider';

/** The policy values a check needs: PasswordPolicyType with every field present. */
export type PasswordPolicy = Required<
  Pick<
    PasswordPolicyType,
    | 'MinimumLength'
    | 'RequireUppercase'
    | 'RequireLowercase'
    | 'RequireNumbers'
    | 'RequireSymbols'
    | 'TemporaryPasswordValidityDays'
  >
>;

/** What a new pool gets when CreateUserPool gives no policy: Cognito's default (docs/cognito.md §5.1). */
export const COGNITO_DEFAULT_PASSWORD_POLICY: Readonly<PasswordPolicy> = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** Cognito refuses longer passwords whatever the policy (docs/cognito.md §5.1). */
export const MAX_PASSWORD_LENGTH = 256;

/** Cognito's special characters; a space counts too when it is neither leading nor trailing. */
const PASSWORD_SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

export type PasswordRuleId = 'length' | 'upper' | 'lower' | 'digit' | 'symbol';

/**
 * A password's length as Cognito counts it: in Unicode code points (an emoji is one character),
 * not in UTF-16 units as JavaScript's `.length` does. AWS's API models measure a string's length
 * in Unicode scalar values (the Smithy `length` trait), and Cognito documents password lengths in
 * characters.
 */
export const passwordLength = (password: string): number => [...password].length;

const hasSymbol = (password: string): boolean =>
  [...password].some((ch) => PASSWORD_SYMBOLS.includes(ch)) || password.slice(1, -1).includes(' ');

// Upper and lower case are Basic Latin letters only, digits 0-9 only (docs/cognito.md §5.1).
const MEETS: Record<PasswordRuleId, (password: string, policy: PasswordPolicy) => boolean> = {
  length: (password, policy) => passwordLength(password) >= policy.MinimumLength,
  upper: (password) => /[A-Z]/.test(password),
  lower: (password) => /[a-z]/.test(password),
  digit: (password) => /[0-9]/.test(password),
  symbol: hasSymbol,
};

/** The rules a policy enforces, in Cognito's order (length first): the checklist order too. */
export function policyRules(policy: PasswordPolicy): PasswordRuleId[] {
  const rules: PasswordRuleId[] = ['length'];
  if (policy.RequireUppercase) rules.push('upper');
  if (policy.RequireLowercase) rules.push('lower');
  if (policy.RequireNumbers) rules.push('digit');
  if (policy.RequireSymbols) rules.push('symbol');
  return rules;
}

/** Whether the password meets one rule of the policy. */
export const meetsRule = (rule: PasswordRuleId, policy: PasswordPolicy, password: string): boolean =>
  MEETS[rule](password, policy);

/** The rules of the policy that the password breaks, in order (empty = the policy accepts it). */
export function brokenRules(policy: PasswordPolicy, password: string): PasswordRuleId[] {
  return policyRules(policy).filter((rule) => !meetsRule(rule, policy, password));
}
