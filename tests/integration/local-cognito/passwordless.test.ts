// Choice-based sign-in (USER_AUTH) against the in-process pool over the wire, as any Cognito client
// sends it: SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP and emailed codes; the pool and client settings
// (docs/cognito-mfa-passwordless.md §4). Passkeys are in passkeys.test.ts. No mocks.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import {
  call,
  expectCognitoError,
  latestCode,
  mailTo,
  ok,
  PASSWORD,
  removeTempDirs,
  secretHash,
  tempDataDir,
  uniqueEmail,
} from './pool-kit.ts';
import { userAuthKit } from './user-auth-kit.ts';

const clock = createFakeClock(Date.UTC(2026, 5, 1));
let pool: RunningLocalCognito;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir('passwordless');
  pool = await startLocalCognito({ dataDir, quiet: true, clock });
});

afterAll(async () => {
  await pool?.close();
  await removeTempDirs();
});

const { page, confirmedRider, userAuth, registerPasskey } = userAuthKit(() => pool);

describe('pool and client settings', () => {
  it('the default pool allows password, emailed codes and passkeys on the Essentials plan; its client ALLOW_USER_AUTH', async () => {
    const { UserPool } = (await ok(pool.url, 'DescribeUserPool', { UserPoolId: pool.poolId })) as {
      UserPool: { Policies: { SignInPolicy: unknown }; UserPoolTier: string };
    };
    expect(UserPool.Policies.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] });
    expect(UserPool.UserPoolTier).toBe('ESSENTIALS');
    const { UserPoolClient } = (await ok(pool.url, 'DescribeUserPoolClient', {
      UserPoolId: pool.poolId,
      ClientId: pool.clientId,
    })) as {
      UserPoolClient: { ExplicitAuthFlows: string[] };
    };
    expect(UserPoolClient.ExplicitAuthFlows).toContain('ALLOW_USER_AUTH');
  });

  it('refuses sign-in policies Cognito refuses, and stores no pool', async () => {
    const before = ((await ok(pool.url, 'ListUserPools', { MaxResults: 60 })).UserPools as unknown[]).length;
    const create = (extra: Record<string, unknown>) => call(pool.url, 'CreateUserPool', { PoolName: 'p', ...extra });
    expectCognitoError(
      await create({
        UserPoolTier: 'LITE',
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
      }),
      'FeatureUnavailableInTierException',
    );
    expectCognitoError(
      await create({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['WEB_AUTHN'] } } }),
      'InvalidParameterException',
    );
    expectCognitoError(
      await create({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['MAGIC'] } } }),
      'InvalidParameterException',
    );
    expectCognitoError(
      await create({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: [] } } }),
      'InvalidParameterException',
    );
    expectCognitoError(await create({ UserPoolTier: 'GOLD' }), 'InvalidParameterException');
    expect(((await ok(pool.url, 'ListUserPools', { MaxResults: 60 })).UserPools as unknown[]).length).toBe(before);
  });

  it('a client without ALLOW_USER_AUTH refuses the flow; a pool without a sign-in policy offers the password only', async () => {
    const created = (await ok(pool.url, 'CreateUserPool', { PoolName: 'plain' })) as {
      UserPool: { Id: string; Policies: { SignInPolicy: unknown } };
    };
    expect(created.UserPool.Policies.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD'] });
    const srpOnly = (await ok(pool.url, 'CreateUserPoolClient', {
      UserPoolId: created.UserPool.Id,
      ClientName: 'c',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    })) as {
      UserPoolClient: { ClientId: string };
    };
    expectCognitoError(
      await userAuth('x@example.com', {}, srpOnly.UserPoolClient.ClientId),
      'InvalidParameterException',
      400,
      'Auth flow not enabled for this client',
    );
    const both = (await ok(pool.url, 'CreateUserPoolClient', {
      UserPoolId: created.UserPool.Id,
      ClientName: 'c2',
      ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
    })) as { UserPoolClient: { ClientId: string } };
    const res = await userAuth('nobody', {}, both.UserPoolClient.ClientId);
    expect(res.json?.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
  });
});

