// Authenticator-app MFA with the REAL amazon-cognito-identity-js, continued: a pool that requires MFA
// (mfaSetup, also after NEW_PASSWORD_REQUIRED), bad second-factor sessions, and the pool's MFA
// settings. Codes are computed with otpauth at the pool's injected clock (totp-kit.ts).
import { AuthenticationDetails, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectLibraryError, expectRawError, type Harness, newEmail, PASSWORD, startHarness } from './harness.ts';
import { associate, STEP, sendCode, startSignIn, stepClock, totpKit, userData, verify } from './totp-kit.ts';

const clock = stepClock(Date.UTC(2026, 5, 2));
let h: Harness;
let kit: ReturnType<typeof totpKit>;

beforeAll(async () => {
  h = await startHarness({ clock });
  kit = totpKit(h, clock);
});
afterAll(async () => {
  await h.close();
});

const codeFor = (secret: string, at?: number) => kit.codeFor(secret, at);
const riderWithTotp = (tag: string) => kit.riderWithTotp(tag);
const setPoolMfa = (mode: 'OFF' | 'OPTIONAL' | 'ON') => kit.setPoolMfa(mode);

beforeEach(async () => {
  await setPoolMfa('OPTIONAL');
  clock.advance(16 * 60_000); // past any lockout and its 15-minute reset, and one step further
});

describe('a pool that requires MFA (ON)', () => {
  it('walks a rider without a factor through MFA_SETUP to tokens; the next sign-in asks for the code', async () => {
    const email = newEmail('mfa-on');
    await h.registerConfirmed(email);
    await setPoolMfa('ON');
    const user = h.cognitoUser(email);
    const step = await startSignIn(user, email);
    expect(step).toEqual({
      kind: 'setup',
      params: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: expect.any(String) },
    });
    const secret = await associate(user); // with the challenge's Session: no one is signed in yet
    const session = (await verify(user, codeFor(secret), 'Work phone')) as CognitoUserSession;
    expect(session.isValid()).toBe(true);
    expect(await userData(user)).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
    clock.advance(STEP);
    const next = h.cognitoUser(email);
    expect(await startSignIn(next, email)).toMatchObject({
      kind: 'totp',
      params: { FRIENDLY_DEVICE_NAME: 'Work phone' },
    });
    await expect(sendCode(next, codeFor(secret))).resolves.toBeDefined();
  });

  it('a rider an operator created chooses a password, then sets up the authenticator, then gets tokens', async () => {
    const email = newEmail('mfa-on-new');
    const created = await h.call('AdminCreateUser', {
      UserPoolId: h.poolId,
      Username: email,
      TemporaryPassword: 'Temp-Pass-1',
      MessageAction: 'SUPPRESS',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    await setPoolMfa('ON');
    const user = h.cognitoUser(email);
    await new Promise<void>((resolve, reject) => {
      user.authenticateUser(new AuthenticationDetails({ Username: email, Password: 'Temp-Pass-1' }), {
        onSuccess: () => reject(new Error('tokens before the new password')),
        onFailure: reject,
        newPasswordRequired: () => resolve(),
      });
    });
    const setup = await new Promise<Record<string, string>>((resolve, reject) => {
      user.completeNewPasswordChallenge(
        PASSWORD,
        {},
        {
          onSuccess: () => reject(new Error('tokens before the second factor')),
          onFailure: reject,
          mfaSetup: (_name: string, params: Record<string, string>) => resolve(params),
        },
      );
    });
    expect(setup.MFAS_CAN_SETUP).toBe('["SOFTWARE_TOKEN_MFA"]');
    const secret = await associate(user);
    const session = (await verify(user, codeFor(secret))) as CognitoUserSession;
    expect(session.getIdToken().decodePayload().email).toBe(email);
  });

  it('MFA_SETUP refuses a Session that has not been through VerifySoftwareToken', async () => {
    const email = newEmail('mfa-on-skip');
    const sub = await h.registerConfirmed(email);
    await setPoolMfa('ON');
    const user = h.cognitoUser(email);
    await startSignIn(user, email);
    const session = (user as unknown as { Session: string }).Session;
    const res = await h.call('RespondToAuthChallenge', {
      ClientId: h.clientId,
      ChallengeName: 'MFA_SETUP',
      Session: session,
      ChallengeResponses: { USERNAME: sub },
    });
    expectRawError(res, 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
  });
});

describe('sessions of the second-factor step', () => {
  it('an unknown, expired, or another kind of Session is refused', async () => {
    const { email, secret } = await riderWithTotp('sessions');
    clock.advance(STEP);
    const user = h.cognitoUser(email);
    const step = await startSignIn(user, email);
    expect(step.kind).toBe('totp');
    const username = (step as { params: Record<string, string> }).params.USER_ID_FOR_SRP as string;
    const answer = (Session: string, code = codeFor(secret)) =>
      h.call('RespondToAuthChallenge', {
        ClientId: h.clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code },
      });
    expectRawError(
      await answer('x'.repeat(40)),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
    const session = (user as unknown as { Session: string }).Session;
    const asSetup = await h.call('AssociateSoftwareToken', { Session: session });
    expectRawError(asSetup, 'NotAuthorizedException', 'Invalid session for the user, session is expired.');
    // That attempt used the Session up: a challenge's Session is single use whatever it was sent to.
    const fresh = h.cognitoUser(email);
    await startSignIn(fresh, email);
    clock.advance(3 * 60_000 + 1_000); // past the client's AuthSessionValidity (3 minutes)
    await expectLibraryError(
      sendCode(fresh, codeFor(secret)),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
    const missing = await h.call('RespondToAuthChallenge', {
      ClientId: h.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: codeFor(secret) },
    });
    expectRawError(missing, 'InvalidParameterException', 'Missing required parameter Session');
  });
});

describe('pool settings', () => {
  it('the default pool lets riders add an authenticator (OPTIONAL, software token on)', async () => {
    const res = await h.call('GetUserPoolMfaConfig', { UserPoolId: h.poolId });
    expect(res.body).toEqual({ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });
  });

  it('TOTP off for the pool: no new authenticators, existing ones keep working', async () => {
    const { email, secret } = await riderWithTotp('pool-off');
    const off = await h.call('SetUserPoolMfaConfig', {
      UserPoolId: h.poolId,
      MfaConfiguration: 'OFF',
      SoftwareTokenMfaConfiguration: { Enabled: false },
    });
    expect(off.body).toEqual({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });
    const { user } = await h.signIn(email); // MFA OFF: no code asked
    await expectLibraryError(
      associate(user),
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    );
    await setPoolMfa('OPTIONAL');
    clock.advance(STEP);
    const again = h.cognitoUser(email);
    expect((await startSignIn(again, email)).kind).toBe('totp');
    await expect(sendCode(again, codeFor(secret))).resolves.toBeDefined();
  });
});
