import type { CodeDeliveryDetailsType, UpdateUserAttributesResponse } from '@aws-sdk/client-cognito-identity-provider';
import { authenticateAccessToken } from '../access-token-caller.ts';
import { attributeMap } from '../attributes.ts';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { aliasExists, MSG, notAuthorized } from '../errors.ts';
import { TOKEN_RULE } from '../input.ts';
import { mailCode } from '../mailer.ts';
import type { UserRecord } from '../records.ts';

/**
 * Changes the caller's attributes. A new email gets a code. In a pool with
 * `AttributesRequireVerificationBeforeUpdate: ['email']` the new address waits in
 * `pendingAttributes` and the current one stays the attribute, the sign-in name and the token
 * claim until VerifyUserAttribute confirms the code (docs/cognito.md §5.9); otherwise the email
 * changes at once and is unverified until then.
 */
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
    const { email: newEmail, ...others } = changes;
    const waits = pool.verifyBeforeUpdate?.includes('email') ?? false;
    let updated: UserRecord = { ...user, attributes: { ...user.attributes, ...others }, updatedAt: now };
    const deliveries: CodeDeliveryDetailsType[] = [];
    if (newEmail !== undefined && newEmail === user.attributes.email) {
      // Back to the address in use: nothing to confirm, a change waiting for its code is dropped.
      const { pendingAttributes: _pending, ...rest } = updated;
      const { email: _dropped, ...stillPending } = user.pendingAttributes ?? {};
      updated = Object.keys(stillPending).length > 0 ? { ...rest, pendingAttributes: stillPending } : rest;
    } else if (newEmail !== undefined) {
      const owner = store.userByEmail(pool.id, newEmail);
      if (owner && owner.username !== user.username) throw aliasExists(MSG.emailExists);
      const code = issueCode(now, SIGN_UP_CODE_TTL_MS, user.attributeCodes?.email);
      updated = {
        ...withSend(updated, now),
        attributeCodes: { ...(user.attributeCodes ?? {}), email: code },
        ...(waits
          ? { pendingAttributes: { ...(user.pendingAttributes ?? {}), email: newEmail } }
          : { attributes: { ...updated.attributes, email: newEmail, email_verified: 'false' } }),
      };
      deliveries.push(mailCode(mailer, { poolId: pool.id, to: newEmail, purpose: 'attribute', code: code.code }));
    }
    store.putUser(updated);
    return { CodeDeliveryDetailsList: deliveries };
  };
