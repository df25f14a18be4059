import type { ResendConfirmationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG } from '../errors.ts';
import { CLIENT_ID_RULE, USERNAME_RULE } from '../input.ts';
import { mailCode } from '../mailer.ts';
import { resolveClient } from '../resources.ts';
import { riderNamed } from '../secret-hash.ts';
import { unknownUserDelivery } from '../user-existence.ts';

export const ResendConfirmationCode: ActionFactory =
  ({ store, clock, mailer }) =>
  async (input): Promise<ResendConfirmationCodeResponse> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const typed = input.string('Username', USERNAME_RULE);
    const { client, pool } = resolveClient(store, clientId);
    const user = riderNamed(store, { client, pool }, typed, input.optionalString('SecretHash'));
    if (!user) return unknownUserDelivery(client, typed);
    if (user.status !== 'UNCONFIRMED') throw invalidParameter(MSG.resendConfirmed);
    const email = user.attributes.email;
    if (!email) throw invalidParameter(MSG.noVerifiedContact);
    const now = clock.now();
    const signUpCode = issueCode(now, SIGN_UP_CODE_TTL_MS, user.signUpCode);
    store.putUser({ ...withSend(user, now), signUpCode, updatedAt: now });
    return {
      CodeDeliveryDetails: mailCode(mailer, { poolId: pool.id, to: email, purpose: 'signUp', code: signUpCode.code }),
    };
  };
