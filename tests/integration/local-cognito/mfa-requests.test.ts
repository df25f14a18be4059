// The MFA actions over the raw JSON 1.1 wire: malformed requests get Cognito-shaped 4xx answers
// and change nothing; pool settings validate and echo; the authenticator secret, its replay
// guard and the pool's MFA settings survive a restart (the store's journal).
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import {
  call,
  expectCognitoError,
  latestCode,
  ok,
  PASSWORD,
  removeTempDirs,
  tempDataDir,
  uniqueEmail,
} from './pool-kit.ts';

const clock = createFakeClock(Math.floor(Date.UTC(2026, 6, 1) / 30_000) * 30_000 + 1_000);
const codeFor = (secret: string, at = clock.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

let dataDir: string;
let pool: RunningLocalCognito;
let passwordClient: string;

beforeAll(async () => {
  dataDir = await tempDataDir('mfa-requests');
  pool = await startLocalCognito({ dataDir, clock, quiet: true });
  const created = await ok(pool.url, 'CreateUserPoolClient', {
    UserPoolId: pool.poolId,
    ClientName: 'password-client',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  passwordClient = (created.UserPoolClient as { ClientId: string }).ClientId;
});
afterAll(async () => {
  await pool?.close();
  await removeTempDirs();
});

async function signedInRider(label: string): Promise<{ email: string; accessToken: string }> {
  const email = uniqueEmail(label);
  await ok(pool.url, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD });
  const code = await latestCode(pool.url, email);
  await ok(pool.url, 'ConfirmSignUp', { ClientId: pool.clientId, Username: email, ConfirmationCode: code });
  const auth = await passwordSignIn(email);
  return { email, accessToken: (auth.AuthenticationResult as { AccessToken: string }).AccessToken };
}

const passwordSignIn = (email: string) =>
  ok(pool.url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: passwordClient,
    AuthParameters: { USERNAME: email, PASSWORD },
  });

const mfaOf = async (accessToken: string) => {
  const user = await ok(pool.url, 'GetUser', { AccessToken: accessToken });
  return { list: user.UserMFASettingList, preferred: user.PreferredMfaSetting };
};

describe('malformed MFA requests', () => {
  it('AssociateSoftwareToken takes exactly one of AccessToken and Session', async () => {
    const { accessToken } = await signedInRider('assoc');
    const one = 'Exactly one of AccessToken or Session is required.';
    expectCognitoError(await call(pool.url, 'AssociateSoftwareToken', {}), 'InvalidParameterException', 400, one);
    expectCognitoError(
      await call(pool.url, 'AssociateSoftwareToken', { AccessToken: accessToken, Session: 's'.repeat(40) }),
      'InvalidParameterException',
      400,
      one,
    );
    expectCognitoError(
      await call(pool.url, 'AssociateSoftwareToken', { Session: 'short' }),
      'InvalidParameterException',
      400,
      "1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length greater than or equal to 20",
    );
    expectCognitoError(
      await call(pool.url, 'AssociateSoftwareToken', { AccessToken: 42 }),
      'SerializationException',
      400,
      'NUMBER_VALUE can not be converted to a String',
    );
    expectCognitoError(
      await call(pool.url, 'AssociateSoftwareToken', { AccessToken: 'not.a.token' }),
      'NotAuthorizedException',
      400,
      'Invalid Access Token',
    );
  });

  it('VerifySoftwareToken checks UserCode and stores nothing on a malformed or wrong code', async () => {
    const { accessToken } = await signedInRider('verify');
    const { SecretCode } = (await ok(pool.url, 'AssociateSoftwareToken', { AccessToken: accessToken })) as {
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
        await call(pool.url, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode }),
        'InvalidParameterException',
        400,
        message,
      );
    }
    expectCognitoError(
      await call(pool.url, 'VerifySoftwareToken', { AccessToken: accessToken }),
      'InvalidParameterException',
      400,
      "1 validation error detected: Value null at 'userCode' failed to satisfy constraint: Member must not be null",
    );
    // Turning TOTP on is refused until a code verified the authenticator.
    expectCognitoError(
      await call(pool.url, 'SetUserMFAPreference', {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
      'InvalidParameterException',
      400,
      'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    );
    expect(await mfaOf(accessToken)).toEqual({ list: [], preferred: undefined });
    // The pending secret still works after the refusals.
    expect(
      await ok(pool.url, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: codeFor(SecretCode) }),
    ).toEqual({
      Status: 'SUCCESS',
    });
  });

  it('SetUserMFAPreference and AdminSetUserMFAPreference validate their settings', async () => {
    const { email, accessToken } = await signedInRider('pref');
    expectCognitoError(
      await call(pool.url, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: 'yes' }),
      'SerializationException',
      400,
    );
    expectCognitoError(
      await call(pool.url, 'SetUserMFAPreference', {
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: 'true' },
      }),
      'SerializationException',
      400,
      'STRING_VALUE can not be converted to a Boolean',
    );
    expectCognitoError(
      await call(pool.url, 'SetUserMFAPreference', { AccessToken: accessToken, SMSMfaSettings: { Enabled: true } }),
      'InvalidParameterException',
      400,
      'User does not have delivery config set to turn on SMS_MFA',
    );
    expectCognitoError(
      await call(pool.url, 'AdminSetUserMFAPreference', { UserPoolId: pool.poolId, Username: 'nobody@example.com' }),
      'UserNotFoundException',
      400,
      'User does not exist.',
    );
    // Turning off what is not on is nothing to do.
    await ok(pool.url, 'AdminSetUserMFAPreference', {
      UserPoolId: pool.poolId,
      Username: email,
      SoftwareTokenMfaSettings: { Enabled: false },
      SMSMfaSettings: { Enabled: false },
    });
    expect(await mfaOf(accessToken)).toEqual({ list: [], preferred: undefined });
  });
});

