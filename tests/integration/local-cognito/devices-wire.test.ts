// Device SRP on the wire (docs/cognito-mfa-passwordless.md §3.6–3.7): DEVICE_SRP_AUTH →
// DEVICE_PASSWORD_VERIFIER as raw JSON 1.1 calls, the client's math done by amazon-cognito-identity-js's
// own AuthenticationHelper; wrong proofs, wrong and reused sessions, both verifier shapes. Sign-ins use
// USER_PASSWORD_AUTH on a test client, which carries DEVICE_KEY in AuthParameters.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSrpTimestamp } from '../../../local-cognito/srp.ts';
import { type DeviceSecret, deviceClient, deviceSecret } from './device-kit.ts';
import { expectRawError, type Harness, startHarness } from './harness.ts';
import { ok, PASSWORD, uniqueEmail } from './pool-kit.ts';

let h: Harness;
let clientId: string;

beforeAll(async () => {
  h = await startHarness();
  const created = await ok(h.url, 'CreateUserPoolClient', {
    UserPoolId: h.poolId,
    ClientName: 'device-wire',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  clientId = (created.UserPoolClient as { ClientId: string }).ClientId;
});
afterAll(() => h.close());

const claims = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;

const passwordSignIn = (email: string, deviceKey?: string) =>
  h.call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: email, PASSWORD, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
  });

const respond = (ChallengeName: string, ChallengeResponses: Record<string, string>, Session?: string) =>
  h.call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName, ChallengeResponses, Session });

interface Remembered {
  email: string;
  sub: string;
  key: string;
  groupKey: string;
  secret: DeviceSecret;
}

/** A rider whose first sign-in's device is confirmed with a verifier of this shape and remembered. */
async function rememberedRider(tag: string, shape: 'padded' | 'plain'): Promise<Remembered> {
  const email = uniqueEmail(tag);
  const sub = await h.registerConfirmed(email, PASSWORD);
  const first = await passwordSignIn(email);
  expect(first.status).toBe(200);
  const result = first.body.AuthenticationResult as {
    AccessToken: string;
    NewDeviceMetadata: { DeviceKey: string; DeviceGroupKey: string };
  };
  const { DeviceKey: key, DeviceGroupKey: groupKey } = result.NewDeviceMetadata;
  const secret = deviceSecret(groupKey, key, shape);
  const confirmed = await h.call('ConfirmDevice', {
    AccessToken: result.AccessToken,
    DeviceKey: key,
    DeviceSecretVerifierConfig: secret.config,
    DeviceName: 'Test phone',
  });
  expect(confirmed.body).toEqual({ UserConfirmationNecessary: true });
  const remembered = await h.call('UpdateDeviceStatus', {
    AccessToken: result.AccessToken,
    DeviceKey: key,
    DeviceRememberedStatus: 'remembered',
  });
  expect(remembered.status).toBe(200);
  return { email, sub, key, groupKey, secret };
}

/** The password step with the device's key: the DEVICE_SRP_AUTH challenge and its Session. */
async function deviceChallenge(r: Remembered): Promise<string> {
  const res = await passwordSignIn(r.email, r.key);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toEqual({ ChallengeName: 'DEVICE_SRP_AUTH', Session: expect.any(String), ChallengeParameters: {} });
  return res.body.Session as string;
}

/** DEVICE_SRP_AUTH answered: the reply's parameters and Session, and the client to prove with. */
async function verifierStep(r: Remembered, randomPassword = r.secret.randomPassword) {
  const session = await deviceChallenge(r);
  const client = await deviceClient(r.groupKey, r.key, randomPassword);
  const res = await respond('DEVICE_SRP_AUTH', { USERNAME: r.sub, DEVICE_KEY: r.key, SRP_A: client.A }, session);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
  const params = res.body.ChallengeParameters as Record<string, string>;
  return { firstSession: session, session: res.body.Session as string, params, client };
}

const now = () => formatSrpTimestamp(new Date());

