// The rider pool's password policy as the pages apply it: the live checklist and the sentence that
// refuses a weak password before any request is sent. The rules, their wording and the check itself
// are the shared ones the local pool applies too (shared/password-policy.ts), so the two cannot drift.

import type { PasswordRuleWording } from '../../shared/password-checklist.ts';
import { passwordChecklist } from '../../shared/password-checklist.ts';
import { MAX_PASSWORD_LENGTH, meetsRule, passwordLength } from '../../shared/password-policy.ts';
import { RIDER_PASSWORD_POLICY } from '../../shared/rider-pool.ts';

export interface PasswordRule extends PasswordRuleWording {
  test(password: string): boolean;
}

export const PASSWORD_RULES: readonly PasswordRule[] = passwordChecklist(RIDER_PASSWORD_POLICY).map((wording) => ({
  ...wording,
  test: (password: string) => meetsRule(wording.id, RIDER_PASSWORD_POLICY, password),
}));

/** The rules the password breaks, in checklist order (empty = acceptable). */
export function failedRules(password: string): PasswordRule[] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password));
}

/** One sentence naming every failing rule, or null when the password is acceptable. */
export function passwordProblem(password: string): string | null {
  if (passwordLength(password) > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (/^\s|\s$/.test(password)) return 'Remove the space at the start or end of the password.';
  const failed = failedRules(password);
  return failed.length ? failed.map((rule) => rule.hint).join(' ') : null;
}
