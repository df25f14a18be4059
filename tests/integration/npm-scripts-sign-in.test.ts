// The sign-in options of `npm run provision` (--mfa, --passwordless, --site-url, --rp-id) and the
// operator commands `npm run users -- mfa <email> off` and `users -- devices <email> [forget <key>]`,
// run as people run them (`npm run -s …` child processes) against a child `npm run cognito:local`,
// the same way npm-scripts.test.ts runs the older options. The rider's side (TOTP set-up, a
// remembered device) goes over the wire with a TOTP code computed by otpauth.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../scripts/lib/env-file.ts';
import { ok, PASSWORD, uniqueEmail } from './local-cognito/pool-kit.ts';
import { cleanUp, createSandbox, type Exit, npmRun, type PoolProcess, startPool, tempDir } from './npm-run.ts';

const POOL_ID = 'us-east-1_LocalPool';
const SLOW = { timeout: 90_000 };

let pool: PoolProcess;
let cwd: string;
/** A USER_PASSWORD_AUTH client on the default pool, so the test can sign riders in over the wire. */
let passwordClient: string;

beforeAll(async () => {
  pool = await startPool(['--port', '0', '--data-dir', await tempDir('signin-pool')], {
    cwd: await createSandbox('signin-pool'),
  });
  cwd = await createSandbox('signin');
  const created = await ok(pool.url, 'CreateUserPoolClient', {
    UserPoolId: POOL_ID,
    ClientName: 'SignInTests',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  passwordClient = (created.UserPoolClient as { ClientId: string }).ClientId;
}, 60_000);

afterAll(async () => {
  await pool?.stop('SIGTERM', 'npm').catch(() => undefined);
  await cleanUp();
});

const shown = (exit: Exit): string =>
  `exit ${exit.code ?? exit.signal}\nstdout: ${exit.stdout}\nstderr: ${exit.stderr}`;

function expectSuccess(exit: Exit): void {
  expect(exit.stderr, shown(exit)).toBe('');
  expect(exit.code, shown(exit)).toBe(0);
}

function expectOneLine(exit: Exit, code: number, line: string): void {
  expect(exit.code, shown(exit)).toBe(code);
  expect(exit.stderr).toBe(`${line}\n`);
  expect(exit.stdout).toBe('');
}

const envOf = async (path: string): Promise<Record<string, string>> =>
  Object.fromEntries(parseEnv(await readFile(path, 'utf8')));

/** A confirmed rider of the default pool, signed in with USER_PASSWORD_AUTH: the access token. */
async function signedInRider(label: string): Promise<{ email: string; accessToken: string }> {
  const email = uniqueEmail(label);
  await ok(pool.url, 'AdminCreateUser', {
    UserPoolId: POOL_ID,
    Username: email,
    MessageAction: 'SUPPRESS',
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'email_verified', Value: 'true' },
    ],
  });
  await ok(pool.url, 'AdminSetUserPassword', {
    UserPoolId: POOL_ID,
    Username: email,
    Password: PASSWORD,
    Permanent: true,
  });
  const auth = await ok(pool.url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: passwordClient,
    AuthParameters: { USERNAME: email, PASSWORD },
  });
  const result = auth.AuthenticationResult as { AccessToken: string } | undefined;
  expect(result, JSON.stringify(auth)).toBeDefined();
  return { email, accessToken: result!.AccessToken };
}

