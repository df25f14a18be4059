// Drives local-cognito/srp.ts with the REAL client math of amazon-cognito-identity-js
// (AuthenticationHelper, BigInteger, DateHelper and @aws-crypto/sha256-js as the library loads them),
// replaying what CognitoUser.authenticateUserDefaultAuth does between InitiateAuth and
// RespondToAuthChallenge. Nothing of the library is mocked.

import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PasswordClaim } from '../../../local-cognito/srp.ts';
import {
  createVerifier,
  fakeSrpIdentity,
  formatSrpTimestamp,
  padHex,
  parseSrpTimestamp,
  SRP_K,
  SRP_N,
  SRP_N_BYTES,
  SrpError,
  startSrp,
  verifyPasswordClaim,
} from '../../../local-cognito/srp.ts';
import { type AShape, clientSecretWithShape, fixedBytes, nativeGPow, shapeOf } from '../srp-inputs.ts';

// ---- the library's own modules (CommonJS build; not part of its public typings) ----
interface ClientBigInteger {
  toString(radix: number): string;
}
type NodeCallback<T> = (err: Error | null, value: T) => void;
interface ClientAuthenticationHelper {
  smallAValue: ClientBigInteger;
  largeAValue: ClientBigInteger | undefined;
  UHexHash: string;
  getLargeAValue(cb: NodeCallback<ClientBigInteger>): void;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverBValue: ClientBigInteger,
    salt: ClientBigInteger,
    cb: NodeCallback<Uint8Array>,
  ): void;
  calculateU(A: ClientBigInteger, B: ClientBigInteger): ClientBigInteger;
  padHex(n: ClientBigInteger): string;
}
interface ClientSha256 {
  update(data: Uint8Array | string): void;
  digestSync(): Uint8Array;
}

const requireFromTest = createRequire(import.meta.url);
const helperPath = requireFromTest.resolve('amazon-cognito-identity-js/lib/AuthenticationHelper.js');
const requireFromLibrary = createRequire(helperPath);
const AuthenticationHelper = (
  requireFromLibrary(helperPath) as {
    default: new (poolName: string) => ClientAuthenticationHelper;
  }
).default;
const BigInteger = (
  requireFromLibrary('./BigInteger.js') as {
    default: new (value: string, radix: number) => ClientBigInteger;
  }
).default;
const DateHelper = (
  requireFromLibrary('./DateHelper.js') as {
    default: new () => { getNowString(): string };
  }
).default;
const { Sha256 } = requireFromLibrary('@aws-crypto/sha256-js') as {
  Sha256: new (secret?: Uint8Array) => ClientSha256;
};

// ---- the client's side, step by step as in CognitoUser.authenticateUserDefaultAuth ----
interface ClientSession {
  helper: ClientAuthenticationHelper;
  /** SRP_A exactly as the client sends it: aValue.toString(16). */
  A: string;
}

/** The library's client with its random `a` replaced by this one; it computes A itself. */
function clientStartWith(poolName: string, a: Buffer): ClientSession {
  const helper = new AuthenticationHelper(poolName);
  helper.smallAValue = new BigInteger(a.toString('hex'), 16);
  helper.largeAValue = undefined;
  const session = { helper, A: '' };
  helper.getLargeAValue((err, aValue) => {
    if (err) throw err;
    session.A = aValue.toString(16);
  });
  return session;
}

function clientStart(poolName: string): ClientSession {
  const helper = new AuthenticationHelper(poolName);
  let A = '';
  helper.getLargeAValue((err, aValue) => {
    if (err) throw err;
    A = aValue.toString(16);
  });
  return { helper, A };
}

/**
 * A client session whose `a` gives A the wanted shape (srp-inputs.ts: the same `a` on every run,
 * where random keys found the odd-length shape only by chance); the library computes A itself.
 */
function clientStartWithShape(poolName: string, shape: AShape): ClientSession {
  const { a, A } = clientSecretWithShape(shape);
  const session = clientStartWith(poolName, a);
  expect(session.A, 'the library computes the A of the chosen a').toBe(A);
  return session;
}

interface Challenge {
  USER_ID_FOR_SRP: string;
  SRP_B: string;
  SALT: string;
  SECRET_BLOCK: string;
}

