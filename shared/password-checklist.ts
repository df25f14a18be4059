// How the site words each password rule: the checklist line (written into the pages at build time
// by vite-plugins/page-shell-html.ts, ticked off live by src/ui/password.ts) and the hint shown
// when a rule fails. One list for both, in the order the policy's rules are checked.

import type { PasswordPolicy, PasswordRuleId } from './password-policy.ts';
import { policyRules } from './password-policy.ts';

export interface PasswordRuleWording {
  id: PasswordRuleId;
  /** Checklist wording, e.g. "At least 8 characters". */
  label: string;
  /** What to do when the rule fails. */
  hint: string;
}

/** The wording of every rule the policy enforces, in checklist order. */
export function passwordChecklist(policy: PasswordPolicy): PasswordRuleWording[] {
  const wording: Record<PasswordRuleId, Omit<PasswordRuleWording, 'id'>> = {
    length: {
      label: `At least ${policy.MinimumLength} characters`,
      hint: `Use at least ${policy.MinimumLength} characters.`,
    },
    upper: { label: 'An uppercase letter (A–Z)', hint: 'Add an uppercase letter (A–Z).' },
    lower: { label: 'A lowercase letter (a–z)', hint: 'Add a lowercase letter (a–z).' },
    digit: { label: 'A number (0–9)', hint: 'Add a number (0–9).' },
    symbol: { label: 'A symbol, like ! ? # or %', hint: 'Add a symbol, like ! ? # or %.' },
  };
  return policyRules(policy).map((id) => ({ id, ...wording[id] }));
}
