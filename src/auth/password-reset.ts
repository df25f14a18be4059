// "Forgot password?": a code by email, then a new password.
import type { CodeDeliveryDetails } from 'amazon-cognito-identity-js';
import { call, riderUser } from './context.ts';
import type { CodeDelivery } from './registration.ts';
import { delivery } from './registration.ts';
import { checkNewPassword, normalizeCode, normalizeEmail } from './validate.ts';

/** Emails a reset code. (Unknown addresses get the same answer: the pool hides who has an account.) */
export async function forgotPassword(email: string): Promise<CodeDelivery> {
  const username = normalizeEmail(email);
  const data = await call<{ CodeDeliveryDetails?: CodeDeliveryDetails }>((done) =>
    riderUser(username).forgotPassword({
      onSuccess: (result) => done(null, result),
      inputVerificationCode: (result) => done(null, result),
      onFailure: done,
    }),
  );
  return delivery(data?.CodeDeliveryDetails);
}

/** Sets a new password with the emailed reset code. */
export async function confirmForgotPassword(email: string, code: string, newPassword: string): Promise<void> {
  const username = normalizeEmail(email);
  const digits = normalizeCode(code);
  checkNewPassword(newPassword);
  await call<string>((done) =>
    riderUser(username).confirmPassword(digits, newPassword, {
      onSuccess: (result) => done(null, result),
      onFailure: done,
    }),
  );
}