/** Returns the ChallengeResponses the client would send (TIMESTAMP, PASSWORD_CLAIM_SIGNATURE). */
function clientClaim(
  session: ClientSession,
  poolName: string,
  password: string,
  challenge: Challenge,
  dateNow = new DateHelper().getNowString(),
): { TIMESTAMP: string; PASSWORD_CLAIM_SIGNATURE: string } {
  const serverBValue = new BigInteger(challenge.SRP_B, 16);
  const salt = new BigInteger(challenge.SALT, 16);
  let hkdf: Uint8Array | undefined;
  session.helper.getPasswordAuthenticationKey(challenge.USER_ID_FOR_SRP, password, serverBValue, salt, (err, key) => {
    if (err) throw err;
    hkdf = key;
  });
  if (hkdf === undefined) throw new Error('client produced no key');
  const concatBuffer = Buffer.concat([
    Buffer.from(poolName, 'utf8'),
    Buffer.from(challenge.USER_ID_FOR_SRP, 'utf8'),
    Buffer.from(challenge.SECRET_BLOCK, 'base64'),
    Buffer.from(dateNow, 'utf8'),
  ]);
  const awsCryptoHash = new Sha256(hkdf);
  awsCryptoHash.update(concatBuffer);
  const signatureString = Buffer.from(awsCryptoHash.digestSync()).toString('base64');
  return { TIMESTAMP: dateNow, PASSWORD_CLAIM_SIGNATURE: signatureString };
}

// ---- a whole sign-in: server stores a verifier, client and server run the exchange ----
const POOL_ID = 'us-east-1_AbC123xyz';
const POOL_NAME = POOL_ID.split('_')[1]!;
const USER_ID = '3f6c1b9e-2a44-4d1f-9b0e-7c5d8e2f1a60';
const PASSWORD = 'Correct-Horse-9';

interface Exchange {
  session: ClientSession;
  challenge: Challenge;
  claimBase: Omit<PasswordClaim, 'timestamp' | 'signature'>;
}

function exchange(opts: { salt?: Buffer; session?: ClientSession; password?: string; userId?: string } = {}): Exchange {
  const userId = opts.userId ?? USER_ID;
  const stored = createVerifier(POOL_NAME, userId, opts.password ?? PASSWORD, opts.salt);
  const session = opts.session ?? clientStart(POOL_NAME);
  const { B, b } = startSrp(stored.verifier, session.A);
  const challenge: Challenge = {
    USER_ID_FOR_SRP: userId,
    SRP_B: B,
    SALT: stored.salt,
    SECRET_BLOCK: randomBytes(50).toString('base64'),
  };
  return {
    session,
    challenge,
    claimBase: {
      poolName: POOL_NAME,
      userIdForSrp: userId,
      verifier: stored.verifier,
      A: session.A,
      B,
      b,
      secretBlock: challenge.SECRET_BLOCK,
    },
  };
}

function claimFor(x: Exchange, password: string, dateNow?: string): PasswordClaim {
  const r = clientClaim(x.session, POOL_NAME, password, x.challenge, dateNow);
  return { ...x.claimBase, timestamp: r.TIMESTAMP, signature: r.PASSWORD_CLAIM_SIGNATURE };
}

