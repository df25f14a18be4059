// The account page's auth functions (src/auth/account.ts) with the REAL amazon-cognito-identity-js
// against the in-process local pool: password, email address, deleting the account.
import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  accountOverview,
  changeEmail,
  changePassword,
  confirmEmailChange,
  currentSession,
  deleteAccount,
  resendEmailChangeCode,
  signIn,
  signOut,
} from '../../src/auth/index.ts';
import type { AuthTestPool } from './auth-kit.ts';
import { PASSWORD, rejection, startAuthTestPool } from './auth-kit.ts';

let t: AuthTestPool;

beforeAll(async () => {
  t = await startAuthTestPool('account');
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await signOut();
  t.storage.clear();
});

async function signedIn(): Promise<string> {
  const email = await t.registeredRider();
  expect((await signIn(email, PASSWORD)).next).toBe('done');
  return email;
}

describe('account functions against the local pool', () => {
  it('accountOverview: the sign-in address, confirmed, no second factor', async () => {
    const email = await signedIn();
    expect(await accountOverview()).toEqual({ email, emailVerified: true, totpEnabled: false });
  });

  it('every call refuses to run signed out, without a request', async () => {
    expect((await rejection(accountOverview())).code).toBe('SignedOut');
    expect((await rejection(changePassword('Unicorn1!', 'Rainbow2?'))).code).toBe('SignedOut');
    expect((await rejection(deleteAccount('a@b.c'))).code).toBe('SignedOut');
  });

  it('changePassword: a wrong current password is named on its field; the new one then signs in', async () => {
    const email = await signedIn();
    const wrong = await rejection(changePassword('Wrong-Pass1!', 'Rainbow2?x'));
    expect([wrong.code, wrong.field, wrong.message]).toEqual([
      'NotAuthorized',
      'currentPassword',
      'That isn’t your current password. Check it and try again.',
    ]);
    const weak = await rejection(changePassword(PASSWORD, 'weak'));
    expect([weak.code, weak.field]).toEqual(['InvalidPassword', 'password']);
    expect((await rejection(changePassword('', 'Rainbow2?x'))).field).toBe('currentPassword');

    await changePassword(PASSWORD, 'Rainbow2?x');
    await signOut();
    expect((await rejection(signIn(email, PASSWORD))).code).toBe('NotAuthorized');
    expect((await signIn(email, 'Rainbow2?x')).next).toBe('done');
  });

  it('changeEmail → code to the new address → resend → confirm: the new address signs in', async () => {
    const email = await signedIn();
    const { UserPool } = await t.sdk.send(new DescribeUserPoolCommand({ UserPoolId: t.pool.poolId }));
    const verifyFirst =
      UserPool?.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate?.includes('email') ?? false;
    const next = t.newEmail();
    expect((await rejection(changeEmail(email))).message).toMatch(/already your email address/);

    const change = await changeEmail(` ${next.toUpperCase()} `);
    expect(change.pending).toBe(next);
    expect(change.applied).toBe(!verifyFirst);
    expect(change.destination).toMatch(/^r\*\*\*@e\*\*\*/);
    const first = await t.latestCode(next);
    // Until the code is entered, the old address is the sign-in name where the pool verifies first.
    expect((await accountOverview()).email).toBe(verifyFirst ? email : next);

    await resendEmailChangeCode(next);
    const second = await t.latestCode(next);
    expect(second).not.toBe(first);
    const mismatch = await rejection(confirmEmailChange(second === '000000' ? '111111' : '000000'));
    expect([mismatch.field]).toEqual(['code']);

    const session = await confirmEmailChange(second);
    expect(session.email).toBe(next);
    expect(await currentSession()).toMatchObject({ email: next });
    expect(await accountOverview()).toEqual({ email: next, emailVerified: true, totpEnabled: false });
    await signOut();
    expect((await signIn(next, PASSWORD)).next).toBe('done');
  });

  it('changeEmail to an address another rider has is refused on the field', async () => {
    const other = await t.registeredRider();
    await signedIn();
    const taken = await rejection(changeEmail(other));
    expect([taken.code, taken.field]).toEqual(['AliasExists', 'email']);
  });

  it('deleteAccount: only with the rider’s own address; afterwards nothing is left, sign-in refused', async () => {
    const email = await signedIn();
    const mistyped = await rejection(deleteAccount('someone@example.com'));
    expect([mistyped.code, mistyped.field]).toEqual(['NotYourEmail', 'email']);
    expect(await currentSession()).not.toBeNull();

    await deleteAccount(` ${email.toUpperCase()} `);
    expect(await currentSession()).toBeNull();
    expect([...t.storage.items.keys()]).toEqual([]);
    expect((await rejection(signIn(email, PASSWORD))).code).toBe('NotAuthorized');
  });

  it('signOut({ global: true }) ends the session everywhere', async () => {
    await signedIn();
    expect(await signOut({ global: true })).toEqual({ revoked: true });
    expect(await currentSession()).toBeNull();
  });
});
