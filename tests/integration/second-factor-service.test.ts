// Two-factor sign-in with an authenticator app through src/auth (mfa.ts, second-factor.ts) with the
// REAL amazon-cognito-identity-js against the in-process pool: set-up on the account page, the code
// at sign-in (wrong, replayed, right), turning it off, and MFA_SETUP when the pool requires it.
// Codes are computed here with otpauth (RFC 6238) on the pool's clock, which the test moves by one
// 30-second step before each new code, so no code is used twice and nothing waits for wall time.
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accountOverview,
  answerTotp,
  confirmTotpSetup,
  disableTotp,
  finishMfaSetup,
  signIn,
  signOut,
  startMfaSetup,
  startTotpSetup,
} from '../../src/auth/index.ts';
import type { AuthTestPool } from './auth-kit.ts';
import { appCode, PASSWORD, refusedCode, rejection, signedOutRiderWithTotp, startAuthTestPool } from './auth-kit.ts';

let t: AuthTestPool;

beforeAll(async () => {
  t = await startAuthTestPool('second-factor');
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await signOut();
  t.storage.clear();
});

const nextCode = (secret: string) => appCode(t, secret);
const wrongCode = (secret: string) => refusedCode(t, secret);
const riderWithTotp = () => signedOutRiderWithTotp(t);

describe('two-factor sign-in against the local pool', () => {
  it('set-up: a secret and its otpauth URI; a wrong code is refused, the right one turns TOTP on', async () => {
    const email = await t.registeredRider();
    await signIn(email, PASSWORD);
    const setup = await startTotpSetup();
    expect(setup.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(setup.uri).toBe(
      `otpauth://totp/Wild%20Rydes:${encodeURIComponent(email)}?secret=${setup.secret}&issuer=Wild%20Rydes&algorithm=SHA1&digits=6&period=30`,
    );
    const wrong = await rejection(confirmTotpSetup(wrongCode(setup.secret)));
    expect([wrong.code, wrong.field]).toEqual(['CodeMismatch', 'code']);
    expect(wrong.message).toMatch(/Make sure the app shows “Wild Rydes”/);
    expect((await accountOverview()).totpEnabled).toBe(false);

    await confirmTotpSetup(nextCode(setup.secret));
    expect((await accountOverview()).totpEnabled).toBe(true);
  });

  it('sign-in asks for the code; a wrong one keeps the step open, the right one signs in', async () => {
    const { email, secret } = await riderWithTotp();
    const result = await signIn(email, PASSWORD);
    if (result.next !== 'totp') throw new Error(`expected the code step, got ${result.next}`);
    const wrong = await rejection(answerTotp(result.challenge, wrongCode(secret), { remember: false }));
    expect([wrong.code, wrong.field]).toEqual(['CodeMismatch', 'code']);
    expect(wrong.message).toMatch(/wrong or already used/);
    const { session } = await answerTotp(result.challenge, nextCode(secret), { remember: false });
    expect(session.email).toBe(email);
    expect((await accountOverview()).email).toBe(email);
  });

  it('a code already used is refused the second time', async () => {
    const { email, secret } = await riderWithTotp();
    const code = nextCode(secret);
    const first = await signIn(email, PASSWORD);
    if (first.next !== 'totp') throw new Error(`expected the code step, got ${first.next}`);
    await answerTotp(first.challenge, code, { remember: false });
    await signOut();
    const second = await signIn(email, PASSWORD);
    if (second.next !== 'totp') throw new Error(`expected the code step, got ${second.next}`);
    expect((await rejection(answerTotp(second.challenge, code, { remember: false }))).code).toBe('CodeMismatch');
  });

  it('a code in the wrong format is refused before any request', async () => {
    const { email } = await riderWithTotp();
    const result = await signIn(email, PASSWORD);
    if (result.next !== 'totp') throw new Error(`expected the code step, got ${result.next}`);
    const error = await rejection(answerTotp(result.challenge, '12345', { remember: false }));
    expect([error.code, error.message]).toEqual(['InvalidCode', 'Enter the 6-digit code from your authenticator app.']);
  });

  it('turning it off takes the current password; then the password alone signs in', async () => {
    const { email, secret } = await riderWithTotp();
    const result = await signIn(email, PASSWORD);
    if (result.next !== 'totp') throw new Error(`expected the code step, got ${result.next}`);
    await answerTotp(result.challenge, nextCode(secret), { remember: false });

    const wrong = await rejection(disableTotp('Not-My-Pass1!'));
    expect([wrong.code, wrong.field]).toEqual(['NotAuthorized', 'currentPassword']);
    expect((await accountOverview()).totpEnabled).toBe(true);
    await disableTotp(PASSWORD);
    expect((await accountOverview()).totpEnabled).toBe(false);
    await signOut();
    expect((await signIn(email, PASSWORD)).next).toBe('done');
  });

  // Last: it turns MFA on for the whole pool.
  it('a pool that requires MFA walks a new rider through set-up (MFA_SETUP) before the sign-in completes', async () => {
    const email = await t.registeredRider();
    await t.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: t.pool.poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    const result = await signIn(email, PASSWORD);
    if (result.next !== 'mfaSetup') throw new Error(`expected set-up, got ${result.next}`);
    const { secret, uri } = await startMfaSetup(result.challenge);
    expect(uri).toContain(`secret=${secret}`);
    expect((await rejection(finishMfaSetup(result.challenge, wrongCode(secret)))).code).toBe('CodeMismatch');
    const session = await finishMfaSetup(result.challenge, nextCode(secret));
    expect(session.email).toBe(email);
    expect(await accountOverview()).toMatchObject({ email, totpEnabled: true });

    await signOut();
    const again = await signIn(email, PASSWORD);
    if (again.next !== 'totp') throw new Error(`expected the code step, got ${again.next}`);
    await answerTotp(again.challenge, nextCode(secret), { remember: false });
  });
});
