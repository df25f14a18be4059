import { confirmForgotPassword, forgotPassword } from '../auth/password-reset.ts';
import { completeNewPassword, signIn } from '../auth/sign-in.ts';
import { mountSignIn } from '../pages/signin.ts';
import { start } from './wire.ts';

start((context) =>
  mountSignIn(document, {
    auth: { signIn, completeNewPassword, forgotPassword, confirmForgotPassword },
    // Passkeys and emailed codes: a chunk of their own, fetched when a rider first chooses one.
    loadPasswordless: () => import('../auth/passwordless.ts'),
    ...context,
  }),
);