describe('garbage never crashes the MFA actions or changes anything', () => {
  it('every malformed body gets a Cognito-shaped 400, and the rider and pool are as before', async () => {
    const { accessToken } = await signedInRider('garbage');
    const before = {
      user: await ok(pool.url, 'GetUser', { AccessToken: accessToken }),
      mfa: await ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: pool.poolId }),
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
      UserPoolId: pool.poolId,
      Username: 'nobody-here@example.com',
      UserCode: '123456',
    };
    const junk: unknown[] = [42, true, [], ['x'], { nested: { deeper: 1 } }, 'x'.repeat(5000), '', '\u0000'];
    for (const [action, names] of Object.entries(members)) {
      for (const body of [[], 'not json', 7]) {
        const res = await call(pool.url, action, typeof body === 'string' ? body : body);
        expect(res.status, `${action} ${JSON.stringify(body)} → ${res.text}`).toBe(400);
        expect(typeof res.json?.__type).toBe('string');
      }
      for (const name of names) {
        // A structure with unknown members is a valid (empty) structure, as on the AWS JSON protocol.
        const isStructure = /(Settings|Configuration)$/.test(name) && name !== 'MfaConfiguration';
        for (const value of junk.filter((v) => !(isStructure && typeof v === 'object' && !Array.isArray(v)))) {
          const res = await call(pool.url, action, { ...valid, [name]: value });
          expect(res.status, `${action}.${name}=${JSON.stringify(value).slice(0, 40)} → ${res.text}`).toBe(400);
          expect(typeof res.json?.__type).toBe('string');
          expect(typeof res.json?.message).toBe('string');
        }
      }
    }
    expect(await ok(pool.url, 'GetUser', { AccessToken: accessToken })).toEqual(before.user);
    expect(await ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: pool.poolId })).toEqual(before.mfa);
  });
});

describe('pool MFA settings', () => {
  it('SetUserPoolMfaConfig validates, keeps what is left out, and echoes WebAuthnConfiguration', async () => {
    const created = await ok(pool.url, 'CreateUserPool', { PoolName: 'mfa-settings' });
    const poolId = (created.UserPool as { Id: string; MfaConfiguration: string }).Id;
    expect((created.UserPool as { MfaConfiguration: string }).MfaConfiguration).toBe('OFF');
    expect(await ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: poolId })).toEqual({
      MfaConfiguration: 'OFF',
      SoftwareTokenMfaConfiguration: { Enabled: false },
    });
    expectCognitoError(
      await call(pool.url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'MAYBE' }),
      'InvalidParameterException',
      400,
      "1 validation error detected: Value at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    );
    expectCognitoError(
      await call(pool.url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'ON' }),
      'InvalidParameterException',
      400,
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    );
    expectCognitoError(
      await call(pool.url, 'SetUserPoolMfaConfig', {
        UserPoolId: poolId,
        EmailMfaConfiguration: { Message: 'Your code is here' },
      }),
      'InvalidParameterException',
      400,
      'Message must contain the placeholder {####}.',
    );
    expectCognitoError(
      await call(pool.url, 'SetUserPoolMfaConfig', { UserPoolId: 'us-east-1_Nope', MfaConfiguration: 'OFF' }),
      'ResourceNotFoundException',
      400,
      'User pool us-east-1_Nope does not exist.',
    );
    const webAuthn = { RelyingPartyId: 'localhost', UserVerification: 'preferred' };
    const set = await ok(pool.url, 'SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: webAuthn,
    });
    expect(set).toEqual({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: webAuthn,
    });
    // A later call that names only MfaConfiguration leaves the rest as it was.
    expect(await ok(pool.url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' })).toEqual({
      ...set,
      MfaConfiguration: 'OPTIONAL',
    });
    const described = await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId });
    expect((described.UserPool as { MfaConfiguration: string }).MfaConfiguration).toBe('OPTIONAL');
  });

  it('CreateUserPool refuses MFA ON or OPTIONAL without text messages, as Cognito does', async () => {
    expectCognitoError(
      await call(pool.url, 'CreateUserPool', { PoolName: 'mfa-at-creation', MfaConfiguration: 'OPTIONAL' }),
      'InvalidParameterException',
      400,
      'SMS configuration and Auto verification for phone_number are required when MFA is required/optional',
    );
  });
});