describe('USER_AUTH: choosing a factor', () => {
  it('without a preference answers SELECT_CHALLENGE with what this rider can use', async () => {
    const email = await confirmedRider('select');
    const res = await userAuth(email);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      ChallengeParameters: {},
      AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    });
    expect(typeof res.json?.Session).toBe('string');
    // A preference that is no factor is a preference the rider cannot use.
    expect((await userAuth(email, { PREFERRED_CHALLENGE: 'MAGIC' })).json?.ChallengeName).toBe('SELECT_CHALLENGE');
    expectCognitoError(
      await page('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: {} }),
      'InvalidParameterException',
      400,
      'Missing required parameter USERNAME',
    );
    expectCognitoError(
      await page('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 7 } }),
      'SerializationException',
    );
    await registerPasskey(email);
    expect((await userAuth(email)).json?.AvailableChallenges).toEqual([
      'PASSWORD',
      'PASSWORD_SRP',
      'EMAIL_OTP',
      'WEB_AUTHN',
    ]);
  });

  it('an unknown name gets what a rider without a passkey gets, and a simulated code step', async () => {
    const unknown = uniqueEmail('nobody');
    const rider = await confirmedRider('known');
    const a = await userAuth(unknown);
    const b = await userAuth(rider);
    expect(a.json?.AvailableChallenges).toEqual(b.json?.AvailableChallenges);
    expect((await userAuth(unknown, { PREFERRED_CHALLENGE: 'WEB_AUTHN' })).json?.ChallengeName).toBe(
      'SELECT_CHALLENGE',
    );
    const otp = await userAuth(unknown, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(otp.json?.ChallengeName).toBe('EMAIL_OTP');
    expect(otp.json?.ChallengeParameters).toMatchObject({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: `${unknown[0]}***@e***.com`,
    });
    expect(await mailTo(pool.url, unknown)).toEqual([]);
    const answer = await page('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: otp.json?.Session,
      ChallengeResponses: { USERNAME: unknown, EMAIL_OTP_CODE: '123456' },
    });
    expectCognitoError(answer, 'CodeMismatchException', 400, 'Invalid code or auth state for the user.');
    expectCognitoError(
      await userAuth(unknown, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD }),
      'NotAuthorizedException',
      400,
      'Incorrect username or password.',
    );
  });

  it('SELECT_CHALLENGE answered with PASSWORD signs in; an answer not offered is refused and the Session kept', async () => {
    const email = await confirmedRider('answer');
    const select = await userAuth(email);
    const respond = (responses: Record<string, string>) =>
      page('RespondToAuthChallenge', {
        ClientId: pool.clientId,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: select.json?.Session,
        ChallengeResponses: { USERNAME: email, ...responses },
      });
    expectCognitoError(
      await respond({ ANSWER: 'WEB_AUTHN' }),
      'InvalidParameterException',
      400,
      'The WEB_AUTHN challenge is not available for this user.',
    );
    expectCognitoError(
      await respond({ ANSWER: 'PASSWORD' }),
      'InvalidParameterException',
      400,
      'Missing required parameter PASSWORD',
    );
    const other = await confirmedRider('someone-else');
    expectCognitoError(
      await page('RespondToAuthChallenge', {
        ClientId: pool.clientId,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: (await userAuth(email)).json?.Session,
        ChallengeResponses: { USERNAME: other, ANSWER: 'PASSWORD', PASSWORD },
      }),
      'NotAuthorizedException',
      400,
      'Incorrect username or password.',
    );
    const done = await respond({ ANSWER: 'PASSWORD', PASSWORD });
    expect(done.status, done.text).toBe(200);
    expect(Object.keys(done.json?.AuthenticationResult as object).sort()).toEqual([
      'AccessToken',
      'ExpiresIn',
      'IdToken',
      'NewDeviceMetadata', // the riders' pool tracks devices
      'RefreshToken',
      'TokenType',
    ]);
    expectCognitoError(
      await respond({ ANSWER: 'PASSWORD', PASSWORD }),
      'NotAuthorizedException',
      400,
      'Invalid session for the user, session is expired.',
    );
  });

  it('PASSWORD_SRP with SRP_A continues into PASSWORD_VERIFIER; a preference without its secret becomes that challenge', async () => {
    const email = await confirmedRider('srp');
    const srp = await userAuth(email, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: 'ab'.repeat(384) });
    expect(srp.json?.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(Object.keys(srp.json?.ChallengeParameters as object).sort()).toEqual([
      'SALT',
      'SECRET_BLOCK',
      'SRP_B',
      'USERNAME',
      'USER_ID_FOR_SRP',
    ]);
    const pw = await userAuth(email, { PREFERRED_CHALLENGE: 'PASSWORD' });
    expect(pw.json?.ChallengeName).toBe('PASSWORD');
    const done = await page('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'PASSWORD',
      Session: pw.json?.Session,
      ChallengeResponses: { USERNAME: email, PASSWORD },
    });
    expect(done.json?.AuthenticationResult).toBeDefined();
  });
});

