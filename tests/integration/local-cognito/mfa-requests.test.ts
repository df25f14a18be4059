// The MFA actions over the raw JSON 1.1 wire: malformed requests get Cognito-shaped 4xx answers
// and change nothing, whatever garbage arrives.
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../local-cognito/index.ts';
import { call, expectCognitoError, ok } from './pool-kit.ts';
import { type RawPool, startRawPool } from './raw-pool.ts';

const clock = createFakeClock(Math.floor(Date.UTC(2026, 6, 1) / 30_000) * 30_000 + 1_000);
const codeFor = (secret: string, at = clock.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
let p: RawPool;

beforeAll(async () => {
  p = await startRawPool('mfa-requests', clock);
});
afterAll(async () => {
  await p?.close();
});

const mfaOf = async (accessToken: string) => {
  const user = await ok(p.url, 'GetUser', { AccessToken: accessToken });
  return { list: user.UserMFASettingList, preferred: user.PreferredMfaSetting };
};

describe('malformed MFA requests', () => {
  it('AssociateSoftwareToken takes exactly one of AccessToken and Session', async () => {
    const { accessToken } = await p.signedInRider('assoc');
    const one = 'Exactly one of AccessToken or Session is required.';
    expectCognitoError(await call(p.url, 'AssociateSoftwareToken', {}), 'InvalidParameterException', 400, one);
    expectCognitoError(
      await call(p.url, 'AssociateSoftwareToken', { AccessToken: accessToken, Session: 's'.repeat(40) }),
      'InvalidParameterException',
      400,
      one,
    );
    expectCognitoError(
      await call(p.url, 'AssociateSoftwareToken', { Session: 'short' }),
      'InvalidParameterException',
      400,
      "1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
    expectCognitoError(
      await call(p.url, 'AssociateSoftwareToken', { AccessToken: 42 }),
      'SerializationException',
      400,
      'NUMBER_VALUE can not be converted to a String',
    );
    expectCognitoError(
      await call(p.url, 'AssociateSoftwareToken', { AccessToken: 'not.a.token' }),
      'NotAuthorizedException',
      400,
      'Invalid Access Token',
    );
  });

  it('VerifySoftwareToken checks UserCode and stores nothing on a malformed or wrong code', async () => {
    const { accessToken } = await p.signedInRider('verify');
    const { SecretCode } = (await ok(p.url, 'AssociateSoftwareToken', { AccessToken: accessToken })) as {
      SecretCode: string;
    };
    for (const [UserCode, message] of [
      [
        '12345',
        "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
      ],
      [
        'abcdef',
        "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
      ],
    ] as const) {
      expectCognitoError(
        await call(p.url, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode }),
        'InvalidParameterException',
        400,
        message,
      );
    }
    expectCognitoError(
      await call(p.url, 'VerifySoftwareToken', { AccessToken: accessToken }),
      'InvalidParameterException',
      400,
      "1 validation error detected: Value null at 'userCode' failed to satisfy constraint: Member must not be null",
    );
    // Turning TOTP on is refused until a code verified the authenticator.
    expectCognitoError(
      await call(p.url, 'SetUserMFAPreference', {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
      'InvalidParameterException',
      400,
      'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    );
    expect(await mfaOf(accessToken)).toEqual({ list: [], preferred: undefined });
    // The pending secret still works after the refusals.
    expect(await ok(p.url, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: codeFor(SecretCode) })).toEqual(
      {
        Status: 'SUCCESS',
      },
    );
  });

  it('SetUserMFAPreference and AdminSetUserMFAPreference validate their settings', async () => {
    const { email, accessToken } = await p.signedInRider('pref');
    expectCognitoError(
      await call(p.url, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: 'yes' }),
      'SerializationException',
      400,
    );
    expectCognitoError(
      await call(p.url, 'SetUserMFAPreference', {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: 'true' },
      }),
      'SerializationException',
      400,
      'STRING_VALUE can not be converted to a Boolean',
    );
    expectCognitoError(
      await call(p.url, 'SetUserMFAPreference', { AccessToken: accessToken, SMSMfaSettings: { Enabled: true } }),
      'InvalidParameterException',
      400,
      'User does not have delivery config set to turn on SMS_MFA',
    );
    expectCognitoError(
      await call(p.url, 'AdminSetUserMFAPreference', { UserPoolId: p.pool.poolId, Username: 'nobody@example.com' }),
      'UserNotFoundException',
      400,
      'User does not exist.',
    );
    // Turning off what is not on is nothing to do.
    await ok(p.url, 'AdminSetUserMFAPreference', {
      UserPoolId: p.pool.poolId,
      Username: email,
      SoftwareTokenMfaSettings: { Enabled: false },
      SMSMfaSettings: { Enabled: false },
    });
    expect(await mfaOf(accessToken)).toEqual({ list: [], preferred: undefined });
  });
});

describe('garbage never crashes the MFA actions or changes anything', () => {
  it('every malformed body gets a Cognito-shaped 400, and the rider and pool are as before', async () => {
    const { accessToken } = await p.signedInRider('garbage');
    const before = {
      user: await ok(p.url, 'GetUser', { AccessToken: accessToken }),
      mfa: await ok(p.url, 'GetUserPoolMfaConfig', { UserPoolId: p.pool.poolId }),
    };
    const members: Record<string, string[]> = {
      AssociateSoftwareToken: ['AccessToken', 'Session'],
      VerifySoftwareToken: ['AccessToken', 'Session', 'UserCode', 'FriendlyDeviceName'],
      SetUserMFAPreference: ['AccessToken', 'SMSMfaSettings', 'SoftwareTokenMfaSettings', 'EmailMfaSettings'],
      AdminSetUserMFAPreference: ['UserPoolId', 'Username', 'SoftwareTokenMfaSettings'],
      SetUserPoolMfaConfig: [
        'UserPoolId',
        'MfaConfiguration',
        'SoftwareTokenMfaConfiguration',
        'SmsMfaConfiguration',
        'EmailMfaConfiguration',
        'WebAuthnConfiguration',
      ],
      GetUserPoolMfaConfig: ['UserPoolId'],
    };
    const valid: Record<string, unknown> = {
      AccessToken: accessToken,
      UserPoolId: p.pool.poolId,
      Username: 'nobody-here@example.com',
      UserCode: '123456',
    };
    const junk: unknown[] = [42, true, [], ['x'], { nested: { deeper: 1 } }, 'x'.repeat(5000), '', '\u0000'];
    for (const [action, names] of Object.entries(members)) {
      for (const body of [[], 'not json', 7]) {
        const res = await call(p.url, action, typeof body === 'string' ? body : body);
        expect(res.status, `${action} ${JSON.stringify(body)} → ${res.text}`).toBe(400);
        expect(typeof res.json?.__type).toBe('string');
      }
      for (const name of names) {
        // A structure with unknown members is a valid (empty) structure, as on the AWS JSON protocol.
        const isStructure = /(Settings|Configuration)$/.test(name) && name !== 'MfaConfiguration';
        for (const value of junk.filter((v) => !(isStructure && typeof v === 'object' && !Array.isArray(v)))) {
          const res = await call(p.url, action, { ...valid, [name]: value });
          expect(res.status, `${action}.${name}=${JSON.stringify(value).slice(0, 40)} → ${res.text}`).toBe(400);
          expect(typeof res.json?.__type).toBe('string');
          expect(typeof res.json?.message).toBe('string');
        }
      }
    }
    expect(await ok(p.url, 'GetUser', { AccessToken: accessToken })).toEqual(before.user);
    expect(await ok(p.url, 'GetUserPoolMfaConfig', { UserPoolId: p.pool.poolId })).toEqual(before.mfa);
  });
});
