// Passkeys against the in-process pool: registration and sign-in with a software authenticator
// (node:crypto, ES256, `none` attestation), verified for real by the pool with @simplewebauthn/server,
// including the altered and replayed responses it must refuse (docs/cognito-mfa-passwordless.md §5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import { call, expectCognitoError, removeTempDirs, tempDataDir } from './pool-kit.ts';
import { type RegistrationOptionsJson, SoftwareAuthenticator } from './software-authenticator.ts';
import { ORIGIN, userAuthKit } from './user-auth-kit.ts';

const clock = createFakeClock(Date.UTC(2026, 5, 1));
let pool: RunningLocalCognito;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir('passkeys');
  pool = await startLocalCognito({ dataDir, quiet: true, clock });
});

afterAll(async () => {
  await pool?.close();
  await removeTempDirs();
});

const kit = userAuthKit(() => pool);
const { page, pageOk, confirmedRider, userAuth, accessTokenOf, registerPasskey, webAuthnChallenge, answerWebAuthn } =
  kit;

const listPasskeys = async (AccessToken: string) =>
  (await pageOk('ListWebAuthnCredentials', { AccessToken })).Credentials as Record<string, unknown>[];

describe('registration', () => {
  it('StartWebAuthnRegistration answers creation options as Cognito shows them', async () => {
    const email = await confirmedRider('start');
    const AccessToken = await accessTokenOf(email);
    const { CredentialCreationOptions: o } = await pageOk('StartWebAuthnRegistration', { AccessToken });
    const options = o as Record<string, unknown> & { user: { id: string }; challenge: string };
    expect(options).toMatchObject({
      authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
      excludeCredentials: [],
      pubKeyCredParams: [
        { alg: -7, type: 'public-key' },
        { alg: -257, type: 'public-key' },
      ],
      rp: { id: 'localhost', name: 'localhost' },
      timeout: 60000,
      user: { displayName: email, name: email },
    });
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sub = (await pageOk('GetUser', { AccessToken })).UserAttributes as { Name: string; Value: string }[];
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(sub.find((a) => a.Name === 'sub')?.Value);
  });

  it('stores a verified passkey, lists it, excludes it next time, and deletes it', async () => {
    const email = await confirmedRider('register');
    const { authenticator, AccessToken } = await registerPasskey(email);
    const [listed, ...more] = await listPasskeys(AccessToken);
    expect(more).toEqual([]);
    expect(listed).toEqual({
      CredentialId: authenticator.id,
      FriendlyCredentialName: 'Platform passkey',
      RelyingPartyId: 'localhost',
      AuthenticatorAttachment: 'platform',
      AuthenticatorTransports: ['internal'],
      CreatedAt: expect.any(Number),
    });
    const again = await pageOk('StartWebAuthnRegistration', { AccessToken });
    expect((again.CredentialCreationOptions as { excludeCredentials: unknown }).excludeCredentials).toEqual([
      { id: authenticator.id, type: 'public-key' },
    ]);
    // The same authenticator again: refused, still one passkey.
    const twice = await page('CompleteWebAuthnRegistration', {
      AccessToken,
      Credential: authenticator.create(again.CredentialCreationOptions as RegistrationOptionsJson),
    });
    expectCognitoError(twice, 'InvalidParameterException', 400, 'This passkey is already registered.');
    expectCognitoError(
      await page('DeleteWebAuthnCredential', { AccessToken, CredentialId: 'bm9uZQ' }),
      'ResourceNotFoundException',
    );
    expect(await pageOk('DeleteWebAuthnCredential', { AccessToken, CredentialId: authenticator.id })).toEqual({});
    expect(await listPasskeys(AccessToken)).toEqual([]);
  });

  it('refuses a wrong origin, a wrong RP ID, a changed challenge and a missing start, and stores nothing', async () => {
    const email = await confirmedRider('bad-register');
    const AccessToken = await accessTokenOf(email);
    const attempt = async (overrides: Parameters<SoftwareAuthenticator['create']>[1]) => {
      const start = await pageOk('StartWebAuthnRegistration', { AccessToken });
      const Credential = new SoftwareAuthenticator({ origin: ORIGIN }).create(
        start.CredentialCreationOptions as RegistrationOptionsJson,
        overrides,
      );
      return page('CompleteWebAuthnRegistration', { AccessToken, Credential });
    };
    expectCognitoError(
      await attempt({ origin: 'https://evil.example' }),
      'WebAuthnOriginNotAllowedException',
      400,
      'The origin https://evil.example is not allowed for this relying party.',
    );
    expectCognitoError(await attempt({ rpId: 'example.com' }), 'WebAuthnRelyingPartyMismatchException');
    expectCognitoError(await attempt({ challenge: 'AAAA' }), 'WebAuthnChallengeNotFoundException');
    expectCognitoError(await attempt({ type: 'webauthn.get' }), 'WebAuthnCredentialNotSupportedException');
    const noStart = new SoftwareAuthenticator({ origin: ORIGIN }).create({
      challenge: 'AAAA',
      rp: { id: 'localhost' },
      user: { id: 'x', name: 'x', displayName: 'x' },
    });
    expectCognitoError(
      await page('CompleteWebAuthnRegistration', { AccessToken, Credential: noStart }),
      'WebAuthnChallengeNotFoundException',
    );
    expect(await listPasskeys(AccessToken)).toEqual([]);
  });

  it('malformed requests get Cognito-shaped 400s', async () => {
    const email = await confirmedRider('malformed');
    const AccessToken = await accessTokenOf(email);
    await pageOk('StartWebAuthnRegistration', { AccessToken });
    expectCognitoError(await page('CompleteWebAuthnRegistration', { AccessToken }), 'InvalidParameterException');
    expectCognitoError(
      await page('CompleteWebAuthnRegistration', { AccessToken, Credential: 'text' }),
      'SerializationException',
    );
    await pageOk('StartWebAuthnRegistration', { AccessToken });
    expectCognitoError(
      await page('CompleteWebAuthnRegistration', { AccessToken, Credential: { id: 1 } }),
      'InvalidParameterException',
    );
    expectCognitoError(await page('StartWebAuthnRegistration', {}), 'InvalidParameterException');
    expectCognitoError(
      await page('ListWebAuthnCredentials', { AccessToken, MaxResults: 21 }),
      'InvalidParameterException',
    );
    expectCognitoError(await page('DeleteWebAuthnCredential', { AccessToken }), 'InvalidParameterException');
    expect(await listPasskeys(AccessToken)).toEqual([]);
  });

  it('without a configured RP ID and without a loopback page, registration has no relying party', async () => {
    const email = await confirmedRider('no-rp');
    const AccessToken = await accessTokenOf(email);
    expectCognitoError(
      await call(pool.url, 'StartWebAuthnRegistration', { AccessToken }),
      'WebAuthnConfigurationMissingException',
    );
  });
});

