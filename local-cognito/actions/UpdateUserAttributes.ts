import type { CodeDeliveryDetailsType, UpdateUserAttributesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import { attributeMap } from '../attributes.ts';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { aliasExists, MSG, notAuthorized } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';
import { mailCode } from '../mailer.ts';

export const UpdateUserAttributes: ActionFactory =
  (services) =>
  async (input): Promise<UpdateUserAttributesResponse> => {
    const { store, clock, mailer } = services;
    const token = input.string('AccessToken', TOKEN_RULE);
    const list = input.optionalAttributes('UserAttributes');
    if (list === undefined) input.string('UserAttributes');
    input.optionalStringMap('ClientMetadata');
    const { pool, user } = await authenticateAccessToken(services, token);
    const changes = attributeMap(list);
    for (const name of ['email_verified', 'phone_number_verified']) {
      if (name in changes) throw notAuthorized(MSG.unauthorizedAttribute);
    }
    const now = clock.now();
    let updated = { ...user, attributes: { ...user.attributes, ...changes }, updatedAt: now };
    const deliveries: CodeDeliveryDetailsType[] = [];
    const newEmail = changes.email;
    if (newEmail !== undefined && newEmail !== user.attributes.email) {
      const owner = store.userByEmail(pool.id, newEmail);
      if (owner && owner.username !== user.username) throw aliasExists(MSG.emailExists);
      const code = issueCode(now, SIGN_UP_CODE_TTL_MS, user.attributeCodes?.email);
      updated = {
        ...withSend(updated, now),
        attributes: { ...updated.attributes, email_verified: 'false' },
        attributeCodes: { ...(user.attributeCodes ?? {}), email: code },
      };
      deliveries.push(mailCode(mailer, { poolId: pool.id, to: newEmail, purpose: 'attribute', code: code.code }));
    }
    store.putUser(updated);
    return { CodeDeliveryDetailsList: deliveries };
  };