// One client key pair (a, A) is expensive in the library's JavaScript BigInteger; reuse it where
// the test is not about A itself. The library allows it: getPasswordAuthenticationKey can be rerun.
let sharedSession: ClientSession | undefined;
function shared(): ClientSession {
  sharedSession ??= clientStartWith(POOL_NAME, fixedBytes('shared session', 128));
  return sharedSession;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SRP against the real amazon-cognito-identity-js client math', () => {
  it('accepts the right password and refuses a wrong one, another pool, user, block or timestamp', () => {
    const x = exchange({ session: shared() });
    const good = claimFor(x, PASSWORD);
    expect(verifyPasswordClaim(good)).toBe(true);

    expect(verifyPasswordClaim(claimFor(x, 'Correct-Horse-8'))).toBe(false);
    expect(verifyPasswordClaim(claimFor(x, ''))).toBe(false);

    // The same signature checked against other inputs.
    expect(verifyPasswordClaim({ ...good, poolName: 'XyZ987abc' })).toBe(false);
    expect(verifyPasswordClaim({ ...good, userIdForSrp: 'ffffffff-2a44-4d1f-9b0e-7c5d8e2f1a60' })).toBe(false);
    const block = Buffer.from(good.secretBlock, 'base64');
    block[5] = block[5]! ^ 0x01;
    expect(verifyPasswordClaim({ ...good, secretBlock: block.toString('base64') })).toBe(false);
    const later = new Date(parseSrpTimestamp(good.timestamp)!.getTime() + 1000);
    expect(verifyPasswordClaim({ ...good, timestamp: formatSrpTimestamp(later) })).toBe(false);
    // Another server step (other b, B) for the same client claim.
    const again = startSrp(x.claimBase.verifier, x.session.A);
    expect(verifyPasswordClaim({ ...good, B: again.B, b: again.b })).toBe(false);
    // The untouched claim still verifies: the failures above are due to the changes alone.
    expect(verifyPasswordClaim(good)).toBe(true);
  });

  it('refuses a claim made by a client whose helper was built for another pool name', () => {
    const x = exchange();
    const wrongPool: ClientSession = (() => {
      const helper = new AuthenticationHelper('ZZZ999zzz');
      let A = '';
      helper.getLargeAValue((err, aValue) => {
        if (err) throw err;
        A = aValue.toString(16);
      });
      return { helper, A };
    })();
    // Server runs the exchange for the A this client sent.
    const { B, b } = startSrp(x.claimBase.verifier, wrongPool.A);
    const challenge = { ...x.challenge, SRP_B: B };
    const r = clientClaim(wrongPool, POOL_NAME, PASSWORD, challenge);
    const claim: PasswordClaim = {
      ...x.claimBase,
      A: wrongPool.A,
      B,
      b,
      timestamp: r.TIMESTAMP,
      signature: r.PASSWORD_CLAIM_SIGNATURE,
    };
    expect(verifyPasswordClaim(claim)).toBe(false);
  });

  it('gives a B the client accepts: width of N, nonzero mod N, fresh each time', () => {
    const stored = createVerifier(POOL_NAME, USER_ID, PASSWORD);
    const one = startSrp(stored.verifier, shared().A);
    const two = startSrp(stored.verifier, shared().A);
    expect(one.B).toMatch(/^[0-9a-f]{768}$/);
    expect(one.b).toMatch(/^[0-9a-f]{64}$/);
    expect(BigInt(`0x${one.B}`) % SRP_N).not.toBe(0n);
    expect(BigInt(`0x${one.B}`) < SRP_N).toBe(true);
    expect(one.B).not.toBe(two.B);
    expect(one.b).not.toBe(two.b);
  });

  it('handles every shape of A: odd length, even with and without a 00 prefix in padHex', () => {
    const shapes: AShape[] = ['even', 'even-msb', 'odd'];
    const wanted = new Map(shapes.map((shape) => [shape, clientStartWithShape(POOL_NAME, shape)]));
    expect([...wanted].map(([shape, session]) => [shape, shapeOf(session.A)])).toEqual(
      shapes.map((shape) => [shape, shape]),
    );
    for (const session of wanted.values()) {
      const x = exchange({ session });
      expect(verifyPasswordClaim(claimFor(x, PASSWORD))).toBe(true);
      expect(verifyPasswordClaim(claimFor(x, `${PASSWORD}x`))).toBe(false);
    }
  });

  it('handles salts with leading zero bytes and with the high bit set (padHex cases), and 24 more', () => {
    const edgeSalts = [
      `00${'11'.repeat(15)}`, // leading zero byte dropped, no 00 re-added
      `00${'ff'.repeat(15)}`, // leading zero byte dropped, 00 re-added by padHex
      `0000${'7f'.repeat(14)}`,
      `80${'00'.repeat(15)}`, // high bit: padHex adds 00
      'ff'.repeat(16),
      `0f${'ab'.repeat(15)}`, // odd-length BigInteger hex
      `${'00'.repeat(15)}01`,
    ].map((h) => Buffer.from(h, 'hex'));
    const salts = [...edgeSalts, ...Array.from({ length: 24 }, (_, i) => fixedBytes(`salt/${i}`, 16))];
    for (const salt of salts) {
      const x = exchange({ salt, session: shared() });
      expect(x.challenge.SALT).toBe(salt.toString('hex'));
      expect(verifyPasswordClaim(claimFor(x, PASSWORD)), `salt ${x.challenge.SALT}`).toBe(true);
    }
  });

  it('handles a u whose hash starts with a zero byte (padHex(u) is then 31 bytes in the HKDF)', () => {
    const session = shared();
    const stored = createVerifier(POOL_NAME, USER_ID, PASSWORD, fixedBytes('u salt', 16));
    // The server's step B = k·v + g^b for b from a fixed sequence, until u = H(padHex(A) | padHex(B))
    // has a zero top byte and a clear high bit after it (1 b in 512): the same b on every run.
    const A = BigInt(`0x${session.A}`);
    const kv = (SRP_K * BigInt(`0x${stored.verifier}`)) % SRP_N;
    let found: { B: string; b: string } | undefined;
    for (let i = 0; i < 20000 && found === undefined; i++) {
      const b = fixedBytes(`u with a zero top byte/${i}`, 32);
      const B = (kv + nativeGPow(b)) % SRP_N;
      const u = createHash('sha256')
        .update(Buffer.from(padHex(A) + padHex(B), 'hex'))
        .digest();
      if (u[0] === 0 && u[1]! < 0x80)
        found = { B: B.toString(16).padStart(SRP_N_BYTES * 2, '0'), b: b.toString('hex') };
    }
    expect(found).toBeDefined();
    const challenge: Challenge = {
      USER_ID_FOR_SRP: USER_ID,
      SRP_B: found!.B,
      SALT: stored.salt,
      SECRET_BLOCK: randomBytes(32).toString('base64'),
    };
    const r = clientClaim(session, POOL_NAME, PASSWORD, challenge);
    const claim: PasswordClaim = {
      poolName: POOL_NAME,
      userIdForSrp: USER_ID,
      verifier: stored.verifier,
      A: session.A,
      B: found!.B,
      b: found!.b,
      secretBlock: challenge.SECRET_BLOCK,
      timestamp: r.TIMESTAMP,
      signature: r.PASSWORD_CLAIM_SIGNATURE,
    };
    expect(session.helper.UHexHash, 'the client computed the same u').toMatch(/^00[0-7]/);
    expect(verifyPasswordClaim(claim)).toBe(true);
  });

  it('uses UTF-8 for the user id and password as the client does', () => {
    const x = exchange({ session: shared(), userId: 'jörg.ß', password: 'pässwörd-✓-密码' });
    expect(verifyPasswordClaim(claimFor(x, 'pässwörd-✓-密码'))).toBe(true);
    expect(verifyPasswordClaim(claimFor(x, 'passwörd-✓-密码'))).toBe(false);
  });

  it('matches the client padHex for edge values', () => {
    const helper = shared().helper;
    const values = [1n, 0x7fn, 0x80n, 0xffn, 0x100n, 0xabcn, SRP_N, SRP_N - 1n, 2n ** 255n, 2n ** 256n - 1n];
    for (let i = 0; i < 20; i++)
      values.push(BigInt(`0x${fixedBytes(`padHex/${i}`, 1 + (i % 40)).toString('hex')}`) + 1n);
    for (const v of values) {
      expect(padHex(v)).toBe(helper.padHex(new BigInteger(v.toString(16), 16)));
    }
  });
});

