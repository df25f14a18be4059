// The client's SRP secret (src/auth/srp-exponent.ts) on the library's real AuthenticationHelper:
// 400 random bits, A = g^a mod N exactly as the library computes it, a prepared pair used by one
// helper only, and device-verifier helpers that compute no A of their own.
import { AuthenticationHelper } from 'amazon-cognito-identity-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceVerifierHelper, prepareSrpExponent, useShortSrpExponents } from '../../src/auth/srp-exponent.ts';

interface Big {
  toString(radix: number): string;
  bitLength(): number;
  modPow(e: Big, m: Big, cb: (err: unknown, r: Big) => void): Big;
}
interface Helper {
  N: Big;
  g: Big;
  smallAValue: Big;
  largeAValue: Big | null;
}

const helper = (pool = 'TestPool') => new AuthenticationHelper(pool) as unknown as Helper;
/** The library's BigInteger prototype (jsbn in Node), reached before any exponent is prepared. */
const bigProto = Object.getPrototypeOf(helper().g) as Big;
const gPowA = (h: Helper) => h.g.modPow(h.smallAValue, h.N, () => undefined).toString(16);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the SRP secret a', () => {
  useShortSrpExponents();

  it('is 400 random bits, and A is g^a mod N', () => {
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).fill(0xff);
      return array;
    });
    const h = helper();
    expect(h.smallAValue.toString(16)).toBe('f'.repeat(100));
    expect(h.smallAValue.bitLength()).toBe(400);
    expect(h.largeAValue?.toString(16)).toBe(gPowA(h));
  });

  it('differs between helpers', () => {
    const secrets = new Set(Array.from({ length: 5 }, () => helper().smallAValue.toString(16)));
    expect(secrets.size).toBe(5);
  });

  it('prepared ahead is handed, with its A, to the next helper only', () => {
    prepareSrpExponent('TestPool');
    prepareSrpExponent('TestPool'); // already prepared: nothing new
    const first = helper();
    const second = helper();
    expect(first.largeAValue?.toString(16)).toBe(gPowA(first));
    expect(second.largeAValue?.toString(16)).toBe(gPowA(second));
    expect(second.smallAValue.toString(16)).not.toBe(first.smallAValue.toString(16));
  });

  it('prepared ahead, saves the next helper its exponentiation', () => {
    prepareSrpExponent('TestPool');
    const modPow = vi.spyOn(bigProto, 'modPow');
    const prepared = helper();
    expect(modPow).not.toHaveBeenCalled();
    expect(prepared.largeAValue?.toString(16)).toBe(gPowA(prepared));
    helper();
    expect(modPow).toHaveBeenCalledTimes(2); // gPowA above, and the unprepared helper's own A
  });

  it('is not taken by a device-verifier helper, which computes no A', async () => {
    prepareSrpExponent('TestPool');
    const modPow = vi.spyOn(bigProto, 'modPow');
    const hashes = deviceVerifierHelper('TestPool');
    expect((hashes as unknown as Helper).largeAValue).toBeNull();
    await new Promise<void>((resolve, reject) =>
      hashes.generateHashDevice('-group', 'us-east-1_device', (err) => (err ? reject(err) : resolve())),
    );
    expect(hashes.getVerifierDevices()).toMatch(/^[0-9a-f]{700,}$/);
    expect(modPow).toHaveBeenCalledTimes(1); // the verifier's g^x only
    const next = helper();
    expect(modPow).toHaveBeenCalledTimes(1); // the prepared pair was still there for the sign-in
    expect(next.largeAValue?.toString(16)).toBe(gPowA(next));
  });
});
