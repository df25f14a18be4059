// local-cognito/signing-keys.ts and tokens.ts: keys persisted in the data directory, claims as Cognito issues them,
// verified with jose against the published JWKS, and the access-token check the pool's actions use.

import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenKeys } from '../../../local-cognito/signing-keys.ts';
import { loadOrCreateKeys, SIGNING_KEYS_FILE } from '../../../local-cognito/signing-keys.ts';
import type { Clock, TokenIssuer } from '../../../local-cognito/tokens.ts';
import { createTokenIssuer, TokenError } from '../../../local-cognito/tokens.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const POOL_ID = 'us-east-1_AbC123xyz';
const ISS = `http://127.0.0.1:9229/${POOL_ID}`;
const CLIENT_ID = '3c689eqc0nhl7cansolh5bnr7o';
const SUB = 'b1f3c0de-1234-4abc-8def-0123456789ab';
const ORIGIN_JTI = '0f8e4c2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const EVENT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

function fakeClock(start: number): Clock & { set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
  };
}

const T0 = Date.UTC(2026, 0, 15, 10, 30, 0) + 789; // sub-second part must be dropped from iat
const T0_SECONDS = Math.floor(T0 / 1000);

const common = {
  iss: ISS,
  clientId: CLIENT_ID,
  sub: SUB,
  username: SUB,
  authTime: T0_SECONDS - 120,
  originJti: ORIGIN_JTI,
  eventId: EVENT_ID,
  lifetimeSeconds: 3600,
};

function expectTokenError(kind: 'expired' | 'invalid') {
  return expect.objectContaining({ name: 'TokenError', kind });
}

