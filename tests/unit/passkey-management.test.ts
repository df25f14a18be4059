// The signed-in rider's passkeys (src/auth/passkeys.ts, add-passkey.ts) with the rider's access token from the
// real library, Cognito stubbed at fetch and navigator.credentials faked (passwordless-kit.ts).
import { describe, expect, it, vi } from 'vitest';
import { addPasskey } from '../../src/auth/add-passkey.ts';
import { toBase64Url } from '../../src/auth/base64url.ts';
import { listPasskeys, removePasskey } from '../../src/auth/passkeys.ts';
import { signInWithPasskey } from '../../src/auth/passwordless.ts';
import {
  actions,
  calls,
  fail,
  fakeCredentials,
  ok,
  rejection,
  routes,
  storage,
  stored,
  tokens,
  useCognitoStub,
  WEB_AUTHN,
} from './passwordless-kit.ts';

useCognitoStub();

describe('passkey management with the rider’s access token', () => {
  async function signedIn() {
    routes.InitiateAuth = () => ok(WEB_AUTHN);
    routes.RespondToAuthChallenge = () => ok({ AuthenticationResult: tokens() });
    await signInWithPasskey('rider@example.com', { credentials: fakeCredentials() });
    calls.length = 0;
    return stored('uuid-1', 'accessToken')!;
  }

  it('lists every page of passkeys, oldest first, with Cognito’s epoch-second dates', async () => {
    const token = await signedIn();
    routes.ListWebAuthnCredentials = [
      () =>
        ok({
          Credentials: [
            {
              CredentialId: 'newer',
              FriendlyCredentialName: 'Roaming passkey',
              RelyingPartyId: 'localhost',
              AuthenticatorAttachment: 'cross-platform',
              AuthenticatorTransports: ['usb'],
              CreatedAt: 1736293999.5,
            },
          ],
          NextToken: 'page-2',
        }),
      () =>
        ok({
          Credentials: [
            {
              CredentialId: 'older',
              FriendlyCredentialName: 'iCloud Keychain',
              RelyingPartyId: 'localhost',
              CreatedAt: 1736293876.115,
            },
          ],
        }),
    ];
    expect(await listPasskeys()).toEqual([
      { id: 'older', name: 'iCloud Keychain', createdAt: new Date(1736293876115), attachment: null },
      { id: 'newer', name: 'Roaming passkey', createdAt: new Date(1736293999500), attachment: 'cross-platform' },
    ]);
    expect(calls.map((c) => c.body)).toEqual([
      { AccessToken: token, MaxResults: 20 },
      { AccessToken: token, MaxResults: 20, NextToken: 'page-2' },
    ]);
  });

  it('adds a passkey: Cognito’s creation options → navigator.credentials.create → the attestation as an object', async () => {
    const token = await signedIn();
    routes.StartWebAuthnRegistration = () =>
      ok({
        CredentialCreationOptions: {
          challenge: 'Y2g',
          rp: { id: 'localhost', name: 'localhost' },
          user: {
            id: toBase64Url(new TextEncoder().encode('uuid-1')),
            name: 'rider@example.com',
            displayName: 'rider@example.com',
          },
          pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
          excludeCredentials: [{ id: 'AQID', type: 'public-key' }],
          authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
          timeout: 60000,
        },
      });
    routes.CompleteWebAuthnRegistration = () => ok({});
    const credentials = fakeCredentials();
    credentials.create.mockImplementation(
      async () =>
        ({
          id: 'BAUG',
          rawId: new Uint8Array([4, 5, 6]).buffer,
          type: 'public-key',
          authenticatorAttachment: 'platform',
          getClientExtensionResults: () => ({}),
          response: {
            clientDataJSON: new Uint8Array([1]).buffer,
            attestationObject: new Uint8Array([2]).buffer,
            getTransports: () => ['internal'],
          },
        }) as unknown as Credential,
    );
    await addPasskey({ credentials });
    const { publicKey } = credentials.create.mock.calls[0]![0]!;
    expect(new TextDecoder().decode(publicKey!.challenge as ArrayBuffer)).toBe('ch');
    expect(new TextDecoder().decode(publicKey!.user.id as ArrayBuffer)).toBe('uuid-1');
    expect([...new Uint8Array(publicKey!.excludeCredentials![0]!.id as ArrayBuffer)]).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.action)).toEqual(['StartWebAuthnRegistration', 'CompleteWebAuthnRegistration']);
    expect(calls[0]!.body).toEqual({ AccessToken: token });
    expect(calls[1]!.body).toEqual({
      AccessToken: token,
      Credential: {
        id: 'BAUG',
        rawId: 'BAUG',
        type: 'public-key',
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
        response: { clientDataJSON: 'AQ', attestationObject: 'Ag', transports: ['internal'] },
      },
    });
  });

  it.each([
    ['InvalidStateError', 'PasskeyExists'],
    ['NotAllowedError', 'PasskeyCancelled'],
  ])('a browser %s at registration is %s, and nothing is completed', async (name, code) => {
    await signedIn();
    routes.StartWebAuthnRegistration = () =>
      ok({
        CredentialCreationOptions: {
          challenge: 'Y2g',
          rp: { name: 'localhost' },
          user: { id: 'AA', name: 'r' },
          pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
        },
      });
    const credentials = fakeCredentials();
    credentials.create.mockRejectedValue(new DOMException('no', name));
    expect((await rejection(addPasskey({ credentials }))).code).toBe(code);
    expect(actions()).toEqual(['StartWebAuthnRegistration']);
  });

  it.each([
    ['WebAuthnNotEnabledException', 'PasskeysUnavailable'],
    ['WebAuthnChallengeNotFoundException', 'SessionExpired'],
    ['WebAuthnOriginNotAllowedException', 'PasskeysUnavailable'],
    ['LimitExceededException', 'LimitExceeded'],
  ])('Cognito’s %s at registration is %s', async (type, code) => {
    await signedIn();
    routes.StartWebAuthnRegistration = () => fail(type, 'refused');
    expect((await rejection(addPasskey({ credentials: fakeCredentials() }))).code).toBe(code);
  });

  it('removes a passkey, and one already gone counts as removed', async () => {
    const token = await signedIn();
    routes.DeleteWebAuthnCredential = [() => ok({}), () => fail('ResourceNotFoundException', 'not found')];
    await removePasskey('AQID');
    await removePasskey('AQID');
    expect(calls.map((c) => c.body)).toEqual([
      { AccessToken: token, CredentialId: 'AQID' },
      { AccessToken: token, CredentialId: 'AQID' },
    ]);
  });

  it('refreshes an expired access token first, and refuses when signed out', async () => {
    await signedIn();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    const fresh = tokens('uuid-1', 'rider@example.com', 3600, 'unused');
    routes.InitiateAuth = () => ok({ AuthenticationResult: { ...fresh, RefreshToken: undefined } });
    routes.ListWebAuthnCredentials = () => ok({ Credentials: [] });
    expect(await listPasskeys()).toEqual([]);
    expect(actions()).toEqual(['InitiateAuth', 'ListWebAuthnCredentials']);
    expect(calls[1]!.body.AccessToken).toBe(fresh.AccessToken);

    storage.clear();
    expect((await rejection(listPasskeys())).code).toBe('SignedOut');
  });

  it('a browser without WebAuthn cannot add one', async () => {
    await signedIn();
    vi.stubGlobal('navigator', { credentials: undefined });
    expect((await rejection(addPasskey())).code).toBe('PasskeyNotSupported');
  });
});