describe('signing in with a passkey', () => {
  it('WEB_AUTHN sends request options with the rider’s passkeys and accepts a valid assertion', async () => {
    const email = await confirmedRider('sign-in');
    const { authenticator } = await registerPasskey(email);
    const { Session, options, params } = await webAuthnChallenge(email);
    expect(options).toMatchObject({
      rpId: 'localhost',
      allowCredentials: [{ type: 'public-key', id: authenticator.id, transports: ['internal'] }],
      userVerification: 'preferred',
    });
    expect(params.USERNAME).toMatch(/^[0-9a-f-]{36}$/);
    const res = await answerWebAuthn(email, Session, authenticator.get(options));
    expect(res.status, res.text).toBe(200);
    expect(res.json?.AuthenticationResult).toBeDefined();
  });

  it('refuses a replayed assertion, a wrong origin, a wrong RP ID, a changed challenge and a counter going back', async () => {
    const email = await confirmedRider('attacks');
    const { authenticator } = await registerPasskey(email);
    const first = await webAuthnChallenge(email);
    const good = authenticator.get(first.options);
    expect((await answerWebAuthn(email, first.Session, good)).status).toBe(200);
    // The same assertion again: with its used Session, and with a fresh one.
    expectCognitoError(
      await answerWebAuthn(email, first.Session, good),
      'NotAuthorizedException',
      400,
      'Invalid session for the user, session is expired.',
    );
    const attempts: Parameters<SoftwareAuthenticator['get']>[1][] = [
      { origin: 'https://evil.example' },
      { rpId: 'example.com' },
      { challenge: first.options.challenge },
      { counter: 1 },
      { userPresent: false },
    ];
    const refused = async (credential: unknown, Session: string) => {
      expectCognitoError(
        await answerWebAuthn(email, Session, credential),
        'NotAuthorizedException',
        400,
        'Incorrect username or password.',
      );
      // Past the lockout window, so each refusal below is for its own reason (failures count, see the next test).
      clock.advance(15 * 60_000 + 1);
    };
    await refused(good, (await webAuthnChallenge(email)).Session);
    for (const overrides of attempts) {
      const { Session, options } = await webAuthnChallenge(email);
      const saved = authenticator.counter;
      const altered = authenticator.get(options, overrides);
      authenticator.counter = Math.max(saved, authenticator.counter);
      await refused(altered, Session);
    }
    const { Session, options } = await webAuthnChallenge(email);
    const forged = authenticator.get(options);
    forged.response.signature = Buffer.from('forged').toString('base64url');
    await refused(forged, Session);
    // The passkey still works afterwards.
    const last = await webAuthnChallenge(email);
    expect((await answerWebAuthn(email, last.Session, authenticator.get(last.options))).status).toBe(200);
  });

  it('failed assertions count towards the lockout, as wrong passwords do (a local-pool choice)', async () => {
    const email = await confirmedRider('lockout');
    const { authenticator } = await registerPasskey(email);
    for (let i = 0; i < 5; i++) {
      const { Session, options } = await webAuthnChallenge(email);
      expectCognitoError(
        await answerWebAuthn(email, Session, authenticator.get(options, { origin: 'https://evil.example' })),
        'NotAuthorizedException',
        400,
        'Incorrect username or password.',
      );
    }
    const locked = await webAuthnChallenge(email);
    expectCognitoError(
      await answerWebAuthn(email, locked.Session, authenticator.get(locked.options)),
      'NotAuthorizedException',
      400,
      'Password attempts exceeded',
    );
    clock.advance(15 * 60_000 + 1);
    const after = await webAuthnChallenge(email);
    expect((await answerWebAuthn(email, after.Session, authenticator.get(after.options))).status).toBe(200);
  });

  it('a rider with no passkey asking for WEB_AUTHN is offered the other factors', async () => {
    const email = await confirmedRider('no-passkey');
    const res = await userAuth(email, { PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect(res.json).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    });
  });

  it('SELECT_CHALLENGE answered with WEB_AUTHN gives the WEB_AUTHN challenge; a CREDENTIAL that is not JSON is refused', async () => {
    const email = await confirmedRider('select-passkey');
    const { authenticator } = await registerPasskey(email);
    const select = await userAuth(email);
    const res = await page('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'SELECT_CHALLENGE',
      Session: select.json?.Session,
      ChallengeResponses: { USERNAME: email, ANSWER: 'WEB_AUTHN' },
    });
    expect(res.json?.ChallengeName).toBe('WEB_AUTHN');
    const Session = res.json?.Session as string;
    const bad = await page('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'WEB_AUTHN',
      Session,
      ChallengeResponses: { USERNAME: email, CREDENTIAL: '{not json' },
    });
    expectCognitoError(bad, 'InvalidParameterException', 400, 'CREDENTIAL is not a WebAuthn credential in JSON.');
    const params = res.json?.ChallengeParameters as Record<string, string> | undefined;
    const options = JSON.parse(params?.CREDENTIAL_REQUEST_OPTIONS ?? 'null');
    expect((await answerWebAuthn(email, Session, authenticator.get(options))).status).toBe(200);
  });

  it('passkeys and their counters survive a restart, and go with the rider', async () => {
    const email = await confirmedRider('durable');
    const { authenticator } = await registerPasskey(email);
    const before = await webAuthnChallenge(email);
    expect((await answerWebAuthn(email, before.Session, authenticator.get(before.options))).status).toBe(200);
    const usedCounter = authenticator.counter;
    await pool.close();
    pool = await startLocalCognito({ dataDir, quiet: true, clock });
    const AccessToken = await accessTokenOf(email);
    expect((await listPasskeys(AccessToken)).map((c) => c.CredentialId)).toEqual([authenticator.id]);
    const stale = await webAuthnChallenge(email);
    expectCognitoError(
      await answerWebAuthn(email, stale.Session, authenticator.get(stale.options, { counter: usedCounter })),
      'NotAuthorizedException',
    );
    const after = await webAuthnChallenge(email);
    expect((await answerWebAuthn(email, after.Session, authenticator.get(after.options))).status).toBe(200);
    await pageOk('DeleteUser', { AccessToken: await accessTokenOf(email) });
    expect(pool.pool.services.store.credential(pool.poolId, authenticator.id)).toBeUndefined();
  });
});

