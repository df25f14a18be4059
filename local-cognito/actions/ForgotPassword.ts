import type { ForgotPasswordResponse } from '@aws-sdk/client-cognito-identity-provider';
import { issueCode, RESET_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG, notAuthorized } from '../errors.ts';
import { CLIENT_ID_RULE, USERNAME_RULE } from '../input.ts';
import { mailCode } from '../mailer.ts';
import { resolveClient } from '../resources.ts';
import { riderNamed } from '../secret-hash.ts';
import { unknownUserDelivery } from '../user-existence.ts';

export const ForgotPassword: ActionFactory =
  ({ store, clock, mailer }) =>
  async (input): Promise<ForgotPasswordResponse> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const typed = input.string('Username', USERNAME_RULE);
    const { client, pool } = resolveClient(store, clientId);
    const user = riderNamed(store, { client, pool }, typed, input.optionalString('SecretHash'));
    if (!user) return unknownUserDelivery(client, typed);
    if (!user.enabled) throw notAuthorized(MSG.userDisabled);
    if (user.status === 'FORCE_CHANGE_PASSWORD') throw notAuthorized(MSG.resetNotAllowed);
    const email = user.attributes.email;
    if (user.status === 'UNCONFIRMED' || !email || user.attributes.email_verified !== 'true') {
      throw invalidParameter(MSG.noVerifiedContact);
    }
    const now = clock.now();
    const resetCode = issueCode(now, RESET_CODE_TTL_MS, user.resetCode);
    store.putUser({ ...withSend(user, now), resetCode, updatedAt: now });
    return {
      CodeDeliveryDetails: mailCode(mailer, { poolId: pool.id, to: email, purpose: 'reset', code: resetCode.code }),
    };
  };
