import type { AdminCreateUserResponse, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { attributeMap, looksLikeEmail } from '../attributes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG, usernameExists, userNotFound } from '../errors.ts';
import { poolNameOf, uuid } from '../ids.ts';
import { POOL_ID_RULE, USERNAME_RULE } from '../input.ts';
import { messages } from '../mailer.ts';
import { assertPasswordConforms, generateTemporaryPassword } from '../password-policy.ts';
import type { UserRecord } from '../records.ts';
import { resolvePool } from '../resources.ts';
import { createVerifier } from '../srp.ts';
import { findUser, isEmailPool, usernameKey } from '../usernames.ts';
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
      if (!existing) throw userNotFound('User does not exist.');
      if (existing.status !== 'FORCE_CHANGE_PASSWORD') {
        throw invalidParameter('Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.');
      }
    } else if (existing) {
      throw usernameExists(isEmailPool(pool) ? MSG.emailExists : MSG.userExists);
    }
    const password = temporary ?? generateTemporaryPassword(pool.policy);
    if (temporary) assertPasswordConforms(pool.policy, temporary);

    let user: UserRecord;
    if (existing) {
      user = { ...existing, updatedAt: now };
    } else {
      const sub = uuid();
      const attributes: Record<string, string> = { ...given, sub };
      let username: string;
      if (isEmailPool(pool)) {
        if (!looksLikeEmail(typed)) throw invalidParameter('Username should be an email.');
        if (store.userByEmail(pool.id, typed)) throw usernameExists(MSG.emailExists);
        username = sub;
        attributes.email = typed;
      } else {
        username = usernameKey(pool, typed);
      }
      if (attributes.email !== undefined && attributes.email_verified === undefined) attributes.email_verified = 'false';
      user = {
        poolId: pool.id,
        username,
        sub,
        attributes,
        status: 'FORCE_CHANGE_PASSWORD',
        enabled: true,
        createdAt: now,
        updatedAt: now,
        srp: createVerifier(poolNameOf(pool.id), username, password),
      };
    }
    user = {
      ...user,
      srp: createVerifier(poolNameOf(pool.id), user.username, password),
      tempPasswordExpiresAt: now + pool.policy.TemporaryPasswordValidityDays * 86_400_000,
    };
    store.putUser(user);
    const email = user.attributes.email;
    const wantsEmail = mediums.length === 0 || mediums.includes('EMAIL');
    if (action !== 'SUPPRESS' && email && wantsEmail) {
      mailer.send({ poolId: pool.id, to: email, ...messages.invitation(typed, password), code: password });
    }
    return { User: userType(user) as Wire<UserType> };
  };
