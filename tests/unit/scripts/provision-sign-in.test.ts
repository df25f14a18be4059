// `npm run provision` --mfa, --passwordless, --site-url, --rp-id and remembered devices, through main()
// with the SDK mocked by a stateful fake that resets omitted settings as UpdateUserPool does.
import 'aws-sdk-client-mock-vitest/extend';
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/lib/provision-cli.ts';
import { FakeCognito } from './fake-cognito.ts';
import type { Harness } from './helpers.ts';
import { harness } from './helpers.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const WRITES = [
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolClientCommand,
  SetUserPoolMfaConfigCommand,
];
const writes = (): string[] =>
  cognito
    .calls()
    .map((c) => c.args[0].constructor.name)
    .filter((name) => WRITES.some((w) => w.name === name));
const DEVICES = { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true };

let h: Harness;
let fake: FakeCognito;

beforeEach(async () => {
  cognito.reset();
  fake = new FakeCognito();
  fake.install(cognito);
  h = await harness();
});
afterEach(() => h.cleanup());

/** A pool made before this feature, with settings of its own that an update must keep. */
function legacyPool(extra: Partial<UserPoolType> = {}): UserPoolType {
  return fake.addPool({
    Name: 'WildRydes',
    AutoVerifiedAttributes: ['email'],
    Policies: { PasswordPolicy: { MinimumLength: 12, TemporaryPasswordValidityDays: 3 } },
    LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre' },
    EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 3 },
    UserPoolTags: { team: 'rides' },
    MfaConfiguration: 'OFF',
    UserPoolTier: 'LITE',
    DeletionProtection: 'ACTIVE',
    ...extra,
  });
}

