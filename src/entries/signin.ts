import { confirmForgotPassword, forgotPassword } from '../auth/password-reset.ts';
import { answerTotp, finishMfaSetup, startMfaSetup } from '../auth/second-factor.ts';
import { completeNewPassword, signIn } from '../auth/sign-in.ts';
import { mountSignIn } from '../pages/signin.ts';
import { drawQrInWorker } from '../ui/qr-lazy.ts';
import { start } from './wire.ts';

start((context) =>
  mountSignIn(document, {
    auth: {
      signIn,
      completeNewPassword,
      forgotPassword,
      confirmForgotPassword,
      answerTotp,
      startMfaSetup,
      finishMfaSetup,
    },
    // Passkeys and emailed codes: a chunk of their own, fetched when a rider first chooses one.
    loadPasswordless: () => import('../auth/passwordless.ts'),
    ...context,
    // Only a pool that requires two-factor sign-in needs the QR code here: computed in a worker then.
    drawQr: drawQrInWorker,
  }),
);
