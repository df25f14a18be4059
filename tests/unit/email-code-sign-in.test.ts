// Emailed-code sign-in (src/auth/email-code-sign-in.ts, user-auth.ts) on the real library, Cognito stubbed at
// fetch (passwordless-kit.ts), and what the library does with the stored session afterwards.
import { describe, expect, it, vi } from 'vitest';
import { authorizedFetch, currentSession, signOut } from '../../src/auth/index.ts';
import { confirmEmailCode, startEmailCodeSignIn } from '../../src/auth/passwordless.ts';
import {
  actions,
  CLIENT,
  calls,
  EMAIL_OTP,
  fail,
  ok,
  PREFIX,
  rejection,
  routes,
  storage,
  stored,
  tokens,
  useCognitoStub,
} from './passwordless-kit.ts';

useCognitoStub();

describe('emailed-code sign-in (USER_AUTH, EMAIL_OTP)', () => {
  it('asks for EMAIL_OTP, answers with the code, and stores the tokens where the library keeps them', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens() });
    const start = await startEmailCodeSignIn(' Rider@Example.com ');
    expect(start).toEqual({
      next: 'emailCode',
      challenge: { email: 'Rider@Example.com', destination: 'r***@e***' },
    });
    expect(calls[0]!.body).toEqual({
      AuthFlow: 'USER_AUTH',
      ClientId: CLIENT,
      AuthParameters: { USERNAME: 'rider@example.com', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    });
    if (start.next !== 'emailCode') throw new Error('no code step');

    const session = await confirmEmailCode(start.challenge, ' 123 456 ');
    expect(calls[1]).toEqual({
      action: 'RespondToAuthChallenge',
      body: {
        ChallengeName: 'EMAIL_OTP',
        ClientId: CLIENT,
        Session: 'session-otp',
        ChallengeResponses: { USERNAME: 'uuid-1', EMAIL_OTP_CODE: '123456' },
      },
    });
    expect(session).toMatchObject({ email: 'rider@example.com', sub: 'uuid-1' });
    expect(storage.getItem(`${PREFIX}.LastAuthUser`)).toBe('uuid-1');
    expect(stored('uuid-1', 'idToken')).toBe(session.idToken);
    expect(stored('uuid-1', 'refreshToken')).toBe('refresh-1');
    expect(stored('uuid-1', 'accessToken')).toMatch(/\./);
    expect(stored('uuid-1', 'clockDrift')).toMatch(/^-?\d+$/);
  });

  it('answers SELECT_CHALLENGE with EMAIL_OTP when Cognito asks the rider to choose', async () => {
    routes.InitiateAuth = () =>
      ok({
        ChallengeName: 'SELECT_CHALLENGE',
        Session: 'session-select',
        AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
        ChallengeParameters: {},
      });
    routes.RespondToAuthChallenge = () => ok(EMAIL_OTP);
    const start = await startEmailCodeSignIn('rider@example.com');
    expect(start.next).toBe('emailCode');
    expect(calls[1]!.body).toEqual({
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: CLIENT,
      Session: 'session-select',
      ChallengeResponses: { USERNAME: 'rider@example.com', ANSWER: 'EMAIL_OTP' },
    });
  });

  it('says so when Cognito does not offer an emailed code (e.g. a rider with two-factor sign-in)', async () => {
    routes.InitiateAuth = () =>
      ok({ ChallengeName: 'SELECT_CHALLENGE', Session: 's', AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP'] });
    expect((await rejection(startEmailCodeSignIn('rider@example.com'))).code).toBe('NoEmailCode');
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('keeps the challenge after a wrong code, so the rider can correct it', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = [
      () => fail('CodeMismatchException', 'Invalid code or auth state for the user.'),
      () => ok({ AuthenticationResult: tokens() }),
    ];
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    expect(await rejection(confirmEmailCode(start.challenge, '111111'))).toMatchObject({
      code: 'CodeMismatch',
      field: 'code',
      message: 'That code isn’t right. Check the newest sign-in email from us and try again.',
    });
    await confirmEmailCode(start.challenge, '123456');
    expect(calls[2]!.body.Session).toBe('session-otp');
  });

  it('tells the rider to send a new code when the challenge has ended', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = () =>
      fail('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    expect(await rejection(confirmEmailCode(start.challenge, '123456'))).toMatchObject({
      code: 'SessionExpired',
      field: 'code',
      message: 'That code can’t be used any more. Choose “Send a new code” to get another.',
    });
  });

  it('checks the code before sending it', async () => {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    expect((await rejection(confirmEmailCode(start.challenge, '12345'))).code).toBe('InvalidCode');
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('sends an unconfirmed rider a fresh confirmation code, as the password sign-in does', async () => {
    routes.InitiateAuth = () => fail('UserNotConfirmedException', 'User is not confirmed.');
    routes.ResendConfirmationCode = () => ok({ CodeDeliveryDetails: { Destination: 'r***@e***' } });
    expect(await startEmailCodeSignIn('rider@example.com')).toEqual({
      next: 'confirmSignUp',
      email: 'rider@example.com',
      destination: 'r***@e***',
    });
  });

  it.each([
    ['InvalidParameterException', 'Auth flow not enabled for this client'],
    ['InvalidParameterException', 'The local user pool does not support the USER_AUTH flow; use USER_SRP_AUTH.'],
  ])('a client without USER_AUTH (%s: %s) leaves the password', async (type, message) => {
    routes.InitiateAuth = () => fail(type, message);
    expect(await rejection(startEmailCodeSignIn('rider@example.com'))).toMatchObject({
      code: 'PasswordlessUnavailable',
      message: 'That way of signing in isn’t available right now. Please sign in with your password.',
    });
  });

  it('refuses a malformed email before any request', async () => {
    expect((await rejection(startEmailCodeSignIn('rider@'))).code).toBe('InvalidEmail');
    expect(calls).toEqual([]);
  });
});

describe('after a passwordless sign-in the library’s session works unchanged', () => {
  async function signedInByCode(lifetime = 3600) {
    routes.InitiateAuth = () => ok(EMAIL_OTP);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens('uuid-1', 'rider@example.com', lifetime) });
    const start = await startEmailCodeSignIn('rider@example.com');
    if (start.next !== 'emailCode') throw new Error('no code step');
    return confirmEmailCode(start.challenge, '123456');
  }

  it('currentSession restores it, authorizedFetch sends its ID token', async () => {
    const session = await signedInByCode();
    expect(await currentSession()).toEqual(session);
    const api = vi.fn(async () => new Response('{}'));
    vi.stubGlobal('fetch', api);
    await authorizedFetch('https://api.example.com/ride');
    expect(new Headers((api.mock.calls[0] as unknown as [string, RequestInit])[1].headers).get('Authorization')).toBe(
      session.idToken,
    );
  });

  it('an expired session is refreshed with the stored refresh token', async () => {
    await signedInByCode(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    routes.InitiateAuth = () => ok({ AuthenticationResult: { ...tokens(), RefreshToken: undefined } });
    const refreshed = await currentSession();
    const refresh = calls.at(-1)!;
    expect(refresh.body).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: CLIENT,
      AuthParameters: { REFRESH_TOKEN: 'refresh-1' },
    });
    expect(refreshed?.sub).toBe('uuid-1');
    expect(refreshed!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('signOut revokes the refresh token and clears the tokens', async () => {
    await signedInByCode();
    routes.RevokeToken = () => ok({});
    expect(await signOut()).toEqual({ revoked: true });
    expect(calls.at(-1)).toEqual({ action: 'RevokeToken', body: { Token: 'refresh-1', ClientId: CLIENT } });
    expect(await currentSession()).toBeNull();
    expect([...storage.items.keys()].filter((k) => /Token$/.test(k))).toEqual([]);
  });
});
