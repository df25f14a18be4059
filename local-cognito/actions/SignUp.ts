import type { SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeMap, looksLikeEmail } from '../attributes';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes';
import type { ActionFactory } from '../context';
import { invalidParameter, MSG, notAuthorized, usernameExists } from '../errors';
import { poolNameOf, uuid } from '../ids';
import { CLIENT_ID_RULE, PASSWORD_RULE, USERNAME_RULE } from '../input';
import { checkSecretHash, emailKey, findUser, isEmailPool, resolveClient, usernameKey } from '../lookup';
import { messages } from '../mailer';
import { assertPasswordConforms } from '../password-policy';
import type { UserRecord } from '../records';
import { createVerifier } from '../srp';
import { emailDelivery } from '../users';

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
      if (store.userByEmail(pool.id, emailKey(pool, typed))) throw usernameExists(MSG.emailExists);
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
