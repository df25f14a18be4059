// What the sign-in page loads when a rider first picks a passkey or an emailed code (a dynamic
// import, so the page's first load carries none of it).

export type { PasskeyOptions } from './credentials.ts';
export type { EmailCodeChallenge, EmailCodeStart } from './email-code-sign-in.ts';
export { confirmEmailCode, startEmailCodeSignIn } from './email-code-sign-in.ts';
export type { PasskeySignInResult } from './passkey-sign-in.ts';
export { signInWithPasskey } from './passkey-sign-in.ts';