describe('startSrp input checks', () => {
  const { verifier } = createVerifier(POOL_NAME, USER_ID, PASSWORD);

  it('rejects A ≡ 0 mod N', () => {
    for (const A of ['0', '00', SRP_N.toString(16), (2n * SRP_N).toString(16), `000${SRP_N.toString(16)}`]) {
      expect(() => startSrp(verifier, A)).toThrow(new SrpError('A mod N is zero'));
    }
  });

  it('rejects malformed A', () => {
    const bad = ['', 'xyz', '0x1234', ' 1234', '1234 ', '12-34', 'ａ1', '1'.repeat(5000)];
    for (const A of bad) {
      expect(() => startSrp(verifier, A), JSON.stringify(A.slice(0, 20))).toThrow(new SrpError('malformed A'));
    }
    expect(() => startSrp(verifier, 42 as unknown as string)).toThrow(SrpError);
  });

  it('accepts odd-length and upper-case A', () => {
    expect(startSrp(verifier, 'abc').B).toMatch(/^[0-9a-f]{768}$/);
    expect(startSrp(verifier, 'ABCDEF').B).toMatch(/^[0-9a-f]{768}$/);
  });
});

describe('verifyPasswordClaim never throws on malformed input', () => {
  it('returns false for garbage in every field', () => {
    const x = exchange({ session: shared() });
    const good = claimFor(x, PASSWORD);
    expect(verifyPasswordClaim(good)).toBe(true);
    const variants: Partial<Record<keyof PasswordClaim, unknown>>[] = [
      { A: '' },
      { A: 'zz' },
      { A: '0' },
      { A: SRP_N.toString(16) },
      { B: '' },
      { B: 'g1' },
      { B: '0' },
      { b: '' },
      { b: 'abc' },
      { b: 'zz' },
      { verifier: '' },
      { verifier: 'nothex' },
      { verifier: '1' },
      { verifier: (SRP_N - 1n).toString(16) },
      { secretBlock: '' },
      { secretBlock: `${good.secretBlock}!` }, // lenient base64 would decode this to the same bytes
      { secretBlock: good.secretBlock.replace(/=+$/, '') },
      { secretBlock: `${good.secretBlock}\n` },
      { signature: '' },
      { signature: `${good.signature}=` },
      { signature: good.signature.slice(0, -2) },
      { signature: 'not base64 at all' },
      { timestamp: '' },
      { timestamp: `${good.timestamp} ` },
      { poolName: '' },
      { A: undefined },
      { signature: null },
      { secretBlock: 12 },
      { timestamp: {} },
      { poolName: undefined },
    ];
    for (const v of variants) {
      const claim = { ...good, ...v } as PasswordClaim;
      expect(claim, JSON.stringify(v)).not.toEqual(good);
      let result: boolean | undefined;
      expect(() => {
        result = verifyPasswordClaim(claim);
      }, JSON.stringify(v)).not.toThrow();
      expect(result, JSON.stringify(v)).toBe(false);
    }
  });

  it('refuses a correct signature over a timestamp not in the exact client format', () => {
    const x = exchange({ session: shared() });
    // The client would sign whatever string it sends; the server insists on the format.
    const zeroPadded = claimFor(x, PASSWORD, 'Tue Mar 05 09:05:03 UTC 2024');
    expect(verifyPasswordClaim(zeroPadded)).toBe(false);
    const wrongWeekday = claimFor(x, PASSWORD, 'Wed Mar 5 09:05:03 UTC 2024');
    expect(verifyPasswordClaim(wrongWeekday)).toBe(false);
    const right = claimFor(x, PASSWORD, 'Tue Mar 5 09:05:03 UTC 2024');
    expect(verifyPasswordClaim(right)).toBe(true);
  });
});

