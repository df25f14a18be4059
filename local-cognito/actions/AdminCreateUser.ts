import type { AdminCreateUserResponse, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { attributeMap } from '../attributes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG, userNotFound, usernameExists } from '../errors.ts';
import { uuid } from '../ids.ts';
import { POOL_ID_RULE, USERNAME_RULE } from '../input.ts';
import { messages } from '../mailer.ts';
import { newUser, newUsername } from '../new-user.ts';
import { assertPasswordConforms, generateTemporaryPassword } from '../password-policy.ts';
import { srpCredentials } from '../passwords.ts';
import type { UserRecord } from '../records.ts';
import { resolvePool } from '../resources.ts';
import { findUser, isEmailPool } from '../usernames.ts';
import { userType, type Wire } from '../wire.ts';

/** An operator-created rider: FORCE_CHANGE_PASSWORD with a temporary password, replaced at first sign-in. */
export const AdminCreateUser: ActionFactory =
  ({ store, clock, mailer }) =>
  async (input): Promise<Wire<AdminCreateUserResponse>> => {
    const pool = resolvePool(store, input.string('UserPoolId', POOL_ID_RULE));
    const typed = input.string('Username', USERNAME_RULE);
    const given = attributeMap(input.optionalAttributes('UserAttributes'));
    input.optionalAttributes('ValidationData');
    const temporary = input.optionalString('TemporaryPassword', { min: 6, max: 256, pattern: /^\S+$/u });
    const action = input.optionalEnum('MessageAction', ['RESEND', 'SUPPRESS'] as const);
    const mediums = input.optionalStringList('DesiredDeliveryMediums') ?? [];
    input.optionalBoolean('ForceAliasCreation');
    input.optionalStringMap('ClientMetadata');

    const now = clock.now();
    const existing = findUser(store, pool, typed);
    if (action === 'RESEND') {
      if (!existing) throw userNotFound(MSG.userDoesNotExist);
      if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw invalidParameter(MSG.resendNotPossible);
    } else if (existing) {
      throw usernameExists(isEmailPool(pool) ? MSG.emailExists : MSG.userExists);
    }
    const password = temporary ?? generateTemporaryPassword(pool.policy);
    if (temporary) assertPasswordConforms(pool.policy, temporary);

    const tempPasswordExpiresAt = now + pool.policy.TemporaryPasswordValidityDays * 86_400_000;
    let user: UserRecord;
    if (existing) {
      user = {
        ...existing,
        updatedAt: now,
        srp: srpCredentials(pool, existing.username, password),
        tempPasswordExpiresAt,
      };
    } else {
      const sub = uuid();
      const username = newUsername(store, pool, typed, sub);
      const attributes: Record<string, string> = { ...given, sub };
      if (isEmailPool(pool)) attributes.email = typed;
      if (attributes.email !== undefined && attributes.email_verified === undefined)
        attributes.email_verified = 'false';
      user = {
        ...newUser(pool, { username, sub, attributes, status: 'FORCE_CHANGE_PASSWORD', password }, now),
        tempPasswordExpiresAt,
      };
    }
    store.putUser(user);
    const email = user.attributes.email;
    const wantsEmail = mediums.length === 0 || mediums.includes('EMAIL');
    if (action !== 'SUPPRESS' && email && wantsEmail) {
      mailer.send({ poolId: pool.id, to: email, ...messages.invitation(typed, password), code: password });
    }
    return { User: userType(user) as Wire<UserType> };
  };