describe('provision --mfa and remembered devices', () => {
  it('a new pool: MFA set after CreateUserPool with the authenticator app (optional by default, on, off)', async () => {
    expect(await main([], h.deps)).toBe(0);
    expect(await main(['--pool-name', 'Strict', '--mfa', 'on'], h.deps)).toBe(0);
    expect(await main(['--pool-name', 'Open', '--mfa', 'OFF'], h.deps)).toBe(0);
    const [rider, strict, open] = fake.pools;
    expect(cognito.commandCalls(SetUserPoolMfaConfigCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: rider!.Id, MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      { UserPoolId: strict!.Id, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } },
    ]);
    expect(open!.MfaConfiguration).toBe('OFF');
    expect(h.stdout).toContain('MFA config:  MFA OFF');
    for (const call of cognito.commandCalls(CreateUserPoolCommand)) {
      expect(call.args[0].input).toMatchObject({ MfaConfiguration: 'OFF', DeviceConfiguration: DEVICES });
      expect(call.args[0].input.UserPoolTier).toBeUndefined();
    }
  });

  it('an older pool is updated with every setting it had, then a second run changes nothing', async () => {
    const pool = legacyPool();
    expect(await main([], h.deps)).toBe(0);
    expect(writes()).toEqual(['SetUserPoolMfaConfigCommand', 'UpdateUserPoolCommand', 'CreateUserPoolClientCommand']);
    expect(cognito.commandCalls(UpdateUserPoolCommand)[0]!.args[0].input).toEqual({
      UserPoolId: pool.Id,
      PoolName: 'WildRydes',
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 12, TemporaryPasswordValidityDays: 3 } },
      LambdaConfig: { PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:pre' },
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
      // The deprecated member DescribeUserPool still reports is not sent back.
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UserPoolTags: { team: 'rides' },
      MfaConfiguration: 'OPTIONAL',
      UserPoolTier: 'LITE',
      DeletionProtection: 'ACTIVE',
      DeviceConfiguration: DEVICES,
    });
    expect(h.stdout.slice(1, 3)).toEqual([
      `User pool:   WildRydes ${pool.Id} (updated: remembered devices on user opt-in)`,
      'MFA config:  set OFF → OPTIONAL with an authenticator app',
    ]);
    expect(fake.pools[0]).toMatchObject({ LambdaConfig: pool.LambdaConfig, UserPoolTags: { team: 'rides' } });

    cognito.resetHistory();
    h.stdout.length = 0;
    expect(await main([], h.deps)).toBe(0);
    expect(writes()).toEqual([]);
    expect(h.stdout.slice(1, 3)).toEqual([`User pool:   WildRydes ${pool.Id} (reused)`, 'MFA config:  unchanged']);
  });

  it('a pool that requires MFA keeps it unless --mfa says otherwise; SMS MFA settings are sent back', async () => {
    const sms = {
      SmsAuthenticationMessage: 'Code {####}',
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::1:role/sns' },
    };
    const pool = fake.addRiderPool({ Name: 'WildRydes', MfaConfiguration: 'ON' });
    fake.mfa.set(pool.Id!, {
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: sms,
    });
    expect(await main([], h.deps)).toBe(0);
    expect(cognito).not.toHaveReceivedCommand(SetUserPoolMfaConfigCommand);

    expect(await main(['--mfa', 'optional'], h.deps)).toBe(0);
    expect(await main(['--mfa', 'off'], h.deps)).toBe(0);
    expect(cognito.commandCalls(SetUserPoolMfaConfigCommand).map((c) => c.args[0].input)).toEqual([
      {
        UserPoolId: pool.Id,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: sms,
      },
      // With MFA OFF no factor may be configured alongside (Cognito refuses it).
      { UserPoolId: pool.Id, MfaConfiguration: 'OFF' },
    ]);
    // UpdateUserPool was never needed, so it never reset anything.
    expect(cognito).not.toHaveReceivedCommand(UpdateUserPoolCommand);
  });

  it('--mfa on refuses a pool that allows passwordless sign-in (Cognito does not allow both)', async () => {
    const pool = fake.addRiderPool({
      Name: 'WildRydes',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });
    expect(await main(['--mfa', 'on'], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: User pool WildRydes (${pool.Id}) allows passwordless sign-in (EMAIL_OTP), which Cognito does not allow while MFA is required; ` +
        'keep --mfa optional, or remove those factors from its sign-in policy first.',
    ]);
    expect(writes()).toEqual([]);
  });
});

describe('provision --passwordless', () => {
  it('a new pool: Essentials plan, the three first factors, the relying party and ALLOW_USER_AUTH', async () => {
    expect(await main(['--passwordless', '--site-url', 'https://Rides.Example.com/app'], h.deps)).toBe(0);
    const pool = fake.pools[0]!;
    expect(cognito.commandCalls(CreateUserPoolCommand)[0]!.args[0].input).toMatchObject({
      UserPoolTier: 'ESSENTIALS',
      Policies: {
        PasswordPolicy: expect.objectContaining({ MinimumLength: 8 }),
        SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] },
      },
    });
    expect(cognito).toHaveReceivedCommandExactlyOnceWith(SetUserPoolMfaConfigCommand, {
      UserPoolId: pool.Id,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: 'rides.example.com', UserVerification: 'preferred' },
    });
    expect(cognito.commandCalls(CreateUserPoolClientCommand)[0]!.args[0].input.ExplicitAuthFlows).toEqual([
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_AUTH',
    ]);
    expect(h.stdout[2]).toBe('MFA config:  set OPTIONAL with an authenticator app; passkeys for rides.example.com');
  });

  it('an existing pool and client: MFA, then UpdateUserPool, then the relying party, then the client; idempotent', async () => {
    const pool = legacyPool({ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'] } } });
    const appClient = fake.addClient({
      UserPoolId: pool.Id!,
      ClientName: 'WildRydesWebApp',
      CallbackURLs: ['https://rides.example.com/cb'],
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    const argv = ['--passwordless', '--rp-id', 'example.com', '--site-url', 'https://rides.example.com'];
    expect(await main(argv, h.deps)).toBe(0);
    expect(writes()).toEqual([
      'SetUserPoolMfaConfigCommand',
      'UpdateUserPoolCommand',
      'SetUserPoolMfaConfigCommand',
      'UpdateUserPoolClientCommand',
    ]);
    expect(cognito.commandCalls(UpdateUserPoolCommand)[0]!.args[0].input).toMatchObject({
      UserPoolTier: 'ESSENTIALS',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN', 'SMS_OTP'] } },
      LambdaConfig: pool.LambdaConfig,
    });
    expect(cognito.commandCalls(SetUserPoolMfaConfigCommand)[1]!.args[0].input).toEqual({
      UserPoolId: pool.Id,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: 'example.com', UserVerification: 'preferred' },
    });
    expect(cognito.commandCalls(UpdateUserPoolClientCommand)[0]!.args[0].input).toEqual({
      UserPoolId: pool.Id,
      ClientId: appClient.ClientId,
      ClientName: 'WildRydesWebApp',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'],
      CallbackURLs: ['https://rides.example.com/cb'],
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes' },
    });
    expect(h.stdout.slice(1, 4)).toEqual([
      `User pool:   WildRydes ${pool.Id} (updated: remembered devices on user opt-in; feature plan LITE → ESSENTIALS; first sign-in factors + EMAIL_OTP, WEB_AUTHN)`,
      'MFA config:  set OFF → OPTIONAL with an authenticator app; passkeys for example.com (user verification preferred)',
      `App client:  WildRydesWebApp ${appClient.ClientId} (updated: flows + ALLOW_USER_AUTH)`,
    ]);

    // Again, and again without naming the relying party: the pool's own is kept.
    cognito.resetHistory();
    expect(await main(argv, h.deps)).toBe(0);
    expect(await main(['--passwordless'], h.deps)).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('keeps the Plus plan and a required user verification', async () => {
    const pool = fake.addRiderPool({
      Name: 'WildRydes',
      UserPoolTier: 'PLUS',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] } },
    });
    fake.mfa.set(pool.Id!, {
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: { RelyingPartyId: 'old.example.com', UserVerification: 'required' },
    });
    fake.addClient({
      UserPoolId: pool.Id!,
      ClientName: 'WildRydesWebApp',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH'],
    });
    expect(await main(['--passwordless', '--rp-id', 'rides.example.com'], h.deps)).toBe(0);
    expect(writes()).toEqual(['SetUserPoolMfaConfigCommand']);
    expect(cognito).toHaveReceivedCommandWith(SetUserPoolMfaConfigCommand, {
      WebAuthnConfiguration: { RelyingPartyId: 'rides.example.com', UserVerification: 'required' },
    });
  });

  it('a pool that requires MFA is refused without --mfa optional, and nothing is written', async () => {
    const pool = fake.addRiderPool({ Name: 'WildRydes', MfaConfiguration: 'ON' });
    expect(await main(['--passwordless', '--rp-id', 'example.com'], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      `Error: User pool WildRydes (${pool.Id}) requires MFA (ON), and Cognito offers no passwordless sign-in while MFA is required; ` +
        'pass --mfa optional with --passwordless to allow it.',
    ]);
    expect(writes()).toEqual([]);
  });

  it('--dry-run shows the updates and calls only read APIs', async () => {
    const pool = legacyPool();
    expect(await main(['--passwordless', '--rp-id', 'example.com', '--dry-run'], h.deps)).toBe(0);
    expect(writes()).toEqual([]);
    expect(h.stdout.slice(2, 4)).toEqual([
      `User pool:   would update WildRydes ${pool.Id} (UpdateUserPool with its current settings and: remembered devices on user opt-in; ` +
        'feature plan LITE → ESSENTIALS; first sign-in factors + PASSWORD, EMAIL_OTP, WEB_AUTHN)',
      'MFA config:  would set OFF → OPTIONAL with an authenticator app; passkeys for example.com (user verification preferred)',
    ]);
    expect(h.stdout[4]).toMatch(
      /^App client: {2}would create WildRydesWebApp \(no secret; flows ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_AUTH;/,
    );
  });

  it('a failed write names its IAM action', async () => {
    legacyPool();
    cognito.on(UpdateUserPoolCommand).rejects(
      new CognitoIdentityProviderServiceException({
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'not authorized',
      }),
    );
    expect(await main([], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'Error: Access denied: your AWS identity is not allowed to call cognito-idp:UpdateUserPool; add that action to its IAM policy.',
    ]);
  });
});

describe('provision: sign-in usage errors (exit 2, one line)', () => {
  it.each([
    [['--mfa', 'maybe'], 'Error: --mfa "maybe" is not one of off, optional, on.'],
    [
      ['--mfa', 'on', '--passwordless', '--rp-id', 'example.com'],
      'Error: --mfa on and --passwordless cannot go together: Cognito offers no passwordless sign-in while MFA is required; use --mfa optional.',
    ],
    [
      ['--site-url', 'https://rides.example.com'],
      "Error: --site-url only applies with --passwordless (the passkeys' relying party).",
    ],
    [['--rp-id', 'example.com'], "Error: --rp-id only applies with --passwordless (the passkeys' relying party)."],
    [
      ['--passwordless', '--rp-id', '127.0.0.1'],
      'Error: --rp-id "127.0.0.1" is not a domain name; passkeys are bound to one, e.g. rides.example.com (localhost for local use).',
    ],
    [
      ['--passwordless', '--site-url', 'http://rides.example.com'],
      'Error: --site-url "http://rides.example.com" must be an https:// URL (browsers offer passkeys only there and on localhost).',
    ],
    [
      ['--passwordless', '--site-url', 'rides'],
      'Error: --site-url "rides" is not a URL; expected e.g. https://rides.example.com.',
    ],
    [
      ['--passwordless', '--site-url', 'https://rides.example.com', '--rp-id', 'other.com'],
      'Error: --rp-id other.com does not fit --site-url https://rides.example.com: it must be rides.example.com or a domain it belongs to.',
    ],
  ])('%j', async (argv, line) => {
    expect(await main(argv, h.deps)).toBe(2);
    expect(h.stderr).toEqual([line]);
    expect(cognito.calls()).toHaveLength(0);
  });

  it('--passwordless for a new pool without the site: exit 2 before any write', async () => {
    expect(await main(['--passwordless'], h.deps)).toBe(2);
    expect(h.stderr).toEqual([
      "Error: --passwordless needs the site's domain for passkeys: pass --site-url https://<your site> (or --rp-id <domain>).",
    ]);
    expect(writes()).toEqual([]);
  });

  it('http://localhost is a site passkeys work on', async () => {
    expect(await main(['--passwordless', '--site-url', 'http://localhost:5173/', '--dry-run'], h.deps)).toBe(0);
    expect(h.stdout).toContain('MFA config:  would set OPTIONAL with an authenticator app; passkeys for localhost');
  });
});

it('--pool-id: the output names the pool by its own name', async () => {
  const pool = fake.addRiderPool({ Name: 'Riders2026' });
  expect(await main(['--pool-id', pool.Id!], h.deps)).toBe(0);
  expect(h.stdout[1]).toBe(`User pool:   Riders2026 ${pool.Id} (reused)`);
});
