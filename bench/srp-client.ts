// The client side of Cognito's USER_SRP_AUTH, computed exactly as amazon-cognito-identity-js does
// (src/AuthenticationHelper.js, src/CognitoUser.js, src/DateHelper.js), but with native modular
// exponentiation instead of the library's JavaScript BigInteger: ~2 ms instead of ~190 ms per
// sign-in, so a load generator can keep a pool busy. The arithmetic (g^e and b^e mod N in OpenSSL,
// padHex hashing, x, the HKDF key) is the local pool's own (local-cognito/srp.ts): both sides of
// SRP share it, so there is one copy. Used by the bench; verified against the library's own math
// and the local pool in tests/integration/srp-client.test.ts.
import { createHmac, randomBytes } from 'node:crypto';
import type {
  AuthenticationResultType,
  InitiateAuthRequest,
  InitiateAuthResponse,
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  bigFromBuffer,
  bufferFromBig,
  computeX,
  deriveKey,
  formatSrpTimestamp,
  gPow,
  hashPadded,
  modPow,
  SRP_K,
  SRP_N,
} from '../local-cognito/srp.ts';
import type { CognitoTransport } from './cognito-call.ts';
import { cognitoCall } from './cognito-call.ts';

const mod = (n: bigint): bigint => ((n % SRP_N) + SRP_N) % SRP_N;

export interface SrpSession {
  /** Private a (the library draws 128 random bytes). */
  a: bigint;
  /** Public A = g^a mod N. */
  A: bigint;
  /** SRP_A exactly as the library sends it: A.toString(16), not padded. */
  srpA: string;
}

/** A fresh client key pair; `a` may be given for tests. */
export function startSrp(a: bigint = bigFromBuffer(randomBytes(128))): SrpSession {
  for (;;) {
    const A = gPow(bufferFromBig(a));
    if (A % SRP_N !== 0n) return { a, A, srpA: A.toString(16) };
    a = bigFromBuffer(randomBytes(128));
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
  const u = bigFromBuffer(hashPadded(session.A, B));
  if (u === 0n) throw new Error('U cannot be zero.');
  const xBytes = computeX(poolName, userIdForSrp, password, salt);
  // g^x depends only on the rider's salt and password: a load generator may remember it.
  const cacheKey = gxCache && xBytes.toString('hex');
  let gx = cacheKey === undefined ? undefined : gxCache!.get(cacheKey);
  if (gx === undefined) {
    gx = gPow(xBytes);
    if (cacheKey !== undefined) gxCache!.set(cacheKey, gx);
  }
  const x = bigFromBuffer(xBytes);
  const S = modPow(mod(B - SRP_K * gx), bufferFromBig(session.a + u * x));
  return deriveKey(S, u);
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
  const key = passwordAuthenticationKey(
    session,
    poolName,
    userId,
    input.password,
    BigInt(`0x${SRP_B}`),
    BigInt(`0x${SALT}`),
    input.gxCache,
  );
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

/** The tokens of a complete sign-in (Cognito's AuthenticationResult, all present). */
export type SignInTokens = Required<
  Pick<AuthenticationResultType, 'IdToken' | 'AccessToken' | 'RefreshToken' | 'ExpiresIn'>
>;

export interface SignInOptions {
  /** A key pair made in advance (startSrp()); default: a fresh one. */
  session?: SrpSession;
  gxCache?: Map<string, bigint>;
  /** The connections to use (a load generator's own, to count its retries); default: the bench's shared one. */
  transport?: CognitoTransport;
}

/** A complete USER_SRP_AUTH sign-in: InitiateAuth, then RespondToAuthChallenge(PASSWORD_VERIFIER). */
export async function srpSignIn(
  endpoint: CognitoEndpoint,
  username: string,
  password: string,
  options: SignInOptions = {},
): Promise<SignInTokens> {
  const session = options.session ?? startSrp();
  const call = options.transport ? options.transport.call.bind(options.transport) : cognitoCall;
  const initiate: InitiateAuthRequest = {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: endpoint.clientId,
    AuthParameters: { USERNAME: username, SRP_A: session.srpA },
    ClientMetadata: {},
  };
  const started = await call<InitiateAuthResponse>(endpoint.url, 'InitiateAuth', initiate);
  if (started.ChallengeName !== 'PASSWORD_VERIFIER') throw new Error(`unexpected challenge ${started.ChallengeName}`);
  const respond: RespondToAuthChallengeRequest = {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: endpoint.clientId,
    ChallengeResponses: passwordVerifierResponses(session, {
      userPoolId: endpoint.userPoolId,
      challenge: started.ChallengeParameters as PasswordVerifierInput['challenge'],
      password,
      ...(options.gxCache ? { gxCache: options.gxCache } : {}),
    }),
    ...(started.Session ? { Session: started.Session } : {}),
    ClientMetadata: {},
  };
  const answer = await call<RespondToAuthChallengeResponse>(endpoint.url, 'RespondToAuthChallenge', respond);
  const tokens = answer.AuthenticationResult;
  if (!tokens?.IdToken || !tokens.AccessToken || !tokens.RefreshToken || tokens.ExpiresIn === undefined) {
    throw new Error(`sign-in ended with challenge ${answer.ChallengeName}`);
  }
  return {
    IdToken: tokens.IdToken,
    AccessToken: tokens.AccessToken,
    RefreshToken: tokens.RefreshToken,
    ExpiresIn: tokens.ExpiresIn,
  };
}
