// The passkey and emailed-code steps, loaded together when a rider first picks either (other-ways.ts).
import { emailCodeStep } from './email-code.ts';
import type { Choice, PasswordlessAuth } from './other-ways.ts';
import type { SignInPage } from './page.ts';
import { passkeyStep } from './passkey.ts';

type Step = (auth: PasswordlessAuth) => Promise<void>;

/** Each page's steps, mounted (their forms wired) once. */
const mounted = new WeakMap<SignInPage, Record<Choice, Step>>();

/** Runs the chosen step on `page`. */
export function choose(page: SignInPage, auth: PasswordlessAuth, choice: Choice): Promise<void> {
  let steps = mounted.get(page);
  if (!steps) {
    steps = { 'passkey-signin': passkeyStep(page), 'email-code-signin': emailCodeStep(page) };
    mounted.set(page, steps);
  }
  return steps[choice](auth);
}