describe('SRP timestamps', () => {
  it('formats exactly as the client DateHelper, including single-digit days', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dates = [
      Date.UTC(2024, 2, 5, 9, 5, 3),
      Date.UTC(2024, 1, 29, 0, 0, 0),
      Date.UTC(2023, 11, 31, 23, 59, 59),
      Date.UTC(2025, 0, 1, 12, 0, 9),
      Date.UTC(2026, 8, 9, 7, 8, 9),
    ];
    // 200 instants 21 d 21 h 36 min 7.321 s apart, over 12 years: every month and weekday, many hours and seconds.
    for (let i = 0; i < 200; i++) dates.push(Date.UTC(2020, 0, 1) + i * 1_892_167_321);
    for (const t of dates) {
      vi.setSystemTime(t);
      const client = new DateHelper().getNowString();
      const ours = formatSrpTimestamp(new Date(t));
      expect(ours).toBe(client);
      expect(parseSrpTimestamp(client)?.getTime()).toBe(Math.floor(t / 1000) * 1000);
    }
    expect(formatSrpTimestamp(new Date(Date.UTC(2024, 2, 5, 9, 5, 3)))).toBe('Tue Mar 5 09:05:03 UTC 2024');
  });

  it('parses strictly', () => {
    expect(parseSrpTimestamp('Tue Mar 5 09:05:03 UTC 2024')?.toISOString()).toBe('2024-03-05T09:05:03.000Z');
    expect(parseSrpTimestamp('Thu Feb 29 23:59:59 UTC 2024')?.toISOString()).toBe('2024-02-29T23:59:59.000Z');
    const rejected = [
      'Tue Mar 05 09:05:03 UTC 2024', // leading zero on the day
      'Wed Mar 5 09:05:03 UTC 2024', // wrong weekday
      'Tue Mar  5 09:05:03 UTC 2024',
      'tue Mar 5 09:05:03 UTC 2024',
      'Tue MAR 5 09:05:03 UTC 2024',
      'Tue Mar 5 9:05:03 UTC 2024',
      'Tue Mar 5 09:5:03 UTC 2024',
      'Tue Mar 5 24:00:00 UTC 2024',
      'Tue Mar 5 09:60:03 UTC 2024',
      'Tue Mar 5 09:05:60 UTC 2024',
      'Tue Mar 5 09:05:03 GMT 2024',
      'Tue Mar 5 09:05:03 UTC 24',
      'Tue Mar 5 09:05:03 UTC 2024\n',
      ' Tue Mar 5 09:05:03 UTC 2024',
      'Tuesday Mar 5 09:05:03 UTC 2024',
      'Fri Feb 30 09:05:03 UTC 2024', // no such date
      'Wed Feb 29 09:05:03 UTC 2023', // not a leap year
      'Tue Mar 32 09:05:03 UTC 2024',
      'Tue Mar 0 09:05:03 UTC 2024',
      '2024-03-05T09:05:03Z',
      '',
    ];
    for (const s of rejected) expect(parseSrpTimestamp(s), s).toBeNull();
    expect(parseSrpTimestamp(undefined as unknown as string)).toBeNull();
  });
});

