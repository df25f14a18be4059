import { describe, expect, it } from 'vitest';
import { Buffer } from '../../src/shims/buffer.ts';

// Known answers computed with Node's Buffer (same semantics as buffer@4 for these calls).
describe('the buffer shim used by the browser build', () => {
  it('round-trips hex, including leading zeros and high bytes', () => {
    const hex = '00ff10a0b1c2d3e4f5067f80';
    const bytes = Buffer.from(hex, 'hex');
    expect(Array.from(bytes)).toEqual([0, 255, 16, 160, 177, 194, 211, 228, 245, 6, 127, 128]);
    expect(bytes.toString('hex')).toBe(hex);
    expect(Buffer.from('ABCDEF', 'hex').toString('hex')).toBe('abcdef');
  });

  it('rejects odd-length hex like buffer@4 and stops at the first invalid pair', () => {
    expect(() => Buffer.from('abc', 'hex')).toThrow(TypeError);
    expect(Buffer.from('01zz02', 'hex').toString('hex')).toBe('01');
  });

  it('encodes and decodes UTF-8', () => {
    expect(Buffer.from('Caldera Derived Key', 'utf8').toString('hex')).toBe('43616c646572612044657269766564204b6579');
    expect(Buffer.from('🦄 é', 'utf8').toString('hex')).toBe('f09fa68420c3a9');
    expect(Buffer.from([0xf0, 0x9f, 0xa6, 0x84]).toString('utf8')).toBe('🦄');
    expect(Buffer.from(String.fromCharCode(1), 'utf8').toString('hex')).toBe('01');
  });

  it('decodes standard and URL-safe base64, with or without padding', () => {
    expect(Buffer.from('+/8=', 'base64').toString('hex')).toBe('fbff');
    expect(Buffer.from('-_8', 'base64').toString('hex')).toBe('fbff');
    // A JWT payload: base64url without padding.
    const payload = 'eyJzdWIiOiIxMjMiLCJlbWFpbCI6InJpZGVyQGV4YW1wbGUuY29tIiwibmFtZSI6IsOpIn0';
    expect(JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))).toEqual({
      sub: '123',
      email: 'rider@example.com',
      name: 'é',
    });
  });

  it('encodes base64 (the SRP signature) and concatenates', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect(all.toString('base64')).toBe(btoa(String.fromCharCode(...all)));
    expect(Buffer.from(all.toString('base64'), 'base64').toString('hex')).toBe(all.toString('hex'));
    const joined = Buffer.concat([Buffer.from('ab', 'utf8'), new Uint8Array([0]), Buffer.from('ff', 'hex')]);
    expect(joined.toString('hex')).toBe('616200ff');
    expect(joined).toBeInstanceOf(Uint8Array);
  });

  it('copies when built from bytes', () => {
    const source = new Uint8Array([1, 2, 3]);
    const copy = Buffer.from(source);
    source[0] = 9;
    expect(copy.toString('hex')).toBe('010203');
  });
});
