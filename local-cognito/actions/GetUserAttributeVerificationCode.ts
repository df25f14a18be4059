import type { GetUserAttributeVerificationCodeResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';
import { mailCode } from '../mailer.ts';

export const GetUserAttributeVerificationCode: ActionFactory =
  (services) =>
  async (input): Promise<GetUserAttributeVerificationCodeResponse> => {
    const { store, clock, mailer } = services;
    const token = input.string('AccessToken', TOKEN_RULE);
    const name = input.string('AttributeName', { min: 1, max: 32 });
    input.optionalStringMap('ClientMetadata');
    const { pool, user } = await authenticateAccessToken(services, token);
    // A new address waiting for verification is the one the code confirms, so it goes there.
    const email = user.pendingAttributes?.email ?? user.attributes.email;
    if (name !== 'email' || !email) throw invalidParameter(MSG.onlyEmailVerifiable(name));
    const now = clock.now();
    const code = issueCode(now, SIGN_UP_CODE_TTL_MS, user.attributeCodes?.email);
    store.putUser({ ...withSend(user, now), attributeCodes: { ...(user.attributeCodes ?? {}), email: code } });
    return {
      CodeDeliveryDetails: mailCode(mailer, { poolId: pool.id, to: email, purpose: 'attribute', code: code.code }),
    };
  };
