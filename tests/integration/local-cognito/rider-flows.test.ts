// The rider journeys against the local pool, driven by the REAL amazon-cognito-identity-js over
// HTTP (no mocks): sign-up, confirm, SRP sign-in, tokens checked with jose against the pool's JWKS,
// session refresh, attributes, password change and reset, sign-out and revocation, operator-created
// riders (NEW_PASSWORD_REQUIRED), and the error paths with Cognito's exact codes and messages
// (docs/cognito.md §2.2). Cheap checks that do not need the client use raw JSON calls.

import { randomBytes } from 'node:crypto';
import { type CognitoUser, CognitoUserAttribute, type CognitoUserSession } from 'amazon-cognito-identity-js';
import type { JWTPayload } from 'jose';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  expectLibraryError,
  expectRawError,
  type Harness,
  newEmail,
  nodeCall,
  PASSWORD,
  startHarness,
  UUID,
} from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  vi.useRealTimers();
});

const INCORRECT = 'Incorrect username or password.';
const MIN_LENGTH_TEXT =
  "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6";

async function verifyTokens(session: CognitoUserSession): Promise<{ id: JWTPayload; access: JWTPayload }> {
  const jwks = createRemoteJWKSet(new URL(`${h.issuer}/.well-known/jwks.json`));
  const id = await jwtVerify(session.getIdToken().getJwtToken(), jwks, { issuer: h.issuer, audience: h.clientId });
  const access = await jwtVerify(session.getAccessToken().getJwtToken(), jwks, { issuer: h.issuer });
  return { id: id.payload, access: access.payload };
}

const refreshRaw = (refreshToken: string) =>
  h.call('InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: h.clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });

const getUserRaw = (accessToken: string) => h.call('GetUser', { AccessToken: accessToken });

/** An SRP_A as a client would send it: 1 < A < N, unpadded hex. */
const someSrpA = (): string => `1${randomBytes(380).toString('hex')}`;

const srpStartRaw = (username: string) =>
  h.call('InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: h.clientId,
    AuthParameters: { USERNAME: username, SRP_A: someSrpA() },
    ClientMetadata: {},
  });