describe('a configured relying party', () => {
  it('--rp-id names the RP ID without any page Origin', async () => {
    const configured = await startLocalCognito({
      dataDir: await tempDataDir('rp-id'),
      quiet: true,
      relyingPartyId: 'rides.example',
    });
    try {
      const k = userAuthKit(() => configured, undefined);
      const email = await k.confirmedRider('rp-id');
      const AccessToken = await k.accessTokenOf(email);
      const start = await k.pageOk('StartWebAuthnRegistration', { AccessToken });
      expect((start.CredentialCreationOptions as { rp: unknown }).rp).toEqual({
        id: 'rides.example',
        name: 'rides.example',
      });
      const authenticator = new SoftwareAuthenticator({ origin: 'https://app.rides.example' });
      const Credential = authenticator.create(start.CredentialCreationOptions as RegistrationOptionsJson);
      expect(await k.pageOk('CompleteWebAuthnRegistration', { AccessToken, Credential })).toEqual({});
      // http is for loopback hosts only.
      const again = await k.pageOk('StartWebAuthnRegistration', { AccessToken });
      const plain = new SoftwareAuthenticator({ origin: 'http://rides.example' }).create(
        again.CredentialCreationOptions as RegistrationOptionsJson,
      );
      expectCognitoError(
        await k.page('CompleteWebAuthnRegistration', { AccessToken, Credential: plain }),
        'WebAuthnOriginNotAllowedException',
      );
    } finally {
      await configured.close();
    }
  });
});

