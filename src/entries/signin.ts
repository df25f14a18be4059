import { confirmForgotPassword, forgotPassword } from '../auth/password-reset';
import { completeNewPassword, signIn } from '../auth/sign-in';
import { mountSignIn } from '../pages/signin';
import { start } from './wire';

start((context) => mountSignIn(document, {
  auth: { signIn, completeNewPassword, forgotPassword, confirmForgotPassword },
  ...context,
}));
