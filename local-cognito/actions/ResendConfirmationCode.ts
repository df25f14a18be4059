import type { ResendConfirmationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG } from '../errors.ts';
import { CLIENT_ID_RULE, USERNAME_RULE } from '../input.ts';
import { messages } from '../mailer.ts';
import { resolveClient } from '../resources.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { unknownUserDelivery } from '../user-existence.ts';
import { findUser } from '../usernames.ts';
import { emailDelivery } from '../wire.ts';

export const ResendConfirmationCode: ActionFactory =
  ({ store, clock, mailer }) =>
  async (input): Promise<ResendConfirmationCodeResponse> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const typed = input.string('Username', USERNAME_RULE);
    const { client, pool } = resolveClient(store, clientId);
    const user = findUser(store, pool, typed);
    checkSecretHash(client, input.optionalString('SecretHash'), [typed, ...(user ? [user.username] : [])]);
    if (!user) return unknownUserDelivery(client, typed);
    if (user.status !== 'UNCONFIRMED') throw invalidParameter(MSG.resendConfirmed);
    const email = user.attributes.email;
    if (!email) throw invalidParameter(MSG.noVerifiedContact);
    const now = clock.now();
    const updated = { ...withSend(user, now), signUpCode: issueCode(now, SIGN_UP_CODE_TTL_MS, user.signUpCode), updatedAt: now };
    store.putUser(updated);
    mailer.send({ poolId: pool.id, to: email, ...messages.signUp(updated.signUpCode.code), code: updated.signUpCode.code });
    return { CodeDeliveryDetails: emailDelivery(email) };
  };