describe('DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER', () => {
  it.each(['padded', 'plain'] as const)(
    'signs in with a %s device verifier: tokens, no new device key',
    async (shape) => {
      const r = await rememberedRider(`wire-${shape}`, shape);
      const { session, params, client } = await verifierStep(r);
      expect(params).toEqual({
        SALT: Buffer.from(r.secret.config.Salt, 'base64').toString('hex'),
        SRP_B: expect.stringMatching(/^[0-9a-f]{768}$/),
        SECRET_BLOCK: expect.any(String),
        USERNAME: r.sub,
        DEVICE_KEY: r.key,
      });
      const res = await respond('DEVICE_PASSWORD_VERIFIER', await client.proof(params, now()), session);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const result = res.body.AuthenticationResult as Record<string, string>;
      expect(Object.keys(result).sort()).toEqual(['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType']);
      expect(claims(result.AccessToken as string).device_key).toBe(r.key);
    },
  );

  it('refuses a wrong proof, and the Session is then spent', async () => {
    const r = await rememberedRider('wire-wrong', 'plain');
    const { session, params, client } = await verifierStep(r);
    const good = await client.proof(params, now());
    const flipped = Buffer.from(good.PASSWORD_CLAIM_SIGNATURE as string, 'base64');
    flipped[0] = (flipped[0] as number) ^ 1;
    const wrong = { ...good, PASSWORD_CLAIM_SIGNATURE: flipped.toString('base64') };
    expectRawError(
      await respond('DEVICE_PASSWORD_VERIFIER', wrong, session),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    expectRawError(
      await respond('DEVICE_PASSWORD_VERIFIER', good, session),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
  });

  it('refuses a proof made with another device secret', async () => {
    const r = await rememberedRider('wire-secret', 'plain');
    const other = deviceSecret(r.groupKey, r.key, 'padded').randomPassword;
    const { session, params, client } = await verifierStep(r, other);
    expectRawError(
      await respond('DEVICE_PASSWORD_VERIFIER', await client.proof(params, now()), session),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
  });

  it('requires the Session of the step before: missing, reused, or from the other step', async () => {
    const r = await rememberedRider('wire-session', 'plain');
    const client = await deviceClient(r.groupKey, r.key, r.secret.randomPassword);
    const answer = { USERNAME: r.sub, DEVICE_KEY: r.key, SRP_A: client.A };
    expectRawError(
      await respond('DEVICE_SRP_AUTH', answer),
      'InvalidParameterException',
      'Missing required parameter Session',
    );
    const { firstSession, session, params } = await verifierStep(r);
    const expired = 'Invalid session for the user, session is expired.';
    // DEVICE_SRP_AUTH's Session is single use, and is not DEVICE_PASSWORD_VERIFIER's.
    expectRawError(await respond('DEVICE_SRP_AUTH', answer, firstSession), 'NotAuthorizedException', expired);
    const proof = await client.proof(params, now());
    expectRawError(await respond('DEVICE_PASSWORD_VERIFIER', proof, firstSession), 'NotAuthorizedException', expired);
    // Nor does DEVICE_PASSWORD_VERIFIER's Session answer DEVICE_SRP_AUTH.
    expectRawError(await respond('DEVICE_SRP_AUTH', answer, session), 'NotAuthorizedException', expired);
  });

  it('refuses another device key or user in the answer, and malformed answers', async () => {
    const r = await rememberedRider('wire-mismatch', 'plain');
    const other = await rememberedRider('wire-other', 'plain');
    const client = await deviceClient(r.groupKey, r.key, r.secret.randomPassword);
    const wrongKey = { USERNAME: r.sub, DEVICE_KEY: other.key, SRP_A: client.A };
    expectRawError(
      await respond('DEVICE_SRP_AUTH', wrongKey, await deviceChallenge(r)),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const wrongUser = { USERNAME: other.sub, DEVICE_KEY: r.key, SRP_A: client.A };
    expectRawError(
      await respond('DEVICE_SRP_AUTH', wrongUser, await deviceChallenge(r)),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const zeroA = { USERNAME: r.sub, DEVICE_KEY: r.key, SRP_A: '0' };
    expectRawError(
      await respond('DEVICE_SRP_AUTH', zeroA, await deviceChallenge(r)),
      'InvalidParameterException',
      'SRP_A is not a valid SRP public value.',
    );
    expectRawError(
      await respond('DEVICE_SRP_AUTH', { USERNAME: r.sub, DEVICE_KEY: r.key }, await deviceChallenge(r)),
      'InvalidParameterException',
      'Missing required parameter SRP_A',
    );
  });

  it('a key that is not the rider’s device is refused at the password step: ResourceNotFoundException', async () => {
    const r = await rememberedRider('wire-unknown', 'plain');
    const other = await rememberedRider('wire-unknown-other', 'plain');
    expectRawError(await passwordSignIn(r.email, other.key), 'ResourceNotFoundException', 'Device does not exist.');
    expectRawError(
      await passwordSignIn(r.email, 'us-east-1_00000000-0000-4000-8000-000000000000'),
      'ResourceNotFoundException',
      'Device does not exist.',
    );
  });
});