describe('npm run provision: --mfa, --passwordless, --site-url, --rp-id', () => {
  it('--mfa on creates a pool that requires the authenticator app, with remembered devices', SLOW, async () => {
    const target = join(await tempDir('mfa-env'), 'mfa.env');
    const exit = await npmRun(
      'provision',
      [
        '--endpoint',
        pool.url,
        '--pool-name',
        'RidersMfaOn',
        '--client-name',
        'RidersMfaOnWeb',
        '--mfa',
        'on',
        '--env-file',
        target,
      ],
      { cwd },
    );
    expectSuccess(exit);
    expect(exit.stdout).toContain('MFA config:  set ON with an authenticator app');
    const poolId = (await envOf(target)).VITE_COGNITO_USER_POOL_ID;
    expect(await ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: poolId })).toMatchObject({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const described = (await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId })).UserPool;
    expect(described).toMatchObject({
      MfaConfiguration: 'ON',
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
  });

  it(
    '--passwordless --site-url sets the plan, the factors, the relying party and ALLOW_USER_AUTH; a rerun with --rp-id changes nothing',
    SLOW,
    async () => {
      const target = join(await tempDir('pwl-env'), 'pwl.env');
      const argv = [
        '--endpoint',
        pool.url,
        '--pool-name',
        'RidersPwl',
        '--client-name',
        'RidersPwlWeb',
        '--env-file',
        target,
      ];
      const first = await npmRun('provision', [...argv, '--passwordless', '--site-url', 'http://localhost:5173/'], {
        cwd,
      });
      expectSuccess(first);
      const env = await envOf(target);
      const poolId = env.VITE_COGNITO_USER_POOL_ID!;
      const described = (await ok(pool.url, 'DescribeUserPool', { UserPoolId: poolId })).UserPool;
      expect(described).toMatchObject({
        UserPoolTier: 'ESSENTIALS',
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] } },
      });
      expect(await ok(pool.url, 'GetUserPoolMfaConfig', { UserPoolId: poolId })).toMatchObject({
        MfaConfiguration: 'OPTIONAL',
        WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'preferred' },
      });
      const appClient = await ok(pool.url, 'DescribeUserPoolClient', {
        UserPoolId: poolId,
        ClientId: env.VITE_COGNITO_USER_POOL_CLIENT_ID,
      });
      expect((appClient.UserPoolClient as { ExplicitAuthFlows: string[] }).ExplicitAuthFlows).toContain(
        'ALLOW_USER_AUTH',
      );

      const again = await npmRun('provision', [...argv, '--passwordless', '--rp-id', 'localhost'], { cwd });
      expectSuccess(again);
      expect(again.stdout).toContain(`User pool:   RidersPwl ${poolId} (reused)`);
      expect(again.stdout).toContain('MFA config:  unchanged');
      expect(again.stdout).toContain('(reused)\nEnv file:');
    },
  );

  it('bad values are one line, exit 2, before any call', SLOW, async () => {
    const [maybe, both, ip] = await Promise.all([
      npmRun('provision', ['--endpoint', pool.url, '--mfa', 'maybe'], { cwd }),
      npmRun('provision', ['--endpoint', pool.url, '--mfa', 'on', '--passwordless', '--rp-id', 'localhost'], { cwd }),
      npmRun('provision', ['--endpoint', pool.url, '--passwordless', '--rp-id', '127.0.0.1'], { cwd }),
    ]);
    expectOneLine(maybe!, 2, 'Error: --mfa "maybe" is not one of off, optional, on.');
    expectOneLine(
      both!,
      2,
      'Error: --mfa on and --passwordless cannot go together: Cognito offers no passwordless sign-in while MFA is required; use --mfa optional.',
    );
    expectOneLine(
      ip!,
      2,
      'Error: --rp-id "127.0.0.1" is not a domain name; passkeys are bound to one, e.g. rides.example.com (localhost for local use).',
    );
  });
});

