import type { SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { attributeMap, looksLikeEmail } from '../attributes.ts';
import { issueCode, SIGN_UP_CODE_TTL_MS, withSend } from '../codes.ts';
import type { ActionFactory } from '../context.ts';
import { invalidParameter, MSG, notAuthorized } from '../errors.ts';
import { uuid } from '../ids.ts';
import { CLIENT_ID_RULE, PASSWORD_RULE, USERNAME_RULE } from '../input.ts';
import { mailCode } from '../mailer.ts';
import { newUser, newUsername } from '../new-user.ts';
import { assertPasswordConforms } from '../password-policy.ts';
import { resolveClient } from '../resources.ts';
import { checkSecretHash } from '../secret-hash.ts';
import { isEmailPool } from '../usernames.ts';

export const SignUp: ActionFactory =
  ({ store, clock, mailer }) =>
  async (input): Promise<SignUpResponse> => {
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const typed = input.string('Username', USERNAME_RULE);
    const password = input.string('Password', PASSWORD_RULE);
    const given = attributeMap(input.optionalAttributes('UserAttributes'));
    input.optionalAttributes('ValidationData');
    const { client, pool } = resolveClient(store, clientId);
    checkSecretHash(client, input.optionalString('SecretHash'), typed);
    if (pool.allowAdminCreateUserOnly) throw notAuthorized(MSG.signUpNotPermitted);

    const sub = uuid();
    const emailPool = isEmailPool(pool);
    if (!emailPool && pool.aliasAttributes.includes('email') && looksLikeEmail(typed)) {
      throw invalidParameter(MSG.usernameIsEmailInAliasPool);
    }
    const username = newUsername(store, pool, typed, sub);
    const attributes: Record<string, string> = emailPool ? { ...given, email: typed } : { ...given };
    assertPasswordConforms(pool.policy, password);

    const now = clock.now();
    attributes.sub = sub;
    if (attributes.email !== undefined) attributes.email_verified = 'false';
    let user = newUser(pool, { username, sub, attributes, status: 'UNCONFIRMED', password }, now);
    const email = attributes.email;
    const sendCode = email !== undefined && pool.autoVerifiedAttributes.includes('email');
    if (sendCode) {
      user = { ...withSend(user, now), signUpCode: issueCode(now, SIGN_UP_CODE_TTL_MS) };
    }
    store.putUser(user);
    if (sendCode && user.signUpCode) {
      const CodeDeliveryDetails = mailCode(mailer, {
        poolId: pool.id,
        to: email,
        purpose: 'signUp',
        code: user.signUpCode.code,
      });
      return { UserConfirmed: false, UserSub: sub, CodeDeliveryDetails };
    }
    return { UserConfirmed: false, UserSub: sub };
  };
