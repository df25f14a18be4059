// The native-BigInt BigInteger shim (src/shims/big-integer.ts) must compute exactly what the
// library's own jsbn BigInteger computes, for every operation the SRP code uses.
import JsbnModule from 'amazon-cognito-identity-js/es/BigInteger.js';
import { describe, expect, it, vi } from 'vitest';
import Shim from '../../src/shims/big-integer.ts';

interface Jsbn {
  toString(radix: number): string;
  abs(): Jsbn;
  compareTo(o: Jsbn): number;
  equals(o: Jsbn): boolean;
  add(o: Jsbn): Jsbn;
  subtract(o: Jsbn): Jsbn;
  multiply(o: Jsbn): Jsbn;
  mod(o: Jsbn): Jsbn;
  modPow(e: Jsbn, m: Jsbn, cb: (err: unknown, r: Jsbn) => void): void;
}
type JsbnCtor = new (text: string, radix: number) => Jsbn;

const Jsbn = JsbnModule as unknown as JsbnCtor;

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

const hex = (bytes: number): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
const both = (h: string): [Shim, Jsbn] => [new Shim(h, 16), new Jsbn(h, 16)];
const modPowJsbn = (b: Jsbn, e: Jsbn, m: Jsbn): string => {
  let out = '';
  b.modPow(e, m, (err, r) => {
    if (err) throw err;
    out = r.toString(16);
  });
  return out;
};
const modPowShim = (b: Shim, e: Shim, m: Shim): string => {
  let out = '';
  b.modPow(e, m, (err, r) => {
    if (err || !r) throw err ?? new Error('no result');
    out = r.toString(16);
  });
  return out;
};

describe('BigInteger shim vs jsbn', () => {
  const [nS, nJ] = both(N_HEX);
  const samples = [
    '0',
    '1',
    '2',
    'ff',
    '80',
    '00ff',
    'DEADbeef',
    N_HEX,
    `-${hex(20)}`,
    ...Array.from({ length: 12 }, (_, i) => hex(1 + i * 17)),
  ];

  it('parses hex and prints lowercase hex like jsbn, signs included', () => {
    for (const s of samples) {
      const [a, b] = both(s);
      expect(a.toString(16)).toBe(b.toString(16));
      expect(a.abs().toString(16)).toBe(b.abs().toString(16));
    }
  });

  it('adds, subtracts, multiplies, compares and reduces like jsbn (negative results too)', () => {
    for (const x of samples) {
      for (const y of samples.slice(0, 10)) {
        const [xs, xj] = both(x);
        const [ys, yj] = both(y);
        expect(xs.add(ys).toString(16)).toBe(xj.add(yj).toString(16));
        expect(xs.subtract(ys).toString(16)).toBe(xj.subtract(yj).toString(16));
        expect(xs.multiply(ys).toString(16)).toBe(xj.multiply(yj).toString(16));
        expect(Math.sign(xs.compareTo(ys))).toBe(Math.sign(xj.compareTo(yj)));
        expect(xs.equals(ys)).toBe(xj.equals(yj));
        expect(xs.subtract(ys).mod(nS).toString(16)).toBe(xj.subtract(yj).mod(nJ).toString(16));
      }
    }
  });

  it('modPow matches jsbn for SRP-sized values, including the negative base B − k·g^x', () => {
    for (let i = 0; i < 4; i++) {
      const e = hex(128 + i);
      const [eS, eJ] = both(e);
      const [gS, gJ] = both('2');
      expect(modPowShim(gS, eS, nS)).toBe(modPowJsbn(gJ, eJ, nJ));
      const [bS, bJ] = both(hex(384));
      const [kS, kJ] = both(hex(32));
      const negS = bS.subtract(kS.multiply(nS));
      const negJ = bJ.subtract(kJ.multiply(nJ));
      expect(negS.compareTo(Shim.ZERO)).toBeLessThan(0);
      expect(modPowShim(negS, eS, nS)).toBe(modPowJsbn(negJ, eJ, nJ));
    }
  });

  it('powers of 2 match jsbn before, while and after the table of powers of 2 is built', () => {
    // The table is built in timer tasks (4 rows each): fake timers step through them deterministically.
    vi.useFakeTimers();
    const [gS, gJ] = both('2');
    const check = (e: string, m: [Shim, Jsbn] = [nS, nJ]) => {
      const [eS, eJ] = both(e);
      expect(modPowShim(gS, eS, m[0])).toBe(modPowJsbn(gJ, eJ, m[1]));
    };
    const exponents = ['1', '2', 'f', '10', 'ffff', hex(32), 'f'.repeat(64), `1${'0'.repeat(64)}`, hex(50), hex(128)];
    // Short exponents first: no table.
    for (const e of exponents.slice(0, 6)) check(e);
    // An SRP secret (400 bits, top bit set) starts the table; answers stay exact while it is built…
    check(`8${hex(50).slice(1)}`);
    for (const e of exponents) check(e);
    vi.advanceTimersToNextTimer(); // 4 of 64 rows: partly built
    for (const e of exponents) check(e);
    // …and once it is (64 rows of 2^(d·16^i)), for exponents within 256 bits and beyond them.
    vi.runAllTimers();
    expect(vi.getTimerCount()).toBe(0);
    for (const e of exponents) check(e);
    // Another modulus is never answered from N's table (an odd 2048-bit modulus).
    const other = both(`${hex(255)}01`);
    for (const e of exponents) check(e, other);
    vi.runAllTimers();
    vi.useRealTimers();
  });

  it('modPow handles tiny exponents and moduli exactly', () => {
    for (const [b, e, m] of [
      ['3', '1', '7'],
      ['3', '2', '7'],
      ['a', '11', 'd'],
      ['0', '5', 'b'],
      ['5', '3', '1'],
    ]) {
      const [bs, bj] = both(b as string);
      const [es, ej] = both(e as string);
      const [ms, mj] = both(m as string);
      expect(modPowShim(bs, es, ms)).toBe(modPowJsbn(bj, ej, mj));
    }
  });

  it('refuses radixes and text the library never passes, rather than guessing', () => {
    expect(() => new Shim('12', 10)).toThrow(/radix/);
    expect(() => new Shim('xyz', 16)).toThrow(/hex/);
  });
});