describe('npm run users: mfa and devices', () => {
  it("mfa <email> off turns off a rider's authenticator app; a missing rider is one line, exit 1", SLOW, async () => {
    const { email, accessToken } = await signedInRider('cli-mfa');
    const { SecretCode } = (await ok(pool.url, 'AssociateSoftwareToken', { AccessToken: accessToken })) as {
      SecretCode: string;
    };
    const totp = new TOTP({ secret: Secret.fromBase32(SecretCode), algorithm: 'SHA1', digits: 6, period: 30 });
    await ok(pool.url, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: totp.generate() });
    await ok(pool.url, 'SetUserMFAPreference', {
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const before = await ok(pool.url, 'AdminGetUser', { UserPoolId: POOL_ID, Username: email });
    expect(before).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });

    const missing = uniqueEmail('cli-mfa-missing');
    const [off, gone, bad] = await Promise.all([
      npmRun('users', ['mfa', email, 'off', '--endpoint', pool.url], { cwd }),
      npmRun('users', ['mfa', missing, 'off', '--endpoint', pool.url], { cwd }),
      npmRun('users', ['mfa', email, 'on', '--endpoint', pool.url], { cwd }),
    ]);
    expectSuccess(off!);
    expect(off!.stdout).toBe(
      `Turned off the authenticator app of ${email} in user pool ${POOL_ID} at ${pool.url}: they sign in with their password ` +
        '(and set up a new authenticator where the pool requires MFA).\n',
    );
    const after = await ok(pool.url, 'AdminGetUser', { UserPoolId: POOL_ID, Username: email });
    expect(after.PreferredMfaSetting).toBeUndefined();
    expect(after.UserMFASettingList ?? []).toEqual([]);
    expectOneLine(gone!, 1, `Error: No user ${missing} in user pool ${POOL_ID}.`);
    expectOneLine(bad!, 2, `Error: \`mfa\` takes \`off\`, e.g. \`npm run users -- mfa ${email} off\` (not "on").`);
  });

  it('devices <email> lists a confirmed device, forget <key> forgets it; errors are one line', SLOW, async () => {
    const email = uniqueEmail('cli-devices');
    await ok(pool.url, 'AdminCreateUser', {
      UserPoolId: POOL_ID,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await ok(pool.url, 'AdminSetUserPassword', {
      UserPoolId: POOL_ID,
      Username: email,
      Password: PASSWORD,
      Permanent: true,
    });
    const auth = await ok(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: passwordClient,
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    const result = auth.AuthenticationResult as {
      AccessToken: string;
      NewDeviceMetadata: { DeviceKey: string; DeviceGroupKey: string };
    };
    const deviceKey = result.NewDeviceMetadata.DeviceKey;
    await ok(pool.url, 'ConfirmDevice', {
      AccessToken: result.AccessToken,
      DeviceKey: deviceKey,
      DeviceName: 'CLI test browser',
      DeviceSecretVerifierConfig: {
        PasswordVerifier: Buffer.from('ab'.repeat(192), 'hex').toString('base64'),
        Salt: 'c2FsdHNhbHQ=',
      },
    });
    await ok(pool.url, 'UpdateDeviceStatus', {
      AccessToken: result.AccessToken,
      DeviceKey: deviceKey,
      DeviceRememberedStatus: 'remembered',
    });

    const listed = await npmRun('users', ['devices', email, '--endpoint', pool.url], { cwd });
    expectSuccess(listed);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+KEY\s+STATUS\s+LAST USED$/);
    expect(lines[1]!.split(/\s{2,}/).slice(0, 3)).toEqual(['CLI test browser', deviceKey, 'remembered']);
    expect(lines.at(-1)).toBe(`1 device of ${email} in user pool ${POOL_ID} at ${pool.url}.`);

    const [forgot, unknown, missing] = await Promise.all([
      npmRun('users', ['devices', email, 'forget', deviceKey, '--endpoint', pool.url], { cwd }),
      npmRun(
        'users',
        ['devices', email, 'forget', 'us-east-1_00000000-0000-0000-0000-000000000000', '--endpoint', pool.url],
        {
          cwd,
        },
      ),
      npmRun('users', ['devices', uniqueEmail('cli-devices-missing'), '--endpoint', pool.url], { cwd }),
    ]);
    expectSuccess(forgot!);
    expect(forgot!.stdout).toBe(
      `Forgot device ${deviceKey} of ${email} in user pool ${POOL_ID} at ${pool.url}; it asks for the second factor again.\n`,
    );
    expectOneLine(
      unknown!,
      1,
      `Error: ${email} has no device with that key in user pool ${POOL_ID}; \`npm run users -- devices ${email}\` lists them.`,
    );
    expect(missing!.code, shown(missing!)).toBe(1);
    expect(missing!.stderr).toMatch(/^Error: No user \S+ in user pool us-east-1_LocalPool\.\n$/);

    const after = await npmRun('users', ['devices', email, '--endpoint', pool.url], { cwd });
    expectSuccess(after);
    expect(after.stdout).toBe(`No remembered devices for ${email} in user pool ${POOL_ID} at ${pool.url}.\n`);
  });
});
