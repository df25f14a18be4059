// Two-factor sign-in with an authenticator app (issue 9), driven by the REAL amazon-cognito-identity-js
// against the in-process pool: associate → verify → preference → sign in → totpRequired → sendMFACode;
// replayed codes, clock drift, the lockout, turning TOTP off, set-up mistakes. Codes are computed by
// the test with otpauth at the pool's injected clock, so nothing depends on the wall clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectLibraryError, type Harness, newEmail, startHarness } from './harness.ts';
import {
  associate,
  preferTotp,
  STEP,
  sendCode,
  startSignIn,
  stepClock,
  totpKit,
  userData,
  verify,
} from './totp-kit.ts';

const clock = stepClock(Date.UTC(2026, 5, 1));
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
const wrongCodeFor = (secret: string, at?: number) => kit.wrongCodeFor(secret, at);
const riderWithTotp = (tag: string) => kit.riderWithTotp(tag);
const setPoolMfa = (mode: 'OFF' | 'OPTIONAL' | 'ON') => kit.setPoolMfa(mode);

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

    await preferTotp(user);
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
    await preferTotp(user);
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
      preferTotp(plain),
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