describe('the relying party set with SetUserPoolMfaConfig', () => {
  it('names the RP ID and requires user verification when told to; GetUserPoolMfaConfig shows it', async () => {
    const own = await startLocalCognito({ dataDir: await tempDataDir('rp-mfa-config'), quiet: true });
    try {
      // Calls without an Origin (an SDK); the pages' origin is in clientDataJSON only.
      const k = userAuthKit(() => own, undefined);
      const set = await k.pageOk('SetUserPoolMfaConfig', {
        UserPoolId: own.poolId,
        WebAuthnConfiguration: { RelyingPartyId: 'rides.example', UserVerification: 'required' },
      });
      const shown = {
        RelyingPartyId: 'rides.example',
        UserVerification: 'required',
        FactorConfiguration: 'SINGLE_FACTOR',
      };
      expect(set.WebAuthnConfiguration).toEqual(shown);
      expect(
        (await call(own.url, 'GetUserPoolMfaConfig', { UserPoolId: own.poolId })).json?.WebAuthnConfiguration,
      ).toEqual(shown);
      const email = await k.confirmedRider('rp-mfa-config');
      const AccessToken = await k.accessTokenOf(email);
      const authenticator = new SoftwareAuthenticator({ origin: 'https://app.rides.example' });
      const start = await k.pageOk('StartWebAuthnRegistration', { AccessToken });
      const options = start.CredentialCreationOptions as RegistrationOptionsJson & {
        authenticatorSelection: { userVerification: string };
      };
      expect(options.rp).toEqual({ id: 'rides.example', name: 'rides.example' });
      expect(options.authenticatorSelection.userVerification).toBe('required');
      expectCognitoError(
        await k.page('CompleteWebAuthnRegistration', {
          AccessToken,
          Credential: authenticator.create(options, { userVerified: false }),
        }),
        'WebAuthnCredentialNotSupportedException',
      );
      const again = await k.pageOk('StartWebAuthnRegistration', { AccessToken });
      expect(
        await k.pageOk('CompleteWebAuthnRegistration', {
          AccessToken,
          Credential: authenticator.create(again.CredentialCreationOptions as RegistrationOptionsJson),
        }),
      ).toEqual({});
      const { Session, options: request } = await k.webAuthnChallenge(email);
      expect(request).toMatchObject({ rpId: 'rides.example', userVerification: 'required' });
      expectCognitoError(
        await k.answerWebAuthn(email, Session, authenticator.get(request, { userVerified: false })),
        'NotAuthorizedException',
      );
      const ok2 = await k.webAuthnChallenge(email);
      expect((await k.answerWebAuthn(email, ok2.Session, authenticator.get(ok2.options))).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