let dir: string;
let keys: TokenKeys;
let clock: ReturnType<typeof fakeClock>;
let issuer: TokenIssuer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-cognito-tokens-'));
  keys = await loadOrCreateKeys(join(dir, 'data'));
  clock = fakeClock(T0);
  issuer = createTokenIssuer(keys, clock);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('signing keys on disk', () => {
  it('creates signing-keys.json with mode 0600 and reuses it on the next start', async () => {
    const path = join(dir, 'data', SIGNING_KEYS_FILE);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as Record<
      string,
      { kid: string; privateJwk: Record<string, string> }
    >;
    expect(onDisk.id!.kid).toBe(keys.id.kid);
    expect(onDisk.access!.kid).toBe(keys.access.kid);
    expect(onDisk.id!.privateJwk.d).toEqual(expect.any(String));
    expect(await readdir(join(dir, 'data'))).toEqual([SIGNING_KEYS_FILE]); // no temp files left

    const again = await loadOrCreateKeys(join(dir, 'data'));
    expect(again.id.publicJwk).toEqual(keys.id.publicJwk);
    expect(again.access.publicJwk).toEqual(keys.access.publicJwk);

    // A token issued before the "restart" verifies after it.
    const token = await issuer.issueAccessToken(common);
    const restarted = createTokenIssuer(again, clock);
    await expect(restarted.verifyAccessToken(token)).resolves.toMatchObject({ sub: SUB });
  });

  it('gives two racing first starts the same keys', async () => {
    const raceDir = join(dir, 'race');
    const [a, b] = await Promise.all([loadOrCreateKeys(raceDir), loadOrCreateKeys(raceDir)]);
    expect(a.id.kid).toBe(b.id.kid);
    expect(a.access.kid).toBe(b.access.kid);
    expect((await loadOrCreateKeys(raceDir)).id.kid).toBe(a.id.kid);
    expect(await readdir(raceDir)).toEqual([SIGNING_KEYS_FILE]);
  });

  it('tightens a too-open file to 0600 and refuses a corrupt file without overwriting it', async () => {
    const path = join(dir, 'data', SIGNING_KEYS_FILE);
    await chmod(path, 0o644);
    await loadOrCreateKeys(join(dir, 'data'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const badDir = join(dir, 'bad');
    await loadOrCreateKeys(badDir);
    const badPath = join(badDir, SIGNING_KEYS_FILE);
    await writeFile(badPath, '{"version":1,"id":');
    await expect(loadOrCreateKeys(badDir)).rejects.toThrow(/signing-keys\.json/);
    await writeFile(badPath, JSON.stringify({ version: 1, id: { kid: 'x', privateJwk: { kty: 'oct', k: 'AAAA' } } }));
    await expect(loadOrCreateKeys(badDir)).rejects.toThrow(/not an RSA private JWK/);
    expect(await readFile(badPath, 'utf8')).toContain('"oct"');
  });
});

describe('JWKS', () => {
  it('publishes exactly the two public keys, with different kids and no private parts', () => {
    const { keys: published } = issuer.jwks();
    expect(published).toHaveLength(2);
    for (const k of published) {
      expect(Object.keys(k).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(k).toMatchObject({ alg: 'RS256', e: 'AQAB', kty: 'RSA', use: 'sig' });
      expect(Buffer.from(k.n!, 'base64url').length).toBe(256);
      for (const priv of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']) expect(k).not.toHaveProperty(priv);
      expect(k.kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    expect(published.map((k) => k.kid).sort()).toEqual([keys.id.kid, keys.access.kid].sort());
    expect(keys.id.kid).not.toBe(keys.access.kid);
    // Callers cannot mutate the published set.
    published[0]!.kid = 'changed';
    expect(issuer.jwks().keys.map((k) => k.kid)).not.toContain('changed');
  });
});

describe('ID tokens', () => {
  it('carry Cognito claims and user attributes, verify against the JWKS, header {kid, alg}', async () => {
    const token = await issuer.issueIdToken({
      ...common,
      attributes: {
        sub: 'not-the-sub',
        email: 'rider@example.com',
        email_verified: 'true',
        phone_number: '+15555550100',
        phone_number_verified: 'false',
        name: 'Ride R',
        'custom:tier': 'gold',
        password: 'should-never-appear',
        'dev:internal': 'hidden',
        iss: 'https://evil.example',
      },
    });
    expect(token.split('.')).toHaveLength(3);
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({ kid: keys.id.kid, alg: 'RS256' });

    const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
      currentDate: new Date(T0),
      issuer: ISS,
      audience: CLIENT_ID,
    });
    expect(payload).toEqual({
      sub: SUB,
      email: 'rider@example.com',
      email_verified: true,
      phone_number: '+15555550100',
      phone_number_verified: false,
      name: 'Ride R',
      'custom:tier': 'gold',
      iss: ISS,
      'cognito:username': SUB,
      origin_jti: ORIGIN_JTI,
      aud: CLIENT_ID,
      event_id: EVENT_ID,
      token_use: 'id',
      auth_time: T0_SECONDS - 120,
      exp: T0_SECONDS + 3600,
      iat: T0_SECONDS,
      jti: expect.stringMatching(UUID),
    });
    const again = await issuer.issueIdToken({ ...common, attributes: {} });
    const second = await issuer.verifyIdToken(again, ISS, CLIENT_ID);
    expect(second.jti).not.toBe(payload.jti);
    expect(second).not.toHaveProperty('cognito:groups');
    expect(second).not.toHaveProperty('email');
  });

  it('include cognito:groups only when the user has groups', async () => {
    const withGroups = await issuer.verifyIdToken(
      await issuer.issueIdToken({ ...common, attributes: {}, groups: ['riders', 'ops'] }),
    );
    expect(withGroups['cognito:groups']).toEqual(['riders', 'ops']);
    const empty = await issuer.verifyIdToken(await issuer.issueIdToken({ ...common, attributes: {}, groups: [] }));
    expect(empty).not.toHaveProperty('cognito:groups');
  });

  it('are refused by verifyIdToken for another audience and by verifyAccessToken always', async () => {
    const token = await issuer.issueIdToken({ ...common, attributes: { email: 'a@b.co' } });
    await expect(issuer.verifyIdToken(token, ISS, 'someotherclient')).rejects.toEqual(expectTokenError('invalid'));
    await expect(issuer.verifyAccessToken(token)).rejects.toEqual(expectTokenError('invalid'));
    await expect(issuer.verifyAccessToken(token)).rejects.toBeInstanceOf(TokenError);
  });
});

describe('access tokens', () => {
  it('carry Cognito claims, no aud, the default scope, and are signed by the access key', async () => {
    const token = await issuer.issueAccessToken(common);
    expect(decodeProtectedHeader(token)).toEqual({ kid: keys.access.kid, alg: 'RS256' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
      currentDate: new Date(T0),
      issuer: ISS,
    });
    expect(payload).toEqual({
      sub: SUB,
      iss: ISS,
      client_id: CLIENT_ID,
      origin_jti: ORIGIN_JTI,
      event_id: EVENT_ID,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: T0_SECONDS - 120,
      exp: T0_SECONDS + 3600,
      iat: T0_SECONDS,
      jti: expect.stringMatching(UUID),
      username: SUB,
    });
    const verified = await issuer.verifyAccessToken(token, ISS);
    expect(verified).toEqual(payload);

    const scoped = await issuer.verifyAccessToken(
      await issuer.issueAccessToken({ ...common, scope: 'openid email', groups: ['riders'] }),
    );
    expect(scoped.scope).toBe('openid email');
    expect(scoped['cognito:groups']).toEqual(['riders']);
  });

  it('take iat and exp from the injected clock and expire by it', async () => {
    const start = Date.UTC(2030, 5, 1, 0, 0, 0);
    clock.set(start);
    try {
      const token = await issuer.issueAccessToken({ ...common, lifetimeSeconds: 300 });
      const claims = await issuer.verifyAccessToken(token);
      expect(claims.iat).toBe(start / 1000);
      expect(claims.exp).toBe(start / 1000 + 300);

      clock.set(start + 299_999);
      await expect(issuer.verifyAccessToken(token)).resolves.toMatchObject({ jti: claims.jti });
      clock.set(start + 300_000);
      await expect(issuer.verifyAccessToken(token)).rejects.toEqual(expectTokenError('expired'));
      clock.set(start + 86_400_000);
      await expect(issuer.verifyAccessToken(token)).rejects.toEqual(expectTokenError('expired'));
    } finally {
      clock.set(T0);
    }
  });

  it('are refused when tampered, from another key, for another issuer, unsigned or garbage', async () => {
    const token = await issuer.issueAccessToken(common);
    const [h, p, s] = token.split('.') as [string, string, string];

    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims.username = 'someone-else';
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expect(issuer.verifyAccessToken(tampered)).rejects.toEqual(expectTokenError('invalid'));

    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    await expect(issuer.verifyAccessToken(flipped)).rejects.toEqual(expectTokenError('invalid'));

    await expect(issuer.verifyAccessToken(token, 'http://127.0.0.1:9229/us-east-1_Other0000')).rejects.toEqual(
      expectTokenError('invalid'),
    );
    await expect(issuer.verifyAccessToken(token, ISS)).resolves.toMatchObject({ username: SUB });

    // Same claims and kid, signed by a stranger's key.
    const strangerKeys = await loadOrCreateKeys(join(dir, 'stranger'));
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ kid: keys.access.kid, alg: 'RS256' })
      .sign(strangerKeys.access.privateKey);
    await expect(issuer.verifyAccessToken(forged)).rejects.toEqual(expectTokenError('invalid'));

    const unsigned = new UnsecuredJWT({ ...claims, username: SUB }).encode();
    await expect(issuer.verifyAccessToken(unsigned)).rejects.toEqual(expectTokenError('invalid'));

    // Signed by the right key but not an access token (token_use, or a required claim missing).
    const notAccess = await new SignJWT({ ...claims, username: SUB, token_use: 'id' })
      .setProtectedHeader({ kid: keys.access.kid, alg: 'RS256' })
      .sign(keys.access.privateKey);
    await expect(issuer.verifyAccessToken(notAccess)).rejects.toEqual(expectTokenError('invalid'));
    const { client_id: _dropped, ...withoutClientId } = claims;
    const incomplete = await new SignJWT({ ...withoutClientId, username: SUB })
      .setProtectedHeader({ kid: keys.access.kid, alg: 'RS256' })
      .sign(keys.access.privateKey);
    await expect(issuer.verifyAccessToken(incomplete)).rejects.toEqual(expectTokenError('invalid'));

    for (const junk of ['', 'abc', 'a.b.c', `${h}.${p}`, `${token}.x`, 42 as unknown as string]) {
      await expect(issuer.verifyAccessToken(junk)).rejects.toEqual(expectTokenError('invalid'));
    }
  });

  it('are rejected by a tampered-then-expired check as invalid, not expired', async () => {
    const token = await issuer.issueAccessToken({ ...common, lifetimeSeconds: 60 });
    const [h, p, s] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims.exp = (claims.exp as number) - 3600;
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    await expect(issuer.verifyAccessToken(tampered)).rejects.toEqual(expectTokenError('invalid'));
  });

  it('refuse nonsensical inputs when issuing', async () => {
    await expect(issuer.issueAccessToken({ ...common, lifetimeSeconds: 0 })).rejects.toThrow(TypeError);
    await expect(issuer.issueAccessToken({ ...common, lifetimeSeconds: 1.5 })).rejects.toThrow(TypeError);
    await expect(issuer.issueAccessToken({ ...common, sub: '' })).rejects.toThrow(TypeError);
    await expect(issuer.issueIdToken({ ...common, attributes: {}, authTime: Number.NaN })).rejects.toThrow(TypeError);
  });
});
