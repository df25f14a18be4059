// RS256 ID and access tokens as Cognito issues them (claims: docs/cognito.md §4), signed with the
// pool's two keys (signing-keys.ts).

import { randomUUID } from 'node:crypto';
import type { JWK, JWTPayload } from 'jose';
import { errors, jwtVerify, SignJWT } from 'jose';
import { BOOLEAN_ATTRIBUTES, inSchema } from './attributes.ts';
import type { Clock } from './clock.ts';
import type { SigningKey, TokenKeys } from './signing-keys.ts';

export type { Clock } from './clock.ts';

export type TokenErrorKind = 'expired' | 'invalid';

export class TokenError extends Error {
  readonly kind: TokenErrorKind;
  constructor(kind: TokenErrorKind, message: string) {
    super(message);
    this.name = 'TokenError';
    this.kind = kind;
  }
}

const DEFAULT_SCOPE = 'aws.cognito.signin.user.admin';

interface CommonClaimsInput {
  iss: string;
  clientId: string;
  sub: string;
  username: string;
  /** Epoch seconds of the original sign-in (kept across refreshes). */
  authTime: number;
  originJti: string;
  eventId: string;
  lifetimeSeconds: number;
  groups?: string[];
}

export interface IdTokenInput extends CommonClaimsInput {
  attributes: Record<string, string>;
}

export interface AccessTokenInput extends CommonClaimsInput {
  scope?: string;
  /** The sign-in's device key, when the pool tracks devices (the `device_key` claim). */
  deviceKey?: string;
}

/** The claims both kinds of token carry. */
interface VerifiedClaims extends JWTPayload {
  sub: string;
  iss: string;
  auth_time: number;
  iat: number;
  exp: number;
  jti: string;
  origin_jti: string;
  event_id: string;
  'cognito:groups'?: string[];
}

export interface VerifiedAccessToken extends VerifiedClaims {
  client_id: string;
  token_use: 'access';
  scope: string;
  username: string;
}

export interface VerifiedIdToken extends VerifiedClaims {
  aud: string;
  token_use: 'id';
  'cognito:username': string;
  [attribute: string]: unknown;
}

export interface TokenIssuer {
  /** Public keys only, as served at /<poolId>/.well-known/jwks.json. */
  jwks(): { keys: JWK[] };
  issueIdToken(c: IdTokenInput): Promise<string>;
  issueAccessToken(c: AccessTokenInput): Promise<string>;
  /** Throws TokenError: 'expired' for a genuine but expired access token, 'invalid' for anything else. */
  verifyAccessToken(token: string, expectedIss?: string): Promise<VerifiedAccessToken>;
  /** Same checks for an ID token (its own key, token_use 'id', and the audience when given). */
  verifyIdToken(token: string, expectedIss?: string, expectedAudience?: string): Promise<VerifiedIdToken>;
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`token claim ${name} must be a non-empty string`);
  return value;
}

function requireSeconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer number of seconds`);
  }
  return value;
}

function groupsClaim(groups: string[] | undefined): { 'cognito:groups'?: string[] } {
  if (groups === undefined || groups.length === 0) return {};
  return { 'cognito:groups': groups.map((g) => requireString(g, 'cognito:groups')) };
}

function tokenAttributes(attributes: Record<string, string>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value !== 'string') continue;
    // sub is a claim of its own; anything outside the schema never reaches a token.
    if (name === 'sub' || !inSchema(name)) continue;
    out[name] = BOOLEAN_ATTRIBUTES.has(name) ? value.toLowerCase() === 'true' : value;
  }
  return out;
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isGroups = (v: unknown): boolean =>
  v === undefined || (Array.isArray(v) && v.every((g) => typeof g === 'string'));

/** The claims both token types carry, as Cognito issues them (docs/cognito.md §4). */
const hasCommonClaims = (p: Record<string, unknown>): boolean =>
  isStr(p.sub) &&
  isStr(p.iss) &&
  isStr(p.jti) &&
  isStr(p.origin_jti) &&
  isStr(p.event_id) &&
  isInt(p.iat) &&
  isInt(p.exp) &&
  isInt(p.auth_time) &&
  isGroups(p['cognito:groups']);

export function createTokenIssuer(keys: TokenKeys, clock: Clock): TokenIssuer {
  const publicKeys = [keys.id.publicJwk, keys.access.publicJwk];

  function times(lifetimeSeconds: number): { iat: number; exp: number } {
    const life = requireSeconds(lifetimeSeconds, 'lifetimeSeconds');
    if (life === 0) throw new TypeError('lifetimeSeconds must be positive');
    const iat = Math.floor(clock.now() / 1000);
    return { iat, exp: iat + life };
  }

  function sign(payload: JWTPayload, key: SigningKey): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
  }

  async function verify(
    token: string,
    key: SigningKey,
    expectedIss: string | undefined,
    audience?: string,
  ): Promise<JWTPayload> {
    if (typeof token !== 'string' || token === '') throw new TokenError('invalid', 'missing token');
    try {
      const { payload, protectedHeader } = await jwtVerify(token, key.publicKey, {
        algorithms: ['RS256'],
        currentDate: new Date(clock.now()),
        ...(expectedIss !== undefined ? { issuer: expectedIss } : {}),
        ...(audience !== undefined ? { audience } : {}),
      });
      if (protectedHeader.kid !== key.kid) throw new TokenError('invalid', 'unexpected key id');
      return payload;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof errors.JWTExpired) throw new TokenError('expired', 'token has expired');
      throw new TokenError('invalid', `invalid token (${(err as Error).message})`);
    }
  }

  return {
    jwks: () => ({ keys: publicKeys.map((k) => ({ ...k })) }),

    async issueIdToken(c) {
      const { iat, exp } = times(c.lifetimeSeconds);
      const payload: JWTPayload = {
        sub: requireString(c.sub, 'sub'),
        ...groupsClaim(c.groups),
        ...tokenAttributes(c.attributes),
        iss: requireString(c.iss, 'iss'),
        'cognito:username': requireString(c.username, 'cognito:username'),
        origin_jti: requireString(c.originJti, 'origin_jti'),
        aud: requireString(c.clientId, 'aud'),
        event_id: requireString(c.eventId, 'event_id'),
        token_use: 'id',
        auth_time: requireSeconds(c.authTime, 'authTime'),
        exp,
        iat,
        jti: randomUUID(),
      };
      return sign(payload, keys.id);
    },

    async issueAccessToken(c) {
      const { iat, exp } = times(c.lifetimeSeconds);
      const payload: JWTPayload = {
        sub: requireString(c.sub, 'sub'),
        ...groupsClaim(c.groups),
        iss: requireString(c.iss, 'iss'),
        client_id: requireString(c.clientId, 'client_id'),
        ...(c.deviceKey === undefined ? {} : { device_key: requireString(c.deviceKey, 'device_key') }),
        origin_jti: requireString(c.originJti, 'origin_jti'),
        event_id: requireString(c.eventId, 'event_id'),
        token_use: 'access',
        scope: c.scope === undefined ? DEFAULT_SCOPE : requireString(c.scope, 'scope'),
        auth_time: requireSeconds(c.authTime, 'authTime'),
        exp,
        iat,
        jti: randomUUID(),
        username: requireString(c.username, 'username'),
      };
      return sign(payload, keys.access);
    },

    async verifyAccessToken(token, expectedIss) {
      const p = await verify(token, keys.access, expectedIss);
      const ok =
        p.token_use === 'access' &&
        hasCommonClaims(p) &&
        isStr(p.client_id) &&
        isStr(p.username) &&
        isStr(p.scope) &&
        p.aud === undefined;
      if (!ok) throw new TokenError('invalid', 'not a Cognito access token');
      return p as VerifiedAccessToken;
    },

    async verifyIdToken(token, expectedIss, expectedAudience) {
      const p = await verify(token, keys.id, expectedIss, expectedAudience);
      const ok = p.token_use === 'id' && hasCommonClaims(p) && isStr(p.aud) && isStr(p['cognito:username']);
      if (!ok) throw new TokenError('invalid', 'not a Cognito ID token');
      return p as VerifiedIdToken;
    },
  };
}
