// The client side of Cognito's USER_SRP_AUTH, computed exactly as amazon-cognito-identity-js does
// (src/AuthenticationHelper.js, src/CognitoUser.js, src/DateHelper.js), but with native modular
// exponentiation (OpenSSL through a node:crypto Diffie-Hellman object over N) instead of the
// library's JavaScript BigInteger: ~2 ms instead of ~190 ms per sign-in, so a load generator can
// keep a pool busy. Used by the bench; verified against the library's own math and the local pool
// in tests/integration/srp-client.test.ts.
import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';
import { formatSrpTimestamp, padHex, SRP_G, SRP_N } from '../local-cognito/srp';

const N_BUFFER = Buffer.from(SRP_N.toString(16), 'hex');
const HKDF_INFO = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);

// One DH context: node:crypto calls are synchronous, and each use sets the key before reading.
const dh = createDiffieHellman(N_BUFFER, Buffer.from([Number(SRP_G)]));

const big = (buf: Buffer): bigint => (buf.length === 0 ? 0n : BigInt(`0x${buf.toString('hex')}`));
function bytes(n: bigint): Buffer {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}
const mod = (n: bigint): bigint => ((n % SRP_N) + SRP_N) % SRP_N;

/** g^e mod N. */
function gPow(e: bigint): bigint {
  dh.setPrivateKey(bytes(e));
  return big(dh.generateKeys());
}

/** base^e mod N (base must not be 0, 1 or N-1: OpenSSL refuses those as peer keys). */
function modPow(base: bigint, e: bigint): bigint {
  dh.setPrivateKey(bytes(e));
  return big(dh.computeSecret(bytes(base)));
}

/** The library's hexHash(padHex(a) + padHex(b) + …) as a number. */
function hashPadded(...values: bigint[]): bigint {
  const h = createHash('sha256');
  for (const v of values) h.update(Buffer.from(padHex(v), 'hex'));
  return big(h.digest());
}

/** k = H(padHex(N) ‖ padHex(g)). */
export const K = hashPadded(SRP_N, SRP_G);

export interface SrpSession {
  /** Private a (the library draws 128 random bytes). */
  a: bigint;
  /** Public A = g^a mod N. */
  A: bigint;
  /** SRP_A exactly as the library sends it: A.toString(16), not padded. */
  srpA: string;
}

/** A fresh client key pair; `a` may be given for tests. */
export function startSrp(a: bigint = big(randomBytes(128))): SrpSession {
  for (;;) {
    const A = gPow(a);
    if (A % SRP_N !== 0n) return { a, A, srpA: A.toString(16) };
    a = big(randomBytes(128));
  }
}

/**
 * The 16-byte HMAC key: AuthenticationHelper.getPasswordAuthenticationKey(userIdForSrp, password, B, salt).
 * x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)); u = H(padHex(A) ‖ padHex(B));
 * S = (B − k·g^x)^(a + u·x) mod N; key = HKDF(ikm = padHex(S), salt = padHex(u), "Caldera Derived Key").
 */
export function passwordAuthenticationKey(
  session: SrpSession,
  poolName: string,
  userIdForSrp: string,
  password: string,
  B: bigint,
  salt: bigint,
  gxCache?: Map<string, bigint>,
): Buffer {
  if (B % SRP_N === 0n) throw new Error('B cannot be zero.');
  const u = hashPadded(session.A, B);
  if (u === 0n) throw new Error('U cannot be zero.');
  const userPasswordHash = createHash('sha256').update(`${poolName}${userIdForSrp}:${password}`, 'utf8').digest('hex');
  const x = big(createHash('sha256').update(Buffer.from(padHex(salt) + userPasswordHash, 'hex')).digest());
  // g^x depends only on the rider's salt and password: a load generator may remember it.
  const cacheKey = gxCache && x.toString(16);
  let gx = cacheKey === undefined ? undefined : gxCache!.get(cacheKey);
  if (gx === undefined) {
    gx = gPow(x);
    if (cacheKey !== undefined) gxCache!.set(cacheKey, gx);
  }
  const S = modPow(mod(B - K * gx), session.a + u * x);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  return createHmac('sha256', prk).update(HKDF_INFO).digest().subarray(0, 16);
}

