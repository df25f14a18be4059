import type { SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeMap, looksLikeEmail } from '../attributes.ts';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG, notAuthorized, usernameExists } from '../errors.ts';
import { poolNameOf, uuid } from '../ids.ts';
import { CLIENT_ID_RULE, PASSWORD_RULE, USERNAME_RULE } from '../input.ts';
import { messages } from '../mailer.ts';
import { assertPasswordConforms } from '../password-policy.ts';
import type { UserRecord } from '../records.ts';
import { resolveClient } from '../resources.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { createVerifier } from '../srp.ts';
import { findUser, isEmailPool, usernameKey } from '../usernames.ts';
import { emailDelivery } from '../wire.ts';

export const SignUp: ActionFactory =
  ({ store, clock, mailer }) =>
  async (input): Promise<SignUpResponse> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const typed = input.string('Username', USERNAME_RULE);
    const password = input.string('Password', PASSWORD_RULE);
    const given = attributeMap(input.optionalAttributes('UserAttributes'));
    input.optionalAttributes('ValidationData');
    const { client, pool } = resolveClient(store, clientId);
    checkSecretHash(client, input.optionalString('SecretHash'), [typed]);
    if (pool.allowAdminCreateUserOnly) throw notAuthorized('SignUp is not permitted for this user pool');

    let username: string;
    const sub = uuid();
    const attributes: Record<string, string> = { ...given };
    if (isEmailPool(pool)) {
      if (!looksLikeEmail(typed)) throw invalidParameter('Username should be an email.');
      username = sub;
      attributes.email = typed;
      if (store.userByEmail(pool.id, typed)) throw usernameExists(MSG.emailExists);
    } else {
      if (pool.aliasAttributes.includes('email') && looksLikeEmail(typed)) {
        throw invalidParameter('Username cannot be of email format, since user pool is configured for email alias.');
      }
      username = usernameKey(pool, typed);
      if (findUser(store, pool, typed) || store.user(pool.id, username)) throw usernameExists(MSG.userExists);
    }
    assertPasswordConforms(pool.policy, password);

    const now = clock.now();
    attributes.sub = sub;
    if (attributes.email !== undefined) attributes.email_verified = 'false';
    let user: UserRecord = {
      poolId: pool.id,
      username,
      sub,
      attributes,
      status: 'UNCONFIRMED',
      enabled: true,
      createdAt: now,
      updatedAt: now,
      srp: createVerifier(poolNameOf(pool.id), username, password),
    };
    const email = attributes.email;
    const sendCode = email !== undefined && pool.autoVerifiedAttributes.includes('email');
    if (sendCode) {
      user = { ...withSend(user, now), signUpCode: issueCode(now, SIGN_UP_CODE_TTL_MS) };
    }
    store.putUser(user);
    if (sendCode && user.signUpCode) {
      mailer.send({ poolId: pool.id, to: email, ...messages.signUp(user.signUpCode.code), code: user.signUpCode.code });
    }
    return {
      UserConfirmed: false,
      UserSub: sub,
      ...(sendCode && email ? { CodeDeliveryDetails: emailDelivery(email) } : {}),
    };
  };