describe('createVerifier and fakeSrpIdentity', () => {
  it('creates a 16-byte random salt and a verifier that depends on every input', () => {
    const a = createVerifier(POOL_NAME, USER_ID, PASSWORD);
    const b = createVerifier(POOL_NAME, USER_ID, PASSWORD);
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.verifier).toMatch(/^[0-9a-f]{768}$/);
    expect(a.salt).not.toBe(b.salt);
    expect(a.verifier).not.toBe(b.verifier);
    const salt = randomBytes(16);
    const base = createVerifier(POOL_NAME, USER_ID, PASSWORD, salt);
    expect(createVerifier(POOL_NAME, USER_ID, PASSWORD, salt)).toEqual(base);
    expect(createVerifier('Other1', USER_ID, PASSWORD, salt).verifier).not.toBe(base.verifier);
    expect(createVerifier(POOL_NAME, 'other-user', PASSWORD, salt).verifier).not.toBe(base.verifier);
    expect(createVerifier(POOL_NAME, USER_ID, `${PASSWORD}!`, salt).verifier).not.toBe(base.verifier);
  });

  it('gives a stable, case-insensitive fake identity per username that no password matches', () => {
    const secret = randomBytes(32);
    const one = fakeSrpIdentity(secret, 'Nobody@Example.com');
    expect(fakeSrpIdentity(secret, 'nobody@example.com')).toEqual(one);
    expect(fakeSrpIdentity(secret, 'NOBODY@EXAMPLE.COM')).toEqual(one);
    expect(one.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(one.userIdForSrp).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(one.verifier).toMatch(/^[0-9a-f]{768}$/);

    const other = fakeSrpIdentity(secret, 'somebody@example.com');
    expect(other.salt).not.toBe(one.salt);
    expect(other.userIdForSrp).not.toBe(one.userIdForSrp);
    expect(other.verifier).not.toBe(one.verifier);
    expect(fakeSrpIdentity(randomBytes(32), 'nobody@example.com').salt).not.toBe(one.salt);

    // A full exchange against the fake identity runs, and fails, like a wrong password.
    const session = shared();
    const { B, b } = startSrp(one.verifier, session.A);
    const challenge: Challenge = {
      USER_ID_FOR_SRP: one.userIdForSrp,
      SRP_B: B,
      SALT: one.salt,
      SECRET_BLOCK: randomBytes(32).toString('base64'),
    };
    for (const guess of ['', 'Password1!', 'nobody@example.com']) {
      const r = clientClaim(session, POOL_NAME, guess, challenge);
      const claim: PasswordClaim = {
        poolName: POOL_NAME,
        userIdForSrp: one.userIdForSrp,
        verifier: one.verifier,
        A: session.A,
        B,
        b,
        secretBlock: challenge.SECRET_BLOCK,
        timestamp: r.TIMESTAMP,
        signature: r.PASSWORD_CLAIM_SIGNATURE,
      };
      expect(verifyPasswordClaim(claim)).toBe(false);
    }
  });
});