export interface PasswordVerifierInput {
  userPoolId: string;
  /** ChallengeParameters of the PASSWORD_VERIFIER challenge. */
  challenge: { USER_ID_FOR_SRP: string; SRP_B: string; SALT: string; SECRET_BLOCK: string };
  password: string;
  now?: Date;
  /** Remembers g^x per rider across sign-ins (load generation); the server's work is unchanged. */
  gxCache?: Map<string, bigint>;
}

/** ChallengeResponses for RespondToAuthChallenge(PASSWORD_VERIFIER), as CognitoUser builds them. */
export function passwordVerifierResponses(session: SrpSession, input: PasswordVerifierInput): Record<string, string> {
  const poolName = input.userPoolId.split('_')[1] ?? '';
  const { USER_ID_FOR_SRP: userId, SRP_B, SALT, SECRET_BLOCK } = input.challenge;
  const key = passwordAuthenticationKey(session, poolName, userId, input.password, BigInt(`0x${SRP_B}`), BigInt(`0x${SALT}`), input.gxCache);
  const timestamp = formatSrpTimestamp(input.now ?? new Date());
  const signature = createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(Buffer.from(SECRET_BLOCK, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
  return {
    USERNAME: userId,
    PASSWORD_CLAIM_SECRET_BLOCK: SECRET_BLOCK,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: signature,
  };
}

// ---------------------------------------------------------------- over HTTP

export interface CognitoEndpoint {
  /** Base URL of the Cognito JSON API, e.g. http://127.0.0.1:9229/ */
  url: string;
  userPoolId: string;
  clientId: string;
}

export class CognitoCallError extends Error {
  constructor(readonly type: string, message: string) {
    super(`${type}: ${message}`);
    this.name = 'CognitoCallError';
  }
}

/** One Cognito JSON 1.1 call, as the library makes it (fetch, X-Amz-Target, no signature). */
export async function cognitoCall<T>(url: string, action: string, body: unknown): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const type = String(json.__type ?? res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`).split('#').pop()!;
    throw new CognitoCallError(type, String(json.message ?? json.Message ?? ''));
  }
  return json as T;
}

export interface SignInTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken: string;
  ExpiresIn: number;
}

export interface SignInOptions {
  /** A key pair made in advance (startSrp()); default: a fresh one. */
  session?: SrpSession;
  gxCache?: Map<string, bigint>;
}

/** A complete USER_SRP_AUTH sign-in: InitiateAuth, then RespondToAuthChallenge(PASSWORD_VERIFIER). */
export async function srpSignIn(
  endpoint: CognitoEndpoint,
  username: string,
  password: string,
  options: SignInOptions = {},
): Promise<SignInTokens> {
  const session = options.session ?? startSrp();
  const started = await cognitoCall<{ ChallengeName?: string; ChallengeParameters: PasswordVerifierInput['challenge']; Session?: string }>(
    endpoint.url, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: endpoint.clientId,
      AuthParameters: { USERNAME: username, SRP_A: session.srpA },
      ClientMetadata: {},
    },
  );
  if (started.ChallengeName !== 'PASSWORD_VERIFIER') throw new Error(`unexpected challenge ${started.ChallengeName}`);
  const answer = await cognitoCall<{ AuthenticationResult?: SignInTokens; ChallengeName?: string }>(
    endpoint.url, 'RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: endpoint.clientId,
      ChallengeResponses: passwordVerifierResponses(session, {
        userPoolId: endpoint.userPoolId,
        challenge: started.ChallengeParameters,
        password,
        ...(options.gxCache ? { gxCache: options.gxCache } : {}),
      }),
      ...(started.Session ? { Session: started.Session } : {}),
      ClientMetadata: {},
    },
  );
  if (!answer.AuthenticationResult) throw new Error(`sign-in ended with challenge ${answer.ChallengeName}`);
  return answer.AuthenticationResult;
}