describe('a new email waits for its code (AttributesRequireVerificationBeforeUpdate)', () => {
  const emailOf = async (accessToken: string) => {
    const user = await ok(pool.url, 'GetUser', { AccessToken: accessToken });
    return (user.UserAttributes as { Name: string; Value: string }[]).find((a) => a.Name === 'email')?.Value;
  };

  it('changing back to the current address drops the waiting one; the latest new address wins', async () => {
    const { email, accessToken } = await signedInRider('moves');
    const first = uniqueEmail('first-move');
    const second = uniqueEmail('second-move');
    await ok(pool.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: first }],
    });
    expect(
      await ok(pool.url, 'UpdateUserAttributes', {
        AccessToken: accessToken,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    ).toEqual({ CodeDeliveryDetailsList: [] });
    await ok(pool.url, 'VerifyUserAttribute', {
      AccessToken: accessToken,
      AttributeName: 'email',
      Code: await latestCode(pool.url, first),
    });
    expect(await emailOf(accessToken)).toBe(email);

    await ok(pool.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: first }],
    });
    await ok(pool.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: second }],
    });
    expect(await emailOf(accessToken)).toBe(email);
    await ok(pool.url, 'VerifyUserAttribute', {
      AccessToken: accessToken,
      AttributeName: 'email',
      Code: await latestCode(pool.url, second),
    });
    expect(await emailOf(accessToken)).toBe(second);
  });

  it('an address someone else took while the code was on its way is refused at verification', async () => {
    const { accessToken } = await signedInRider('race');
    const wanted = uniqueEmail('wanted');
    await ok(pool.url, 'UpdateUserAttributes', {
      AccessToken: accessToken,
      UserAttributes: [{ Name: 'email', Value: wanted }],
    });
    const code = await latestCode(pool.url, wanted);
    await ok(pool.url, 'SignUp', { ClientId: pool.clientId, Username: wanted, Password: PASSWORD });
    expectCognitoError(
      await call(pool.url, 'VerifyUserAttribute', { AccessToken: accessToken, AttributeName: 'email', Code: code }),
      'AliasExistsException',
      400,
      'An account with the given email already exists.',
    );
  });
});

describe('durability', () => {
  it('the authenticator, its last accepted code and the pool settings survive a restart', async () => {
    const { email, accessToken } = await signedInRider('durable');
    const { SecretCode } = (await ok(pool.url, 'AssociateSoftwareToken', { AccessToken: accessToken })) as {
      SecretCode: string;
    };
    await ok(pool.url, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: codeFor(SecretCode) });
    await ok(pool.url, 'SetUserMFAPreference', {
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    clock.advance(30_000);
    const used = codeFor(SecretCode);
    const first = await passwordSignIn(email);
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answer = (Session: unknown, code: string) =>
      call(pool.url, 'RespondToAuthChallenge', {
        ClientId: passwordClient,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
      });
    expect((await answer(first.Session, used)).status).toBe(200);

    await pool.close();
    pool = await startLocalCognito({ dataDir, clock, quiet: true });
    const again = await passwordSignIn(email);
    expect(again.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expectCognitoError(
      await answer(again.Session, used),
      'CodeMismatchException',
      400,
      'Invalid code or auth state for the user.',
    );
    clock.advance(30_000);
    const signedIn = await answer(again.Session, codeFor(SecretCode));
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(await ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: pool.poolId })).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
    });
    // Never in the mailbox (its page and JSON serve every message the pool sent).
    const mailbox = await fetch(`${pool.url}mailbox.json`).then((r) => r.text());
    expect(mailbox).toContain(email);
    expect(mailbox).not.toContain(SecretCode);
  });
});
