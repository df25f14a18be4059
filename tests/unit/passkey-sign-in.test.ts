// Passkey sign-in (src/auth/passkey-sign-in.ts, user-auth.ts, webauthn-json.ts) on the real library, Cognito
// stubbed at fetch and navigator.credentials faked (passwordless-kit.ts).
import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/auth/base64url.ts';
import { signInWithPasskey } from '../../src/auth/passwordless.ts';
import {
  actions,
  CLIENT,
  calls,
  fail,
  fakeCredentials,
  ok,
  PREFIX,
  rejection,
  routes,
  storage,
  stored,
  tokens,
  useCognitoStub,
  WEB_AUTHN,
} from './passwordless-kit.ts';

useCognitoStub();

describe('passkey sign-in (USER_AUTH, WEB_AUTHN)', () => {
  it('runs the browser ceremony with Cognito’s options and answers with the assertion JSON', async () => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens() });
    const credentials = fakeCredentials();
    const result = await signInWithPasskey('rider@example.com', { credentials });
    expect(calls[0]!.body.AuthParameters).toEqual({ USERNAME: 'rider@example.com', PREFERRED_CHALLENGE: 'WEB_AUTHN' });

    const { publicKey } = credentials.get.mock.calls[0]![0]!;
    expect(new TextDecoder().decode(publicKey!.challenge as ArrayBuffer)).toBe('the-challenge');
    expect(publicKey).toMatchObject({ rpId: 'localhost', userVerification: 'preferred', timeout: 180000 });
    expect([...new Uint8Array(publicKey!.allowCredentials![0]!.id as ArrayBuffer)]).toEqual([1, 2, 3]);

    const answer = calls[1]!.body;
    expect(answer).toMatchObject({ ChallengeName: 'WEB_AUTHN', ClientId: CLIENT, Session: 'session-webauthn' });
    const responses = answer.ChallengeResponses as Record<string, string>;
    expect(responses.USERNAME).toBe('uuid-1');
    expect(typeof responses.CREDENTIAL).toBe('string'); // a JSON string here (an object at registration)
    expect(JSON.parse(responses.CREDENTIAL!)).toEqual({
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: toBase64Url(new TextEncoder().encode('{"type":"webauthn.get"}')),
        authenticatorData: 'BwcH',
        signature: '-_8',
        userHandle: toBase64Url(new TextEncoder().encode('uuid-1')),
      },
    });
    expect(result).toMatchObject({ next: 'done', session: { sub: 'uuid-1' } });
    expect(storage.getItem(`${PREFIX}.LastAuthUser`)).toBe('uuid-1');
  });

  it('tells a rider without a passkey so, without opening the browser prompt', async () => {
    routes.InitiateAuth = () =>
      ok({
        ChallengeName: 'SELECT_CHALLENGE',
        Session: 's',
        AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
      });
    const credentials = fakeCredentials();
    expect((await rejection(signInWithPasskey('rider@example.com', { credentials }))).code).toBe('NoPasskey');
    expect(credentials.get).not.toHaveBeenCalled();
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('selects WEB_AUTHN when Cognito offers it in SELECT_CHALLENGE', async () => {
    routes.InitiateAuth = () =>
      ok({ ChallengeName: 'SELECT_CHALLENGE', Session: 's1', AvailableChallenges: ['PASSWORD', 'WEB_AUTHN'] });
    routes.RespondToAuthChallenge = [() => ok(WEB_AUTHN), () => ok({ AuthenticationResult: tokens() })];
    await signInWithPasskey('rider@example.com', { credentials: fakeCredentials() });
    expect(calls[1]!.body.ChallengeResponses).toEqual({ USERNAME: 'rider@example.com', ANSWER: 'WEB_AUTHN' });
    expect(calls[2]!.body.Session).toBe('session-webauthn');
  });

  it.each([
    ['NotAllowedError', 'PasskeyCancelled'],
    ['AbortError', 'PasskeyCancelled'],
    ['SecurityError', 'PasskeysUnavailable'],
  ])('turns the browser’s %s into %s and sends nothing', async (name, code) => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    const credentials = fakeCredentials(async () => {
      throw new DOMException('The operation either timed out or was not allowed.', name);
    });
    expect((await rejection(signInWithPasskey('rider@example.com', { credentials }))).code).toBe(code);
    expect(actions()).toEqual(['InitiateAuth']);
  });

  it('explains a refused assertion in passkey terms, not password terms', async () => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = () => fail('NotAuthorizedException', 'Incorrect username or password.');
    const error = await rejection(signInWithPasskey('rider@example.com', { credentials: fakeCredentials() }));
    expect(error).toMatchObject({ code: 'NotAuthorized', cognitoCode: 'NotAuthorizedException' });
    expect(error.message).toMatch(/^That passkey wasn’t accepted\./);
  });

  it('refuses unreadable request options without opening the prompt', async () => {
    routes.InitiateAuth = () => ok({ ...WEB_AUTHN, ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: '{nope' } });
    const credentials = fakeCredentials();
    expect((await rejection(signInWithPasskey('rider@example.com', { credentials }))).code).toBe('Unavailable');
    expect(credentials.get).not.toHaveBeenCalled();
  });

  it('replaces the tokens of a different rider who was signed in on this device', async () => {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = [
      () => ok({ AuthenticationResult: tokens('uuid-0', 'other@example.com', 3600, 'refresh-0') }),
      () => ok({ AuthenticationResult: tokens() }),
    ];
    await signInWithPasskey('other@example.com', { credentials: fakeCredentials() });
    expect(stored('uuid-0', 'refreshToken')).toBe('refresh-0');
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    await signInWithPasskey('rider@example.com', { credentials: fakeCredentials() });
    expect(stored('uuid-0', 'refreshToken')).toBeNull();
    expect(storage.getItem(`${PREFIX}.LastAuthUser`)).toBe('uuid-1');
  });
});
