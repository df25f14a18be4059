import type { GetUserAttributeVerificationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';
import { messages } from '../mailer.ts';
import { emailDelivery } from '../wire.ts';

export const GetUserAttributeVerificationCode: ActionFactory =
  (services) =>
  async (input): Promise<GetUserAttributeVerificationCodeResponse> => {
    const { store, clock, mailer } = services;
    const token = input.string('AccessToken', TOKEN_RULE);
    const name = input.string('AttributeName', { min: 1, max: 32 });
    input.optionalStringMap('ClientMetadata');
    const { pool, user } = await authenticateAccessToken(services, token);
    const email = user.attributes.email;
    if (name !== 'email' || !email) throw invalidParameter(`The local user pool can only verify email; ${name} has no value to verify.`);
    const now = clock.now();
    const code = issueCode(now, SIGN_UP_CODE_TTL_MS, user.attributeCodes?.email);
    store.putUser({ ...withSend(user, now), attributeCodes: { ...(user.attributeCodes ?? {}), email: code } });
    mailer.send({ poolId: pool.id, to: email, ...messages.attribute(code.code), code: code.code });
    return { CodeDeliveryDetails: emailDelivery(email) };
  };
