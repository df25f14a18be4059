// A rider changes the email address in the riders' pool, which has
// AttributesRequireVerificationBeforeUpdate: ['email'] (docs/cognito.md §5.9): the new address waits
// for its code, over the raw wire. The library journey is in rider-flows.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../local-cognito/index.ts';
import { call, expectCognitoError, latestCode, ok, PASSWORD, uniqueEmail } from './pool-kit.ts';
import { type RawPool, startRawPool } from './raw-pool.ts';

const clock = createFakeClock(Date.UTC(2026, 8, 1));
let p: RawPool;

beforeAll(async () => {
  p = await startRawPool('email-change', clock);
});
afterAll(async () => {
  await p?.close();
});

describe('a new email waits for its code (AttributesRequireVerificationBeforeUpdate)', () => {
  const emailOf = async (accessToken: string) => {
    const user = await ok(p.url, 'GetUser', { AccessToken: accessToken });
    return (user.UserAttributes as { Name: string; Value: string }[]).find((a) => a.Name === 'email')?.Value;
  };

  it('changing back to the current address drops the waiting one; the latest new address wins', async () => {
    const { email, accessToken } = await p.signedInRider('moves');
    const first = uniqueEmail('first-move');
    const second = uniqueEmail('second-move');
    await ok(p.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: first }],
    });
    expect(
      await ok(p.url, 'UpdateUserAttributes', {
        AccessToken: accessToken,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    ).toEqual({ CodeDeliveryDetailsList: [] });
    await ok(p.url, 'VerifyUserAttribute', {
      AccessToken: accessToken,
      AttributeName: 'email',
      Code: await latestCode(p.url, first),
    });
    expect(await emailOf(accessToken)).toBe(email);

    await ok(p.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: first }],
    });
    await ok(p.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: second }],
    });
    expect(await emailOf(accessToken)).toBe(email);
    await ok(p.url, 'VerifyUserAttribute', {
      AccessToken: accessToken,
      AttributeName: 'email',
      Code: await latestCode(p.url, second),
    });
    expect(await emailOf(accessToken)).toBe(second);
  });

  it('an address someone else took while the code was on its way is refused at verification', async () => {
    const { accessToken } = await p.signedInRider('race');
    const wanted = uniqueEmail('wanted');
    await ok(p.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: wanted }],
    });
    const code = await latestCode(p.url, wanted);
    await ok(p.url, 'SignUp', { ClientId: p.pool.clientId, Username: wanted, Password: PASSWORD });
    expectCognitoError(
      await call(p.url, 'VerifyUserAttribute', { AccessToken: accessToken, AttributeName: 'email', Code: code }),
      'AliasExistsException',
      400,
      'An account with the given email already exists.',
    );
  });
});
