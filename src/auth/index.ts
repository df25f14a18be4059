// The public face of src/auth: the only code that talks to Cognito.
export { configureAuth } from './context';
export type { AuthOptions } from './context';
export { AuthError, toAuthError } from './errors';
export type { AuthErrorCode, AuthErrorField } from './errors';
export { register, confirmRegistration, resendConfirmationCode } from './registration';
export type { CodeDelivery } from './registration';
export { signIn, completeNewPassword } from './sign-in';
export type { SignInResult, NewPasswordChallenge } from './sign-in';
export { forgotPassword, confirmForgotPassword } from './password-reset';
export { currentSession, getIdToken, authorizedFetch, signOut } from './session';
export type { RiderSession } from './session';
