// Cognito's default password policy (min 8; upper, lower, digit and symbol required).
// One source for the live checklist on the pages and for refusing a weak password
// before any request is sent.

export interface PasswordRule {
  id: 'length' | 'upper' | 'lower' | 'digit' | 'symbol';
  /** Checklist wording, e.g. "At least 8 characters". */
  label: string;
  /** What to do when the rule fails. */
  hint: string;
  test(password: string): boolean;
}

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

// Cognito's symbol set: ^ $ * . [ ] { } ( ) ? " ! @ # % & / \ , > < ' : ; | _ ~ ` = + -
// and a space that is neither leading nor trailing.
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]|\S \S/;

export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: 'length',
    label: `At least ${MIN_PASSWORD_LENGTH} characters`,
    hint: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
    test: (p) => p.length >= MIN_PASSWORD_LENGTH,
  },
  { id: 'upper', label: 'An uppercase letter (A–Z)', hint: 'Add an uppercase letter (A–Z).', test: (p) => /[A-Z]/.test(p) },
  { id: 'lower', label: 'A lowercase letter (a–z)', hint: 'Add a lowercase letter (a–z).', test: (p) => /[a-z]/.test(p) },
  { id: 'digit', label: 'A number (0–9)', hint: 'Add a number (0–9).', test: (p) => /\d/.test(p) },
  { id: 'symbol', label: 'A symbol, like ! ? # or %', hint: 'Add a symbol, like ! ? # or %.', test: (p) => SYMBOL.test(p) },
];

/** The rules the password breaks, in checklist order (empty = acceptable). */
export function failedRules(password: string): PasswordRule[] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password));
}

/** One sentence naming every failing rule, or null when the password is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (/^\s|\s$/.test(password)) return 'Remove the space at the start or end of the password.';
  const failed = failedRules(password);
  return failed.length ? failed.map((rule) => rule.hint).join(' ') : null;
}
