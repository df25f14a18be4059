// The bench's native SRP client (bench/srp-client.ts) computes exactly what amazon-cognito-identity-js
// computes, and signs in against the local pool.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoCallError, cognitoCall } from '../../bench/cognito-call.ts';
import { passwordVerifierResponses, srpSignIn, startSrp } from '../../bench/srp-client.ts';
import type { RunningLocalCognito } from '../../local-cognito/index.ts';
import { startLocalCognito } from '../../local-cognito/index.ts';
import { formatSrpTimestamp } from '../../local-cognito/srp.ts';
import { type AShape, clientSecretWithShape, fixedBytes } from './srp-inputs.ts';

// ---- the library's own client math (CommonJS build; not in its public typings) ----
interface ClientBigInteger {
  toString(radix: number): string;
}
type NodeCallback<T> = (err: Error | null, value: T) => void;
interface ClientAuthenticationHelper {
  smallAValue: ClientBigInteger;
  largeAValue: ClientBigInteger | undefined;
  getLargeAValue(cb: NodeCallback<ClientBigInteger>): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverBValue: ClientBigInteger,
    salt: ClientBigInteger,
    cb: NodeCallback<Uint8Array>,
  ): void;
}
const requireFromTest = createRequire(import.meta.url);
const helperPath = requireFromTest.resolve('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
const requireFromLibrary = createRequire(helperPath);
const AuthenticationHelper = (
  requireFromLibrary(helperPath) as { default: new (poolName: string) => ClientAuthenticationHelper }
).default;
const BigInteger = (
  requireFromLibrary('./BigInteger.js') as { default: new (value: string, radix: number) => ClientBigInteger }
).default;
const { Sha256 } = requireFromLibrary('@aws-crypto/sha256-js') as {
  Sha256: new (secret?: Uint8Array) => { update(data: Uint8Array): void; digestSync(): Uint8Array };
};

describe('bench/srp-client against the library’s AuthenticationHelper', () => {
  // One case per shape of A (padHex pads each differently), with the other inputs fixed too, so
  // every run checks the same values (srp-inputs.ts) and a difference found is found again.
  const shapes: AShape[] = ['odd', 'even', 'even-msb'];
  it.each([1, 2, 3])('derives the same A, key and PASSWORD_CLAIM_SIGNATURE (case %i)', (round) => {
    const userPoolId = 'us-east-1_LocalPool';
    const poolName = 'LocalPool';
    const hex = (label: string, bytes: number): string =>
      fixedBytes(`srp-client case ${round}/${label}`, bytes).toString('hex');
    const helper = new AuthenticationHelper(poolName);
    const chosen = clientSecretWithShape(shapes[round - 1]!);
    helper.smallAValue = new BigInteger(chosen.a.toString('hex'), 16);
    helper.largeAValue = undefined;
    let libraryA = '';
    helper.getLargeAValue((err, value) => {
      if (err) throw err;
      libraryA = value.toString(16);
    });
    const session = startSrp(BigInt(`0x${helper.smallAValue.toString(16)}`));
    expect(libraryA).toBe(chosen.A);
    expect(session.srpA).toBe(libraryA);

    // Any B in range will do for the math; odd-length and high-bit values exercise padHex.
    const challenge = {
      USER_ID_FOR_SRP: `user-${round}-${hex('user', 4)}`,
      SRP_B: (round === 1 ? '8' : '1') + hex('B', 383),
      SALT: round === 2 ? `f${hex('salt', 15)}` : hex('salt', 16),
      SECRET_BLOCK: fixedBytes(`srp-client case ${round}/block`, 60).toString('base64'),
    };
    const password = `Pässword-${round}-${hex('password', 3)}!`;
    let libraryKey: Uint8Array | undefined;
    helper.getPasswordAuthenticationKey(
      challenge.USER_ID_FOR_SRP,
      password,
      new BigInteger(challenge.SRP_B, 16),
      new BigInteger(challenge.SALT, 16),
      (err, key) => {
        if (err) throw err;
        libraryKey = key;
      },
    );
    const now = new Date(Date.UTC(2024, 2, 5, 9, 5, 3));
    const timestamp = formatSrpTimestamp(now);
    const hmac = new Sha256(libraryKey!);
    hmac.update(
      Buffer.concat([
        Buffer.from(poolName, 'utf8'),
        Buffer.from(challenge.USER_ID_FOR_SRP, 'utf8'),
        Buffer.from(challenge.SECRET_BLOCK, 'base64'),
        Buffer.from(timestamp, 'utf8'),
      ]),
    );
    const librarySignature = Buffer.from(hmac.digestSync()).toString('base64');

    expect(passwordVerifierResponses(session, { userPoolId, challenge, password, now })).toEqual({
      USERNAME: challenge.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
      TIMESTAMP: 'Tue Mar 5 09:05:03 UTC 2024',
      PASSWORD_CLAIM_SIGNATURE: librarySignature,
    });
  });
});

describe('bench/srp-client against the local pool', () => {
  let pool: RunningLocalCognito;
  let dataDir: string;
  const email = 'native-client@example.com';
  const password = 'Native-Client-1';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'srp-client-test-'));
    pool = await startLocalCognito({ dataDir, quiet: true });
    await cognitoCall(pool.url, 'SignUp', {
      ClientId: pool.clientId,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    await cognitoCall(pool.url, 'AdminConfirmSignUp', { UserPoolId: pool.poolId, Username: email });
  });
  afterAll(async () => {
    await pool?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs in with USER_SRP_AUTH and gets the rider’s tokens', async () => {
    const tokens = await srpSignIn(
      { url: pool.url, userPoolId: pool.poolId, clientId: pool.clientId },
      email,
      password,
    );
    const claims = JSON.parse(Buffer.from(tokens.IdToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ email, token_use: 'id', aud: pool.clientId });
    expect(tokens.RefreshToken).toBeTruthy();
    const user = await cognitoCall<{ UserAttributes: { Name: string; Value: string }[] }>(pool.url, 'GetUser', {
      AccessToken: tokens.AccessToken,
    });
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: email });
  });

  it('is refused with a wrong password, as the library would be', async () => {
    const attempt = srpSignIn(
      { url: pool.url, userPoolId: pool.poolId, clientId: pool.clientId },
      email,
      'Wrong-Password-1',
    );
    await expect(attempt).rejects.toBeInstanceOf(CognitoCallError);
    await expect(attempt).rejects.toMatchObject({ type: 'NotAuthorizedException' });
  });
});
