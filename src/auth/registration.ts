// Sign-up and email confirmation.

import type { CodeDeliveryDetails, ISignUpResult } from 'amazon-cognito-identity-js';
import { CognitoUserAttribute } from 'amazon-cognito-identity-js';
import { call, riderUser, userPool } from './context.ts';
import { checkNewPassword, normalizeCode, normalizeEmail } from './validate.ts';

/** Where a code was sent: the masked address Cognito reports (e.g. "r***@e***"), if any. */
export interface CodeDelivery {
  destination: string | null;
}

export const delivery = (details?: Partial<CodeDeliveryDetails> | null): CodeDelivery => ({
  destination: details?.Destination ?? null,
});

/**
 * Creates the rider's account (email is the sign-in name). Returns where the confirmation
 * code went, and whether the pool confirmed the account without a code.
 */
export async function register(email: string, password: string): Promise<CodeDelivery & { confirmed: boolean }> {
  const username = normalizeEmail(email);
  checkNewPassword(password);
  const result = await call<ISignUpResult>((done) =>
    userPool().signUp(username, password, [new CognitoUserAttribute({ Name: 'email', Value: username })], [], done),
  );
  return { ...delivery(result.codeDeliveryDetails), confirmed: result.userConfirmed };
}

/** Confirms the account with the emailed 6-digit code (spaces and dashes are ignored). */
export async function confirmRegistration(email: string, code: string): Promise<void> {
  const username = normalizeEmail(email);
  const digits = normalizeCode(code);
  await call<unknown>((done) => riderUser(username).confirmRegistration(digits, false, done));
}

/** Sends a fresh confirmation code; older codes stop working. */
export async function resendConfirmationCode(email: string): Promise<CodeDelivery> {
  const username = normalizeEmail(email);
  const data = await call<{ CodeDeliveryDetails?: CodeDeliveryDetails }>((done) =>
    riderUser(username).resendConfirmationCode(done),
  );
  return delivery(data?.CodeDeliveryDetails);
}
