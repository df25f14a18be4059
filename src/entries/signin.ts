import { confirmForgotPassword, forgotPassword } from '../auth/password-reset.ts';
import type { MfaSetupChallenge } from '../auth/second-factor.ts';
import { answerTotp } from '../auth/second-factor.ts';
import { completeNewPassword, prepareSignIn, signIn } from '../auth/sign-in.ts';
import { mountSignIn } from '../pages/signin.ts';
import { start } from './wire.ts';

// Setting up an authenticator during sign-in (only a pool that requires two-factor sign-in asks for
// it) and its QR code: chunks of their own, fetched when Cognito answers MFA_SETUP.
const mfaSetup = () => import('../auth/mfa-setup-sign-in.ts');

start((context) =>
  mountSignIn(document, {
    auth: {
      signIn,
      prepareSignIn,
      completeNewPassword,
      forgotPassword,
      confirmForgotPassword,
      answerTotp,
      startMfaSetup: async (challenge: MfaSetupChallenge) => (await mfaSetup()).startMfaSetup(challenge),
      finishMfaSetup: async (challenge: MfaSetupChallenge, code: string) =>
        (await mfaSetup()).finishMfaSetup(challenge, code),
    },
    // Passkeys and emailed codes: a chunk of their own, fetched when a rider first chooses one.
    loadPasswordless: () => import('../auth/passwordless.ts'),
    ...context,
    // The set-up view and its QR code (computed in a worker) load with it.
    fillSetup: async (root, prefix, secret) =>
      (await import('../pages/signin-setup-view.ts')).fillSetup(root, prefix, secret),
  }),
);