describe('a rider registers, confirms and signs in with the real client', () => {
  // Each test takes its own rider through the steps before the one it checks, so none relies on
  // the rider or session an earlier test left behind (each can run alone, in any order).
  async function signedUp(tag: string): Promise<{ email: string; userSub: string }> {
    const email = newEmail(tag);
    return { email, userSub: (await h.signUp(email)).userSub };
  }

  async function confirmed(tag: string): Promise<{ email: string; userSub: string }> {
    const rider = await signedUp(tag);
    await h.confirm(rider.email, await h.latestCode(rider.email));
    return rider;
  }

  async function signedIn(
    tag: string,
  ): Promise<{ email: string; userSub: string; user: CognitoUser; session: CognitoUserSession }> {
    const rider = await confirmed(tag);
    return { ...rider, ...(await h.signIn(rider.email)) };
  }

  it('signs up: unconfirmed, a UUID sub, a masked email destination, and the code in the mailbox and on the console', async () => {
    const email = newEmail('journey');
    const result = await h.signUp(email);
    expect(result.userConfirmed).toBe(false);
    expect(result.userSub).toMatch(UUID);
    expect(result.codeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'r***@e***.com',
    });

    const messages = await h.mailbox(email);
    expect(messages).toHaveLength(1);
    const [mail] = messages;
    expect(mail?.to).toBe(email);
    expect(mail?.code).toMatch(/^\d{6}$/);
    expect(mail?.text).toContain(mail?.code);
    expect(mail?.subject).not.toBe('');
    expect(Math.abs(Date.parse(mail?.sentAt ?? '') - Date.now())).toBeLessThan(60_000);
    expect(h.logs).toContain(`mail to ${email}: ${mail?.subject}: ${mail?.code}`);
  });

  it("confirms with the mailed code; a second confirmation is refused with Cognito's text", async () => {
    const { email } = await signedUp('confirm');
    const code = await h.latestCode(email);
    await expectLibraryError(
      h.confirm(email, '000000' === code ? '111111' : '000000'),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await expect(h.confirm(email, code)).resolves.toBe('SUCCESS');
    await expectLibraryError(
      h.confirm(email, code),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
    const resend = await h.call('ResendConfirmationCode', { ClientId: h.clientId, Username: email });
    expectRawError(resend, 'InvalidParameterException', 'User is already confirmed.');
  });

  it("signs in with SRP; ID and access tokens verify against the pool JWKS and carry Cognito's claims", async () => {
    const { email, userSub } = await confirmed('signin');
    const { user, session } = await h.signIn(email);
    const userIdForSrp = user.getUsername();
    expect(userIdForSrp).toBe(userSub);

    const { id, access } = await verifyTokens(session);
    const idHeader = decodeProtectedHeader(session.getIdToken().getJwtToken());
    const accessHeader = decodeProtectedHeader(session.getAccessToken().getJwtToken());
    expect(idHeader.alg).toBe('RS256');
    expect(accessHeader.alg).toBe('RS256');
    expect(idHeader.kid).toEqual(expect.any(String));
    expect(idHeader.kid).not.toBe(accessHeader.kid);

    expect(id).toMatchObject({
      token_use: 'id',
      iss: h.issuer,
      aud: h.clientId,
      sub: userSub,
      'cognito:username': userIdForSrp,
      email,
      email_verified: true,
    });
    expect(id).not.toHaveProperty('client_id');
    expect(access).toMatchObject({
      token_use: 'access',
      iss: h.issuer,
      client_id: h.clientId,
      sub: userSub,
      username: userIdForSrp,
      scope: 'aws.cognito.signin.user.admin',
    });
    expect(access).not.toHaveProperty('aud');
    expect(access).not.toHaveProperty('email');
    for (const claims of [id, access]) {
      expect(claims.jti).toMatch(UUID);
      expect(claims.origin_jti).toMatch(UUID);
      expect(claims.event_id).toMatch(UUID);
      expect(Number.isInteger(claims.auth_time)).toBe(true);
      expect(Number.isInteger(claims.iat)).toBe(true);
      expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
      expect(Math.abs((claims.iat as number) - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(id.jti).not.toBe(access.jti);
    expect(id.origin_jti).toBe(access.origin_jti);
    expect(id.event_id).toBe(access.event_id);
    expect(id.auth_time).toBe(access.auth_time);

    const refresh = session.getRefreshToken().getToken();
    expect(refresh.split('.')).toHaveLength(5);
    expect(refresh).toMatch(/^[A-Za-z0-9\-_=.]+$/);
  });

  it('publishes OpenID discovery with the issuer and JWKS URI, and a JWKS with the two kids', async () => {
    const { session } = await signedIn('discovery');
    const res = await fetch(`${h.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { issuer: string; jwks_uri: string };
    expect(doc.issuer).toBe(h.issuer);
    expect(doc.jwks_uri).toBe(`${h.issuer}/.well-known/jwks.json`);
    const jwks = (await (await fetch(doc.jwks_uri)).json()) as {
      keys: { kid: string; alg: string; kty: string; use: string; e: string }[];
    };
    expect(jwks.keys).toHaveLength(2);
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(
      [
        decodeProtectedHeader(session.getIdToken().getJwtToken()).kid,
        decodeProtectedHeader(session.getAccessToken().getJwtToken()).kid,
      ].sort(),
    );
    for (const k of jwks.keys) expect(k).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs in by email case-insensitively, as the same user', async () => {
    const { email, userSub } = await confirmed('case');
    const { user, session } = await h.signIn(email.toUpperCase());
    expect(user.getUsername()).toBe(userSub);
    expect(session.getIdToken().payload.sub).toBe(userSub);
    expect(session.getIdToken().payload.email).toBe(email);
  });

  it('getSession serves the cached session, then refreshes once the tokens expire: new access token, same lineage, no new refresh token', async () => {
    const { user, session } = await signedIn('refresh');
    const cached = await nodeCall<CognitoUserSession>((cb) => user.getSession(cb));
    expect(cached.getAccessToken().getJwtToken()).toBe(session.getAccessToken().getJwtToken());

    const before = session.getAccessToken().payload;
    const refreshToken = session.getRefreshToken().getToken();
    // Both the client and the pool (system clock) see 61 minutes pass.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61 * 60_000);
    expect(session.isValid()).toBe(false);
    const renewed = await nodeCall<CognitoUserSession>((cb) => user.getSession(cb));
    const { id, access } = await verifyTokens(renewed);
    expect(renewed.getAccessToken().getJwtToken()).not.toBe(session.getAccessToken().getJwtToken());
    expect(access.jti).not.toBe(before.jti);
    expect(access.origin_jti).toBe(before.origin_jti);
    expect(id.origin_jti).toBe(before.origin_jti);
    expect(access.auth_time).toBe(before.auth_time);
    expect(access.iat as number).toBeGreaterThanOrEqual((before.iat as number) + 61 * 60);
    expect(renewed.getRefreshToken().getToken()).toBe(refreshToken);
    expect((await getUserRaw(renewed.getAccessToken().getJwtToken())).status).toBe(200);

    // On the wire: an AuthenticationResult without a RefreshToken.
    const raw = await refreshRaw(refreshToken);
    expect(raw.status).toBe(200);
    const result = raw.body.AuthenticationResult as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);
    expect(result).toMatchObject({ ExpiresIn: 3600, TokenType: 'Bearer' });
    vi.useRealTimers();
  });

  it('reads attributes (GetUser) and updates them; the next ID token carries the change', async () => {
    const { email, userSub, user, session } = await signedIn('attributes');
    const attrs = await nodeCall<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    const map = Object.fromEntries(attrs.map((a) => [a.getName(), a.getValue()]));
    expect(map).toEqual({ sub: userSub, email, email_verified: 'true' });

    await expect(
      nodeCall<string>((cb) =>
        user.updateAttributes([new CognitoUserAttribute({ Name: 'name', Value: 'Rita Rider' })], cb),
      ),
    ).resolves.toBe('SUCCESS');
    const after = await nodeCall<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb));
    expect(Object.fromEntries(after.map((a) => [a.getName(), a.getValue()]))).toMatchObject({
      name: 'Rita Rider',
      email,
    });

    const refreshed = await nodeCall<CognitoUserSession>((cb) => user.refreshSession(session.getRefreshToken(), cb));
    expect(refreshed.getIdToken().payload.name).toBe('Rita Rider');
  });

  it('changes the password: a wrong previous password is refused, then the old password fails and the new one works', async () => {
    const { email, user } = await signedIn('password');
    const password = PASSWORD;
    const next = 'Rider-Pass-2';
    await expectLibraryError(
      nodeCall((cb) => user.changePassword('Not-The-Pass-9', next, cb)),
      'NotAuthorizedException',
      INCORRECT,
    );
    await expectLibraryError(
      nodeCall((cb) => user.changePassword(password, 'weakpass', cb)),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters',
    );
    await expect(nodeCall((cb) => user.changePassword(password, next, cb))).resolves.toBe('SUCCESS');
    await expectLibraryError(h.signIn(email, password), 'NotAuthorizedException', INCORRECT);
    await h.signIn(email, next);
  });

  it('globalSignOut revokes every session: old access tokens and refresh tokens are refused', async () => {
    const { email, user, session } = await signedIn('global');
    const other = await h.signIn(email);
    const accessTokens = [session.getAccessToken().getJwtToken(), other.session.getAccessToken().getJwtToken()];
    const refreshTokens = [session.getRefreshToken().getToken(), other.session.getRefreshToken().getToken()];
    await expect(
      new Promise((resolve, reject) => user.globalSignOut({ onSuccess: resolve, onFailure: reject })),
    ).resolves.toBe('SUCCESS');
    for (const token of accessTokens)
      expectRawError(await getUserRaw(token), 'NotAuthorizedException', 'Access Token has been revoked');
    for (const token of refreshTokens)
      expectRawError(await refreshRaw(token), 'NotAuthorizedException', 'Refresh Token has been revoked');
  });

  it("signOut(callback) revokes the refresh token with RevokeToken, and the real client's refresh then fails with Cognito's text", async () => {
    const { email, user, session } = await signedIn('signout');
    const keep = await h.signIn(email);
    const refreshToken = session.getRefreshToken();
    const accessToken = session.getAccessToken().getJwtToken();
    await expect(
      new Promise<void>((resolve, reject) => user.signOut((err?: unknown) => (err ? reject(err) : resolve()))),
    ).resolves.toBeUndefined();
    expectRawError(
      await refreshRaw(refreshToken.getToken()),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    expectRawError(await getUserRaw(accessToken), 'NotAuthorizedException', 'Access Token has been revoked');
    // Only that sign-in ended; the rider's other session lives on.
    expect((await getUserRaw(keep.session.getAccessToken().getJwtToken())).status).toBe(200);
    // The library retries failed refreshes for ~6 s before reporting (docs/cognito.md §1.1).
    await expectLibraryError(
      nodeCall((cb) => keep.user.refreshSession(refreshToken, cb)),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
  }, 20_000);

  it('RevokeToken refuses an access or ID token with UnsupportedTokenTypeException and revokes nothing', async () => {
    const { session: live } = await signedIn('revoke-type');
    const accessToken = live.getAccessToken().getJwtToken();
    for (const token of [accessToken, live.getIdToken().getJwtToken()]) {
      const res = await h.call('RevokeToken', { ClientId: h.clientId, Token: token });
      expectRawError(
        res,
        'UnsupportedTokenTypeException',
        'Unsupported token type: RevokeToken takes a refresh token.',
      );
    }
    // Nothing changed: the access token still works and its refresh token still refreshes.
    expect((await getUserRaw(accessToken)).status).toBe(200);
    expect((await refreshRaw(live.getRefreshToken().getToken())).status).toBe(200);
  });

  it('resets a forgotten password with the mailed code: the new password works, the old one fails', async () => {
    const { email } = await confirmed('reset');
    const delivery = await new Promise<{ CodeDeliveryDetails: unknown }>((resolve, reject) =>
      h.cognitoUser(email).forgotPassword({ onSuccess: resolve, onFailure: reject, inputVerificationCode: resolve }),
    );
    expect(delivery.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'r***@e***.com',
    });
    const [mail] = await h.mailbox(email);
    expect(mail?.code).toMatch(/^\d{6}$/);
    expect(mail?.subject).toMatch(/password/i);
    const next = 'Rider-Pass-3';
    const confirmPassword = (code: string, pw: string) =>
      new Promise((resolve, reject) =>
        h.cognitoUser(email).confirmPassword(code, pw, { onSuccess: resolve, onFailure: reject }),
      );
    await expectLibraryError(
      confirmPassword(mail?.code === '000000' ? '111111' : '000000', next),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await expect(confirmPassword(mail?.code ?? '', next)).resolves.toBe('SUCCESS');
    // The code is single-use.
    expectRawError(
      await h.call('ConfirmForgotPassword', {
        ClientId: h.clientId,
        Username: email,
        ConfirmationCode: mail?.code,
        Password: 'Rider-Pass-4',
      }),
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
    await expectLibraryError(h.signIn(email, PASSWORD), 'NotAuthorizedException', INCORRECT);
    await h.signIn(email, next);
  });

  it('deletes the account (DeleteUser): its tokens and password stop working and the email is free again', async () => {
    const { email, userSub, user, session } = await signedIn('delete');
    await expect(nodeCall<string>((cb) => user.deleteUser(cb))).resolves.toBe('SUCCESS');
    expectRawError(
      await getUserRaw(session.getAccessToken().getJwtToken()),
      'UserNotFoundException',
      'User does not exist.',
    );
    expectRawError(
      await refreshRaw(session.getRefreshToken().getToken()),
      'NotAuthorizedException',
      'Invalid Refresh Token.',
    );
    await expectLibraryError(h.signIn(email), 'NotAuthorizedException', INCORRECT);
    const again = await h.signUp(email);
    expect(again.userSub).not.toBe(userSub);
  });
});

describe('an operator-created rider (AdminCreateUser) chooses a password at first sign-in', () => {
  it('gets NEW_PASSWORD_REQUIRED with the temporary password, completes it, and then signs in normally', async () => {
    const email = newEmail('invited');
    const created = await h.call('AdminCreateUser', {
      UserPoolId: h.poolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect((created.body.User as { UserStatus: string }).UserStatus).toBe('FORCE_CHANGE_PASSWORD');
    const temporary = await h.latestCode(email);
    expect(temporary.length).toBeGreaterThanOrEqual(8);

    const { user, outcome } = await h.authenticate(email, temporary);
    if (outcome.kind !== 'newPasswordRequired') throw new Error(`expected NEW_PASSWORD_REQUIRED, got ${outcome.kind}`);
    expect(outcome.userAttributes).toMatchObject({ email });
    expect(outcome.userAttributes).not.toHaveProperty('sub');
    expect(outcome.requiredAttributes).toEqual([]);

    const chosen = 'Chosen-Pass-1';
    const complete = (pw: string) =>
      new Promise<CognitoUserSession>((resolve, reject) =>
        user.completeNewPasswordChallenge(pw, { name: 'Ivy Invited' }, { onSuccess: resolve, onFailure: reject }),
      );
    // A weak choice is refused and the challenge stays open.
    await expectLibraryError(
      complete('chosenpass'),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters',
    );
    const session = await complete(chosen);
    const { id } = await verifyTokens(session);
    expect(id).toMatchObject({
      email,
      email_verified: true,
      name: 'Ivy Invited',
      'cognito:username': user.getUsername(),
    });

    const status = await h.call('AdminGetUser', { UserPoolId: h.poolId, Username: email });
    expect(status.body.UserStatus).toBe('CONFIRMED');
    await expectLibraryError(h.signIn(email, temporary), 'NotAuthorizedException', INCORRECT);
    const again = await h.signIn(email, chosen);
    expect(again.session.isValid()).toBe(true);
  });
});

describe('a rider changes the email address', () => {
  // The riders' pool has AttributesRequireVerificationBeforeUpdate: ['email'] (docs/cognito.md §5.9).
  it('gets a code at the new address; the old one stays until the code is confirmed, then only the new one works', async () => {
    const oldEmail = newEmail('moving');
    const nextEmail = newEmail('moved');
    await h.registerConfirmed(oldEmail);
    const { user } = await h.signIn(oldEmail);
    const attributes = async () =>
      Object.fromEntries(
        (await nodeCall<CognitoUserAttribute[]>((cb) => user.getUserAttributes(cb))).map((a) => [
          a.getName(),
          a.getValue(),
        ]),
      );

    const details = await new Promise<unknown>((resolve, reject) =>
      user.updateAttributes([new CognitoUserAttribute({ Name: 'email', Value: nextEmail })], (err, _result, d) =>
        err ? reject(err) : resolve(d),
      ),
    );
    expect(details).toEqual({
      CodeDeliveryDetailsList: [{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'r***@e***.com' }],
    });
    expect(await attributes()).toMatchObject({ email: oldEmail, email_verified: 'true' });
    // Until then the old address is the sign-in name and the token claim; the new one is nobody's.
    expect((await h.signIn(oldEmail)).session.getIdToken().payload.email).toBe(oldEmail);
    await expectLibraryError(h.signIn(nextEmail), 'NotAuthorizedException', INCORRECT);
    // "Resend code" sends a fresh code to the address waiting for confirmation.
    await new Promise((resolve, reject) =>
      user.getAttributeVerificationCode('email', { onSuccess: resolve, onFailure: reject }),
    );
    expect(await h.mailbox(oldEmail)).toHaveLength(1); // only the sign-up code
    const code = await h.latestCode(nextEmail);
    const verify = (c: string) =>
      new Promise((resolve, reject) => user.verifyAttribute('email', c, { onSuccess: resolve, onFailure: reject }));
    await expectLibraryError(
      verify(code === '000000' ? '111111' : '000000'),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await expect(verify(code)).resolves.toBe('SUCCESS');
    expect(await attributes()).toMatchObject({ email: nextEmail, email_verified: 'true' });

    await expectLibraryError(h.signIn(oldEmail), 'NotAuthorizedException', INCORRECT);
    const { session } = await h.signIn(nextEmail);
    expect(session.getIdToken().payload).toMatchObject({ email: nextEmail, email_verified: true });
  });
});

describe('riders an operator reset or disabled', () => {
  it('RESET_REQUIRED: sign-in asks for a reset; the mailed code and a new password let the rider back in', async () => {
    const email = newEmail('reset');
    await h.registerConfirmed(email);
    expect((await h.call('AdminResetUserPassword', { UserPoolId: h.poolId, Username: email })).status).toBe(200);
    await expectLibraryError(h.signIn(email), 'PasswordResetRequiredException', 'Password reset required for the user');
    const code = await h.latestCode(email);
    await expect(
      new Promise((resolve, reject) =>
        h.cognitoUser(email).confirmPassword(code, 'Reset-Pass-1', { onSuccess: resolve, onFailure: reject }),
      ),
    ).resolves.toBe('SUCCESS');
    expect((await h.call('AdminGetUser', { UserPoolId: h.poolId, Username: email })).body.UserStatus).toBe('CONFIRMED');
    await expect(h.signIn(email, 'Reset-Pass-1')).resolves.toBeDefined();
  });

  it('a disabled rider cannot sign in and loses the current session; enabling restores sign-in', async () => {
    const email = newEmail('disabled');
    await h.registerConfirmed(email);
    const { session } = await h.signIn(email);
    expect((await h.call('AdminDisableUser', { UserPoolId: h.poolId, Username: email })).status).toBe(200);
    await expectLibraryError(h.signIn(email), 'NotAuthorizedException', 'User is disabled.');
    const refreshed = await refreshRaw(session.getRefreshToken().getToken());
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.__type).toBe('NotAuthorizedException');
    expect((await h.call('AdminEnableUser', { UserPoolId: h.poolId, Username: email })).status).toBe(200);
    await expect(h.signIn(email)).resolves.toBeDefined();
  });
});

describe('sign-in failures answer as Cognito does', () => {
  it('an unconfirmed rider gets UserNotConfirmedException, even with a wrong password', async () => {
    const email = newEmail('unconfirmed');
    await h.signUp(email);
    await expectLibraryError(h.signIn(email, PASSWORD), 'UserNotConfirmedException', 'User is not confirmed.');
    await expectLibraryError(h.signIn(email, 'Wrong-Pass-1'), 'UserNotConfirmedException', 'User is not confirmed.');
  });

  it('a wrong password and an unknown email get the same NotAuthorizedException', async () => {
    const email = newEmail('wrongpw');
    await h.registerConfirmed(email);
    await expectLibraryError(h.signIn(email, 'Wrong-Pass-1'), 'NotAuthorizedException', INCORRECT);
    await expectLibraryError(h.signIn(newEmail('nobody'), PASSWORD), 'NotAuthorizedException', INCORRECT);
  });

  it('an unknown email gets a simulated SRP challenge: stable salt and user id, shaped like a real one', async () => {
    const unknown = newEmail('ghost');
    const known = newEmail('known');
    const sub = await h.registerConfirmed(known);

    const [first, second, shouted, real] = await Promise.all([
      srpStartRaw(unknown),
      srpStartRaw(unknown),
      srpStartRaw(unknown.toUpperCase()),
      srpStartRaw(known),
    ]);
    for (const res of [first, second, shouted, real]) {
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['ChallengeName', 'ChallengeParameters']);
      expect(res.body.ChallengeName).toBe('PASSWORD_VERIFIER');
      const p = res.body.ChallengeParameters as Record<string, string>;
      expect(Object.keys(p).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
      expect(p.SALT).toMatch(/^[0-9a-f]{32}$/);
      expect(p.SRP_B).toMatch(/^[0-9a-f]{700,770}$/);
      expect(Buffer.from(p.SECRET_BLOCK ?? '', 'base64').toString('base64')).toBe(p.SECRET_BLOCK);
      expect(p.USER_ID_FOR_SRP).toMatch(UUID);
      expect(p.USERNAME).toBe(p.USER_ID_FOR_SRP);
    }
    const params = (r: typeof first) => r.body.ChallengeParameters as Record<string, string>;
    expect(params(second).SALT).toBe(params(first).SALT);
    expect(params(second).USER_ID_FOR_SRP).toBe(params(first).USER_ID_FOR_SRP);
    expect(params(shouted).SALT).toBe(params(first).SALT);
    expect(params(shouted).USER_ID_FOR_SRP).toBe(params(first).USER_ID_FOR_SRP);
    expect(params(second).SRP_B).not.toBe(params(first).SRP_B);
    expect(params(second).SECRET_BLOCK).not.toBe(params(first).SECRET_BLOCK);
    expect(params(real).USER_ID_FOR_SRP).toBe(sub);
    expect(params(first).USER_ID_FOR_SRP).not.toBe(sub);
  });

  it('ForgotPassword and ResendConfirmationCode for an unknown email return a simulated delivery', async () => {
    const unknown = newEmail('ghost');
    for (const action of ['ForgotPassword', 'ResendConfirmationCode']) {
      const res = await h.call(action, { ClientId: h.clientId, Username: unknown });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
      expect(res.body).toEqual({
        CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'r***@e***.com' },
      });
    }
    expect(await h.mailbox(unknown)).toEqual([]);
  });
});

describe('sign-up errors and codes', () => {
  it('refuses an email that is already registered, in any case, confirmed or not', async () => {
    const confirmed = newEmail('taken');
    await h.registerConfirmed(confirmed);
    const pending = newEmail('pending');
    await h.signUp(pending);
    for (const email of [confirmed, confirmed.toUpperCase(), pending, pending.replace('r-', 'R-')]) {
      await expectLibraryError(
        h.signUp(email),
        'UsernameExistsException',
        'An account with the given email already exists.',
      );
    }
  });

  it('refuses a username that is not an email (the pool signs riders up by email)', async () => {
    // docs/cognito.md §2.2 lists moto's "either an email or a phone number" text [?]; this pool has
    // email as its only username attribute, for which the service's text is the email-only one.
    expectRawError(
      await h.call('SignUp', { ClientId: h.clientId, Username: 'rita-rider', Password: PASSWORD }),
      'InvalidParameterException',
      'Username should be an email.',
    );
  });

  it('refuses weak passwords with one policy rule per answer, and short ones with the validation text', async () => {
    const email = newEmail('weak');
    const cases: [string, string, string][] = [
      ['Ab1!xyz', 'InvalidPasswordException', 'Password did not conform with policy: Password not long enough'],
      [
        'lowercase-1',
        'InvalidPasswordException',
        'Password did not conform with policy: Password must have uppercase characters',
      ],
      [
        'UPPERCASE-1',
        'InvalidPasswordException',
        'Password did not conform with policy: Password must have lowercase characters',
      ],
      [
        'No-Numbers-Here',
        'InvalidPasswordException',
        'Password did not conform with policy: Password must have numeric characters',
      ],
      [
        'NoSymbols123',
        'InvalidPasswordException',
        'Password did not conform with policy: Password must have symbol characters',
      ],
      ['Ab1!x', 'InvalidParameterException', MIN_LENGTH_TEXT],
    ];
    for (const [password, code, message] of cases) {
      expectRawError(
        await h.call('SignUp', { ClientId: h.clientId, Username: email, Password: password }),
        code,
        message,
      );
    }
    // Through the real client too, and nothing was created on the way.
    await expectLibraryError(h.signUp(email, 'abc12'), 'InvalidParameterException', MIN_LENGTH_TEXT);
    await expectLibraryError(
      h.signUp(email, 'nouppercase-1'),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters',
    );
    expect(await h.mailbox(email)).toEqual([]);
    const ok = await h.signUp(email, 'Strong-Pass-1');
    expect(ok.userConfirmed).toBe(false);
  });

  it('a resent code supersedes the old one', async () => {
    const email = newEmail('resend');
    await h.signUp(email);
    const oldCode = await h.latestCode(email);
    const resent = await new Promise<{ CodeDeliveryDetails: unknown }>((resolve, reject) =>
      h.cognitoUser(email).resendConfirmationCode((err, data) => (err ? reject(err) : resolve(data))),
    );
    expect(resent.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'r***@e***.com',
    });
    const messages = await h.mailbox(email);
    expect(messages).toHaveLength(2);
    const newCode = messages[0]?.code ?? '';
    expect(newCode).toMatch(/^\d{6}$/);
    if (newCode !== oldCode) {
      await expectLibraryError(
        h.confirm(email, oldCode),
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
    }
    await expect(h.confirm(email, newCode)).resolves.toBe('SUCCESS');
  });

  it('ConfirmSignUp and ConfirmForgotPassword for an unknown email look like a wrong code', async () => {
    const ghost = newEmail('ghost');
    const confirm = await h.call('ConfirmSignUp', {
      ClientId: h.clientId,
      Username: ghost,
      ConfirmationCode: '123456',
    });
    expectRawError(confirm, 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    const reset = await h.call('ConfirmForgotPassword', {
      ClientId: h.clientId,
      Username: ghost,
      ConfirmationCode: '123456',
      Password: PASSWORD,
    });
    expectRawError(reset, 'CodeMismatchException', 'Invalid verification code provided, please try again.');
  });

  it('ForgotPassword for an unconfirmed rider is refused: no verified email yet', async () => {
    const email = newEmail('unverified');
    await h.signUp(email);
    await expectLibraryError(
      new Promise((resolve, reject) => h.cognitoUser(email).forgotPassword({ onSuccess: resolve, onFailure: reject })),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  });
});
