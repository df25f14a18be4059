// The sign-in steps after the password when two-factor sign-in is on: the authenticator code with
// "Remember this device", and setting up an authenticator app when the pool requires one. signin.ts
// shows them through `show`; each finishes the sign-in with `done`.
import type * as Auth from '../auth/index.ts';
import type { MfaSetupChallenge, SecondFactorResult, TotpChallenge } from '../auth/second-factor.ts';
import { byId, notify } from '../ui/dom.ts';
import { handleSubmit } from '../ui/form.ts';
import type { DrawQr } from '../ui/totp-setup.ts';
import { fillTotpSetup } from '../ui/totp-setup.ts';

export type SecondFactorAuth = Pick<typeof Auth, 'answerTotp' | 'startMfaSetup' | 'finishMfaSetup'>;

export interface SecondFactorDeps {
  auth: SecondFactorAuth;
  message: HTMLElement;
  /** Shows one step of the sign-in page (by id) and focuses `focus`. */
  step(id: string, focus: HTMLInputElement): void;
  /** Back to the first step, when a pending challenge is gone. */
  restart(): void;
  /** The sign-in is complete. */
  done(): void;
  drawQr: DrawQr;
  copy?: (text: string) => Promise<void>;
}

export function mountSecondFactor(root: Document, deps: SecondFactorDeps) {
  const { auth, message } = deps;
  const code = byId<HTMLInputElement>(root, 'totp-code');
  const remember = byId<HTMLInputElement>(root, 'remember-device');
  const setupCode = byId<HTMLInputElement>(root, 'setup-code');
  let totp: TotpChallenge | undefined;
  let setup: MfaSetupChallenge | undefined;

  handleSubmit({
    form: byId<HTMLFormElement>(root, 'totp-form'),
    submit: byId<HTMLButtonElement>(root, 'totp-submit'),
    busyLabel: 'Checking code…',
    message,
    fields: { code },
    async run() {
      if (!totp) return deps.restart();
      await auth.answerTotp(totp, code.value, { remember: remember.checked });
      deps.done();
    },
  });

  handleSubmit({
    form: byId<HTMLFormElement>(root, 'setup-form'),
    submit: byId<HTMLButtonElement>(root, 'setup-submit'),
    busyLabel: 'Checking code…',
    message,
    fields: { code: setupCode },
    async run() {
      if (!setup) return deps.restart();
      await auth.finishMfaSetup(setup, setupCode.value);
      deps.done();
    },
  });

  return {
    /** The page elements of these steps (signin.ts shows one step at a time). */
    steps: [byId(root, 'totp-form'), byId(root, 'setup-step')],
    async show(result: SecondFactorResult): Promise<void> {
      if (result.next === 'totp') {
        totp = result.challenge;
        code.value = '';
        deps.step('totp-form', code);
        return;
      }
      setup = result.challenge;
      const secret = await auth.startMfaSetup(result.challenge);
      await fillTotpSetup(root, 'setup', secret, deps.drawQr, deps.copy);
      notify(message, 'info', 'Almost there: set up an authenticator app to finish signing in.');
      deps.step('setup-step', setupCode);
    },
  };
}
