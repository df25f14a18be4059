// The public face of src/auth: the only code that talks to Cognito.

export type { AccountOverview, EmailChange } from './account.ts';
export {
  accountOverview,
  changeEmail,
  changePassword,
  confirmEmailChange,
  deleteAccount,
  resendEmailChangeCode,
} from './account.ts';
export { addPasskey } from './add-passkey.ts';
export type { AuthOptions } from './context.ts';
export { configureAuth } from './context.ts';
export type { RememberedDevice } from './devices.ts';
export { forgetDevice, listDevices } from './devices.ts';
export type { AuthErrorCode, AuthErrorField } from './errors.ts';
export { AuthError, toAuthError } from './errors.ts';
export { confirmTotpSetup, disableTotp, startTotpSetup, totpUri } from './mfa.ts';
export { finishMfaSetup, startMfaSetup } from './mfa-setup-sign-in.ts';
export type { Passkey } from './passkeys.ts';
export { listPasskeys, removePasskey } from './passkeys.ts';
export { confirmForgotPassword, forgotPassword } from './password-reset.ts';
export type { EmailCodeChallenge, EmailCodeStart, PasskeyOptions, PasskeySignInResult } from './passwordless.ts';
export { confirmEmailCode, signInWithPasskey, startEmailCodeSignIn } from './passwordless.ts';
export type { CodeDelivery } from './registration.ts';
export { confirmRegistration, register, resendConfirmationCode } from './registration.ts';
export type { MfaSetupChallenge, SecondFactorResult, TotpChallenge } from './second-factor.ts';
export { answerTotp } from './second-factor.ts';
export type { RiderSession } from './session.ts';
export { authorizedFetch, currentSession, getIdToken, signOut } from './session.ts';
export type { NewPasswordChallenge, SignInResult } from './sign-in.ts';
export { completeNewPassword, prepareSignIn, signIn } from './sign-in.ts';
export type { TotpSecret } from './totp-secret.ts';
export { warmSessionCode } from './warm-session.ts';
