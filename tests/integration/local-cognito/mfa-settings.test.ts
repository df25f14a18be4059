// The pool's MFA settings over the raw wire (validation, omitted members kept, the echoed
// WebAuthnConfiguration, CreateUserPool's SMS rule), and durability: the authenticator secret, its
// replay guard and the pool's settings survive a restart on the same data directory (the journal).
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../local-cognito/index.ts';
import { call, expectCognitoError, ok } from './pool-kit.ts';
import { type RawPool, startRawPool } from './raw-pool.ts';

const clock = createFakeClock(Math.floor(Date.UTC(2026, 7, 1) / 30_000) * 30_000 + 1_000);
const codeFor = (secret: string, at = clock.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
let p: RawPool;

beforeAll(async () => {
  p = await startRawPool('mfa-settings', clock);
});
afterAll(async () => {
  await p?.close();
});

describe('pool MFA settings', () => {
  it('SetUserPoolMfaConfig validates, keeps what is left out, and echoes WebAuthnConfiguration', async () => {
    const created = await ok(p.url, 'CreateUserPool', { PoolName: 'mfa-settings' });
    const poolId = (created.UserPool as { Id: string; MfaConfiguration: string }).Id;
    expect((created.UserPool as { MfaConfiguration: string }).MfaConfiguration).toBe('OFF');
    expect(await ok(p.url, 'GetUserPoolMfaConfig', { UserPoolId: poolId })).toEqual({
      MfaConfiguration: 'OFF',
      SoftwareTokenMfaConfiguration: { Enabled: false },
    });
    expectCognitoError(
      await call(p.url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'MAYBE' }),
      'InvalidParameterException',
      400,
      "1 validation error detected: Value at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    );
    expectCognitoError(
      await call(p.url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'ON' }),
      'InvalidParameterException',
      400,
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    );
    expectCognitoError(
      await call(p.url, 'SetUserPoolMfaConfig', {
        UserPoolId: poolId,
        EmailMfaConfiguration: { Message: 'Your code is here' },
      }),
      'InvalidParameterException',
      400,
      'Message must contain the placeholder {####}.',
    );
    expectCognitoError(
      await call(p.url, 'SetUserPoolMfaConfig', { UserPoolId: 'us-east-1_Nope', MfaConfiguration: 'OFF' }),
      'ResourceNotFoundException',
      400,
      'User pool us-east-1_Nope does not exist.',
    );
    const webAuthn = { RelyingPartyId: 'localhost', UserVerification: 'preferred' };
    const set = await ok(p.url, 'SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      WebAuthnConfiguration: webAuthn,
    });
    expect(set).toEqual({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      // The pool's passkey settings (webauthn-config.ts): what was left out shows Cognito's default.
      WebAuthnConfiguration: { ...webAuthn, FactorConfiguration: 'SINGLE_FACTOR' },
    });
    // A later call that names only MfaConfiguration leaves the rest as it was.
    expect(await ok(p.url, 'SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'OPTIONAL' })).toEqual({
      ...set,
      MfaConfiguration: 'OPTIONAL',
    });
    const described = await ok(p.url, 'DescribeUserPool', { UserPoolId: poolId });
    expect((described.UserPool as { MfaConfiguration: string }).MfaConfiguration).toBe('OPTIONAL');
  });

  it('CreateUserPool refuses MFA ON or OPTIONAL without text messages, as Cognito does', async () => {
    expectCognitoError(
      await call(p.url, 'CreateUserPool', { PoolName: 'mfa-at-creation', MfaConfiguration: 'OPTIONAL' }),
      'InvalidParameterException',
      400,
      'SMS configuration and Auto verification for phone_number are required when MFA is required/optional',
    );
  });
});

describe('durability', () => {
  it('the authenticator, its last accepted code and the pool settings survive a restart', async () => {
    const { email, accessToken } = await p.signedInRider('durable');
    const { SecretCode } = (await ok(p.url, 'AssociateSoftwareToken', { AccessToken: accessToken })) as {
      SecretCode: string;
    };
    await ok(p.url, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: codeFor(SecretCode) });
    await ok(p.url, 'SetUserMFAPreference', {
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    clock.advance(30_000);
    const used = codeFor(SecretCode);
    const first = await p.passwordSignIn(email);
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answer = (Session: unknown, code: string) =>
      call(p.url, 'RespondToAuthChallenge', {
        ClientId: p.passwordClient,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
      });
    expect((await answer(first.Session, used)).status).toBe(200);

    await p.restart();
    const again = await p.passwordSignIn(email);
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
    expect(await ok(p.url, 'GetUserPoolMfaConfig', { UserPoolId: p.pool.poolId })).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
    });
    // Never in the mailbox (its page and JSON serve every message the pool sent).
    const mailbox = await fetch(`${p.url}mailbox.json`).then((r) => r.text());
    expect(mailbox).toContain(email);
    expect(mailbox).not.toContain(SecretCode);
  });
});
