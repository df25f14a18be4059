// Two-factor sign-in with an authenticator app (issue 9), driven by the REAL amazon-cognito-identity-js
// against the in-process pool: associate → verify → preference → sign in → totpRequired → sendMFACode;
// replayed codes, clock drift, the lockout, MFA ON (mfaSetup) and bad sessions. Codes are computed
// by the test with otpauth at the pool's injected clock, so nothing depends on the wall clock.
import { AuthenticationDetails, type CognitoUser, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../../../local-cognito/index.ts';
import {
  expectLibraryError,
  expectRawError,
  type Harness,
  newEmail,
  nodeCall,
  PASSWORD,
  startHarness,
} from './harness.ts';

const STEP = 30_000;
// A step boundary plus one second: "the current step" is unambiguous at every point of a test.
const clock: FakeClock = createFakeClock(Math.floor(Date.UTC(2026, 5, 1) / STEP) * STEP + 1_000);
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  await h.close();
});

/**
 * A code no step within reach of `at` (two either way) shows, chosen deterministically, so a
 * "wrong code" can never be right by chance.
 */
function wrongCodeFor(secret: string, at = clock.now()): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeFor(secret, at + d * STEP)));
  const candidate = ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !near.has(c));
  return candidate as string;
}

/** The code an authenticator app shows for this secret at `at` (default: the pool's now). */
const codeFor = (secret: string, at = clock.now()): string =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at,
  });

type SignInStep =
  | { kind: 'tokens'; session: CognitoUserSession }
  | { kind: 'totp'; params: Record<string, string> }
  | { kind: 'setup'; params: Record<string, string> };

/** SRP sign-in with the library; resolves at the first step it reports. */
function startSignIn(user: CognitoUser, email: string, password = PASSWORD): Promise<SignInStep> {
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
      onSuccess: (session) => resolve({ kind: 'tokens', session }),
      onFailure: reject,
      totpRequired: (_name: string, params: Record<string, string>) => resolve({ kind: 'totp', params }),
      mfaSetup: (_name: string, params: Record<string, string>) => resolve({ kind: 'setup', params }),
    });
  });
}

const sendCode = (user: CognitoUser, code: string): Promise<CognitoUserSession> =>
  new Promise((resolve, reject) => {
    user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA');
  });

const associate = (user: CognitoUser): Promise<string> =>
  new Promise((resolve, reject) => {
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
  });

const verify = (user: CognitoUser, code: string, name = 'My phone'): Promise<unknown> =>
  new Promise((resolve, reject) => {
    user.verifySoftwareToken(code, name, { onSuccess: resolve, onFailure: reject });
  });

const userData = (user: CognitoUser) =>
  nodeCall<{ PreferredMfaSetting?: string; UserMFASettingList?: string[] }>((cb) =>
    user.getUserData(cb as never, { bypassCache: true }),
  );

/** A signed-in rider with a verified authenticator, TOTP enabled and preferred; returns the secret. */
async function riderWithTotp(tag: string): Promise<{ email: string; secret: string }> {
  const email = newEmail(tag);
  await h.registerConfirmed(email);
  const { user } = await h.signIn(email);
  const secret = await associate(user);
  await verify(user, codeFor(secret));
  await nodeCall((cb) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb as never));
  return { email, secret };
}

