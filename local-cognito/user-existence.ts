import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import { looksLikeEmail } from './attributes.ts';
import { codeMismatch, MSG, userNotFound } from './errors.ts';
import type { ClientRecord } from './records.ts';
import { emailDelivery } from './wire.ts';

/**
 * What an unknown username gets, per the app client's PreventUserExistenceErrors
 * (docs/cognito.md §5.5): LEGACY says the user does not exist; ENABLED answers as if it did.
 */
const hidden = (client: ClientRecord): boolean => client.preventUserExistenceErrors === 'ENABLED';

/** ForgotPassword, ResendConfirmationCode: a simulated delivery, indistinguishable from a real one. */
export function unknownUserDelivery(
  client: ClientRecord,
  typed: string,
): { CodeDeliveryDetails: CodeDeliveryDetailsType } {
  if (!hidden(client)) throw userNotFound(MSG.usernameClientNotFound);
  return { CodeDeliveryDetails: emailDelivery(looksLikeEmail(typed) ? typed : `${typed}@example.com`) };
}

/** ConfirmSignUp, ConfirmForgotPassword: an unknown user looks like a wrong code. */
export const unknownUserCode = (client: ClientRecord): Error =>
  hidden(client) ? codeMismatch(MSG.codeMismatch) : userNotFound(MSG.usernameClientNotFound);
