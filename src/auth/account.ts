// The account page's calls for the signed-in rider: what the account looks like, password, email
// address, deleting the account. (Two-factor sign-in: mfa.ts; remembered devices: devices.ts.)
import type { CodeDeliveryDetails, CognitoUser, CognitoUserSession } from 'amazon-cognito-identity-js';
import { checkNewEmail, checkTypedEmail, requireCurrentPassword } from './account-input.ts';
import { call } from './context.ts';
import { dropPendingDevice } from './pending-device.ts';
import type { CodeDelivery } from './registration.ts';
import { delivery } from './registration.ts';
import type { RiderSession } from './session.ts';
import { toRiderSession } from './session.ts';
import { attribute, freshUserData, internals, signedInUser } from './signed-in.ts';
import { checkNewPassword, normalizeCode } from './validate.ts';

export interface AccountOverview {
  /** The address the rider signs in with now. */
  email: string;
  emailVerified: boolean;
  /** An authenticator app is set up and asked for at sign-in (GetUser's UserMFASettingList). */
  totpEnabled: boolean;
}

/** GetUser, fresh: the sign-in address and whether two-factor sign-in is on. */
export async function accountOverview(): Promise<AccountOverview> {
  const { user } = await signedInUser();
  const data = await freshUserData(user);
  return {
    email: attribute(data, 'email') ?? '',
    emailVerified: attribute(data, 'email_verified') === 'true',
    totpEnabled: (data.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA'),
  };
}

/** ChangePassword: the current password (a wrong one counts towards the lockout) and a new one. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  requireCurrentPassword(currentPassword);
  checkNewPassword(newPassword);
  const { user } = await signedInUser();
  await call<string>((done) => user.changePassword(currentPassword, newPassword, done), 'currentPassword');
}

export interface EmailChange extends CodeDelivery {
  /** The new address, waiting for its code. */
  pending: string;
  /**
   * Whether the pool already made it the sign-in address (a pool without
   * AttributesRequireVerificationBeforeUpdate, like the local one) or keeps the old one until the
   * code is entered (Cognito with that setting: docs/cognito-mfa-passwordless.md, "Changing the email").
   */
  applied: boolean;
}

/** UpdateUserAttributes with the library's promise-less three-argument callback. */
function updateEmail(user: CognitoUser, email: string): Promise<CodeDelivery> {
  return call<{ CodeDeliveryDetailsList?: CodeDeliveryDetails[] } | undefined>(
    (done) => user.updateAttributes([{ Name: 'email', Value: email }], (err, _status, result) => done(err, result)),
    'changeEmail',
  ).then((result) => delivery(result?.CodeDeliveryDetailsList?.[0]));
}

/** Asks Cognito to change the sign-in address; it emails a code to the new one. */
export async function changeEmail(newEmail: string): Promise<EmailChange> {
  const { user } = await signedInUser();
  const before = await freshUserData(user);
  const email = checkNewEmail(newEmail, attribute(before, 'email') ?? '');
  const sent = await updateEmail(user, email);
  const after = await freshUserData(user);
  return { ...sent, pending: email, applied: attribute(after, 'email') === email };
}

/**
 * Sends a new code for a pending change. Where the pool already switched the address, that is
 * GetUserAttributeVerificationCode; where it kept the old one, asking for the change again is what
 * sends a code to the new address (GetUserAttributeVerificationCode would go to the old one).
 */
export async function resendEmailChangeCode(pending: string): Promise<CodeDelivery> {
  const { user } = await signedInUser();
  const data = await freshUserData(user);
  if (attribute(data, 'email') !== pending) return updateEmail(user, pending);
  const result = await call<CodeDeliveryDetails | undefined>(
    (done) =>
      user.getAttributeVerificationCode('email', {
        onSuccess: () => done(null, undefined),
        inputVerificationCode: (data) =>
          done(null, (data as { CodeDeliveryDetails?: CodeDeliveryDetails }).CodeDeliveryDetails),
        onFailure: done,
      }),
    'changeEmail',
  );
  return delivery(result);
}

/**
 * VerifyUserAttribute with the emailed code: the new address becomes the sign-in address. The
 * tokens are then refreshed, so the ID token (and the page) carry the new address at once.
 */
export async function confirmEmailChange(code: string): Promise<RiderSession> {
  const digits = normalizeCode(code);
  const { user, session } = await signedInUser();
  await call<string>(
    (done) => user.verifyAttribute('email', digits, { onSuccess: (ok) => done(null, ok), onFailure: done }),
    'changeEmail',
  );
  const fresh = await call<CognitoUserSession>((done) => user.refreshSession(session.getRefreshToken(), done));
  return toRiderSession(fresh);
}

/**
 * DeleteUser, after the rider typed their address. Afterwards nothing of the rider is left on this
 * device: the library clears the tokens and cached user data, this clears the remembered device's
 * key and secret too.
 */
export async function deleteAccount(typedEmail: string): Promise<void> {
  const { user, session } = await signedInUser();
  checkTypedEmail(typedEmail, toRiderSession(session).email);
  await call<string>((done) => user.deleteUser(done));
  internals(user).clearCachedDeviceKeyAndPassword();
  dropPendingDevice();
  user.signOut();
}