const setPoolMfa = async (mode: 'OFF' | 'OPTIONAL' | 'ON') => {
  const res = await h.call('SetUserPoolMfaConfig', {
    UserPoolId: h.poolId,
    MfaConfiguration: mode,
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

beforeEach(async () => {
  await setPoolMfa('OPTIONAL');
  clock.advance(16 * 60_000); // past any lockout and its 15-minute reset, and one step further
});

describe('TOTP set-up and sign-in with amazon-cognito-identity-js', () => {
  it('associate → verify → prefer → sign in asks for the code → tokens', async () => {
    const email = newEmail('totp');
    await h.registerConfirmed(email);
    const { user } = await h.signIn(email);
    expect(await userData(user)).toMatchObject({ UserMFASettingList: [] });
    expect((await userData(user)).PreferredMfaSetting).toBeUndefined();

    const secret = await associate(user);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await verify(user, codeFor(secret))).toEqual({ Status: 'SUCCESS' });
    // Verified, not yet the rider's factor: the next sign-in still ends with tokens.
    expect((await startSignIn(h.cognitoUser(email), email)).kind).toBe('tokens');

    await nodeCall((cb) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb as never));
    expect(await userData(user)).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });

    const admin = await h.call('AdminGetUser', { UserPoolId: h.poolId, Username: email });
    expect(admin.body).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      MFAOptions: [],
    });
    expect(JSON.stringify(admin.body)).not.toContain(secret);

    clock.advance(STEP);
    const next = h.cognitoUser(email);
    const step = await startSignIn(next, email);
    expect(step).toEqual({
      kind: 'totp',
      params: { FRIENDLY_DEVICE_NAME: 'My phone', USER_ID_FOR_SRP: expect.any(String) },
    });
    const session = await sendCode(next, codeFor(secret));
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().decodePayload().email).toBe(email);
    // Secrets never reach the console or the mailbox.
    expect(h.logs.join('\n')).not.toContain(secret);
    expect(JSON.stringify(await h.mailbox(email))).not.toContain(secret);
  });

  it('a code is accepted once: the one used to verify, or to sign in, is refused after', async () => {
    const email = newEmail('replay');
    await h.registerConfirmed(email);
    const { user } = await h.signIn(email);
    const secret = await associate(user);
    const used = codeFor(secret);
    await verify(user, used);
    await nodeCall((cb) => user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb as never));
    const again = h.cognitoUser(email);
    await startSignIn(again, email);
    await expectLibraryError(
      sendCode(again, used),
      'CodeMismatchException',
      'Invalid code or auth state for the user.',
    );
    clock.advance(STEP);
    const fresh = codeFor(secret);
    await sendCode(again, fresh); // the same Session, retried after a wrong code
    const third = h.cognitoUser(email);
    await startSignIn(third, email);
    await expectLibraryError(
      sendCode(third, fresh),
      'CodeMismatchException',
      'Invalid code or auth state for the user.',
    );
  });

  it('one step of clock drift either way is accepted, two are not', async () => {
    const { email, secret } = await riderWithTotp('drift');
    clock.advance(10 * STEP);
    const signInWith = async (offsetSteps: number) => {
      const user = h.cognitoUser(email);
      expect((await startSignIn(user, email)).kind).toBe('totp');
      return sendCode(user, codeFor(secret, clock.now() + offsetSteps * STEP));
    };
    await expect(signInWith(-1)).resolves.toBeDefined();
    await expect(signInWith(1)).resolves.toBeDefined();
    clock.advance(10 * STEP);
    // A step whose codes two steps away differ from every code within one step (almost always the
    // first), so the refusals below cannot pass by a coincidence of six digits.
    const within = () => new Set([-1, 0, 1].map((d) => codeFor(secret, clock.now() + d * STEP)));
    while ([-2, 2].some((d) => within().has(codeFor(secret, clock.now() + d * STEP)))) clock.advance(STEP);
    await expectLibraryError(signInWith(2), 'CodeMismatchException', 'Invalid code or auth state for the user.');
    await expectLibraryError(signInWith(-2), 'CodeMismatchException', 'Invalid code or auth state for the user.');
    await expect(signInWith(0)).resolves.toBeDefined();
  });

  it('wrong codes count towards the sign-in lockout; after it, the right code works', async () => {
    const { email, secret } = await riderWithTotp('lockout');
    clock.advance(STEP);
    const user = h.cognitoUser(email);
    await startSignIn(user, email);
    const wrong = wrongCodeFor(secret);
    for (let i = 0; i < 5; i++) {
      await expectLibraryError(
        sendCode(user, wrong),
        'CodeMismatchException',
        'Invalid code or auth state for the user.',
      );
    }
    // Locked: even the right code and the right password are refused for now.
    await expectLibraryError(sendCode(user, codeFor(secret)), 'NotAuthorizedException', 'Password attempts exceeded');
    await expectLibraryError(
      startSignIn(h.cognitoUser(email), email),
      'NotAuthorizedException',
      'Password attempts exceeded',
    );
    clock.advance(2_000);
    await expect(sendCode(user, codeFor(secret))).resolves.toBeDefined();
  });

  it('turning TOTP off: the next sign-in ends with tokens; turning it on needs a verified authenticator', async () => {
    const { email } = await riderWithTotp('off');
    const other = newEmail('no-authenticator');
    await h.registerConfirmed(other);
    const { user: plain } = await h.signIn(other);
    await expectLibraryError(
      nodeCall((cb) => plain.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, cb as never)),
      'InvalidParameterException',
      'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    );
    const res = await h.call('AdminSetUserMFAPreference', {
      UserPoolId: h.poolId,
      Username: email,
      SoftwareTokenMfaSettings: { Enabled: false },
    });
    expect(res.status).toBe(200);
    expect((await startSignIn(h.cognitoUser(email), email)).kind).toBe('tokens');
  });

  it('a wrong code at set-up keeps the secret pending; a second Associate replaces it', async () => {
    const email = newEmail('setup-wrong');
    await h.registerConfirmed(email);
    const { user } = await h.signIn(email);
    const first = await associate(user);
    const wrong = wrongCodeFor(first);
    await expectLibraryError(
      verify(user, wrong),
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
    const second = await associate(user);
    expect(second).not.toBe(first);
    const windowOf = (secret: string) => [-1, 0, 1].map((d) => codeFor(secret, clock.now() + d * STEP));
    while (windowOf(second).includes(codeFor(first))) clock.advance(STEP); // no six-digit coincidence
    await expectLibraryError(
      verify(user, codeFor(first)),
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
    await expect(verify(user, codeFor(second))).resolves.toEqual({ Status: 'SUCCESS' });
  });
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