describe('a client with a secret', () => {
  it('needs SECRET_HASH at every USER_AUTH step', async () => {
    const email = await confirmedRider('secret');
    const created = (await ok(pool.url, 'CreateUserPoolClient', {
      UserPoolId: pool.poolId,
      ClientName: 'server',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
    })) as { UserPoolClient: { ClientId: string; ClientSecret: string } };
    const { ClientId, ClientSecret } = created.UserPoolClient;
    const hash = secretHash(email, ClientId, ClientSecret);
    expectCognitoError(
      await userAuth(email, {}, ClientId),
      'NotAuthorizedException',
      400,
      `Client ${ClientId} is configured for secret but secret was not received`,
    );
    const select = await userAuth(email, { SECRET_HASH: hash }, ClientId);
    expect(select.json?.ChallengeName).toBe('SELECT_CHALLENGE');
    const respond = (responses: Record<string, string>) =>
      page('RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: select.json?.Session,
        ChallengeResponses: { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD, ...responses },
      });
    expectCognitoError(
      await respond({}),
      'NotAuthorizedException',
      400,
      `Client ${ClientId} is configured for secret but secret was not received`,
    );
    const select2 = await userAuth(email, { SECRET_HASH: hash }, ClientId);
    const done = await page('RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'SELECT_CHALLENGE',
      Session: select2.json?.Session,
      ChallengeResponses: { USERNAME: email, ANSWER: 'PASSWORD', PASSWORD, SECRET_HASH: hash },
    });
    expect(done.json?.AuthenticationResult).toBeDefined();
  });
});

describe('EMAIL_OTP', () => {
  const respond = (email: string, Session: unknown, code: string) =>
    page('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'EMAIL_OTP',
      Session,
      ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
    });

  it('mails a code; a wrong one keeps the Session, the right one signs in once', async () => {
    const email = await confirmedRider('otp');
    const res = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(res.json?.ChallengeName).toBe('EMAIL_OTP');
    expect(res.json?.ChallengeParameters).toMatchObject({
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: `${email[0]}***@e***.com`,
    });
    const [mail] = await mailTo(pool.url, email);
    expect(mail?.subject).toBe('Your Wild Rydes sign-in code');
    const code = mail?.code as string;
    const wrong = code === '000000' ? '111111' : '000000';
    expectCognitoError(
      await respond(email, res.json?.Session, wrong),
      'CodeMismatchException',
      400,
      'Invalid code or auth state for the user.',
    );
    const ok200 = await respond(email, res.json?.Session, code);
    expect(ok200.status, ok200.text).toBe(200);
    expect(ok200.json?.AuthenticationResult).toBeDefined();
    expectCognitoError(
      await respond(email, res.json?.Session, code),
      'NotAuthorizedException',
      400,
      'Invalid session for the user, session is expired.',
    );
  });

  it('the third wrong code ends the Session; a code older than 3 minutes has expired', async () => {
    const email = await confirmedRider('otp-limits');
    const res = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    const code = await latestCode(pool.url, email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++)
      expectCognitoError(await respond(email, res.json?.Session, wrong), 'CodeMismatchException');
    expectCognitoError(
      await respond(email, res.json?.Session, code),
      'NotAuthorizedException',
      400,
      'Invalid session for the user, session is expired.',
    );

    const long = (await ok(pool.url, 'CreateUserPoolClient', {
      UserPoolId: pool.poolId,
      ClientName: 'long',
      ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
      AuthSessionValidity: 15,
    })) as {
      UserPoolClient: { ClientId: string };
    };
    const clientId = long.UserPoolClient.ClientId;
    const slow = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' }, clientId);
    clock.advance(3 * 60_000);
    const late = await page('RespondToAuthChallenge', {
      ClientId: clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: slow.json?.Session,
      ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: await latestCode(pool.url, email) },
    });
    expectCognitoError(late, 'ExpiredCodeException');
  });

  it('the right code confirms an unconfirmed rider and verifies the address; a disabled rider is refused after it', async () => {
    const email = uniqueEmail('otp-unconfirmed');
    await ok(pool.url, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD });
    const res = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(res.json?.ChallengeName).toBe('EMAIL_OTP');
    const done = await respond(email, res.json?.Session, await latestCode(pool.url, email));
    expect(done.json?.AuthenticationResult).toBeDefined();
    const user = await ok(pool.url, 'AdminGetUser', { UserPoolId: pool.poolId, Username: email });
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });

    await ok(pool.url, 'AdminDisableUser', { UserPoolId: pool.poolId, Username: email });
    const again = await userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expectCognitoError(
      await respond(email, again.json?.Session, await latestCode(pool.url, email)),
      'NotAuthorizedException',
      400,
      'User is disabled.',
    );
  });

  it('SELECT_CHALLENGE answered with EMAIL_OTP sends the code', async () => {
    const email = await confirmedRider('otp-select');
    const select = await userAuth(email);
    const res = await page('RespondToAuthChallenge', {
      ClientId: pool.clientId,
      ChallengeName: 'SELECT_CHALLENGE',
      Session: select.json?.Session,
      ChallengeResponses: { USERNAME: email, ANSWER: 'EMAIL_OTP' },
    });
    expect(res.json?.ChallengeName).toBe('EMAIL_OTP');
    const done = await respond(email, res.json?.Session, await latestCode(pool.url, email));
    expect(done.json?.AuthenticationResult).toBeDefined();
  });
});

describe('a data directory from before passwordless sign-in', () => {
  it('its snapshot (no passkeys, a default pool without a sign-in policy) loads, and the defaults gain USER_AUTH', async () => {
    const dir = await tempDataDir('pre-passwordless');
    let old = await startLocalCognito({ dataDir: dir, quiet: true });
    const { store } = old.pool.services;
    // The records as an earlier version wrote them.
    const { tier: _t, firstAuthFactors: _f, ...poolBefore } = store.pool(old.poolId)!;
    store.putPool(poolBefore);
    const client = store.client(old.clientId)!;
    store.putClient({ ...client, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    await store.compact();
    await old.close();
    const snapshotPath = join(dir, 'snapshot.json');
    const { credentials: _c, ...snapshot } = JSON.parse(await readFile(snapshotPath, 'utf8'));
    await writeFile(snapshotPath, JSON.stringify(snapshot));

    old = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      const { UserPool } = (await ok(old.url, 'DescribeUserPool', { UserPoolId: old.poolId })) as {
        UserPool: { Policies: { SignInPolicy: unknown } };
      };
      expect(UserPool.Policies.SignInPolicy).toEqual({
        AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
      });
      const { UserPoolClient } = (await ok(old.url, 'DescribeUserPoolClient', {
        UserPoolId: old.poolId,
        ClientId: old.clientId,
      })) as {
        UserPoolClient: { ExplicitAuthFlows: string[] };
      };
      expect(UserPoolClient.ExplicitAuthFlows).toEqual([
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_AUTH',
      ]);
    } finally {
      await old.close();
    }
  });
});

describe('riders with a second factor', () => {
  it('in a pool that requires MFA get the password factors only, and the password leads to MFA', async () => {
    const mfaPool = await startLocalCognito({ dataDir: await tempDataDir('user-auth-mfa-on'), quiet: true });
    try {
      const k = userAuthKit(() => mfaPool);
      await ok(mfaPool.url, 'SetUserPoolMfaConfig', {
        UserPoolId: mfaPool.poolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      });
      const email = await k.confirmedRider('mfa-on');
      expect((await k.userAuth(email)).json?.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
      expect((await k.userAuth(email, { PREFERRED_CHALLENGE: 'EMAIL_OTP' })).json?.ChallengeName).toBe(
        'SELECT_CHALLENGE',
      );
      const res = await k.userAuth(email, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.json?.ChallengeName).toBe('MFA_SETUP');
    } finally {
      await mfaPool.close();
    }
  });
});
