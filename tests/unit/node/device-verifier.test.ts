// ConfirmDevice's verifier as the pool keeps it (local-cognito/devices.ts): the client's padHex bytes
// (up to 385 with a leading zero byte) become srp.ts's 768-hex-digit form; values no real client
// sends are refused. docs/cognito-mfa-passwordless.md §3.7.
import { describe, expect, it } from 'vitest';
import { deviceVerifier } from '../../../local-cognito/devices.ts';
import { padHex, SRP_N } from '../../../local-cognito/srp.ts';

const bytesOf = (v: bigint): Buffer => Buffer.from(padHex(v), 'hex');

describe('deviceVerifier', () => {
  it('reads the 385-byte padded form and the short forms as the same integer, in 768 hex digits', () => {
    const high = SRP_N - 12345n; // top bit set: padHex prefixes 00
    expect(bytesOf(high)).toHaveLength(385);
    expect(deviceVerifier(bytesOf(high))).toBe(high.toString(16).padStart(768, '0'));
    const low = 0x1234n;
    expect(deviceVerifier(bytesOf(low))).toBe(low.toString(16).padStart(768, '0'));
    expect(deviceVerifier(Buffer.concat([Buffer.alloc(3), bytesOf(low)]))).toBe(low.toString(16).padStart(768, '0'));
  });

  it('refuses 0, 1, N−1, N and above, empty and over-long input', () => {
    for (const v of [0n, 1n, SRP_N - 1n, SRP_N, SRP_N + 5n]) expect(deviceVerifier(bytesOf(v)), String(v)).toBeNull();
    expect(deviceVerifier(Buffer.alloc(0))).toBeNull();
    expect(deviceVerifier(Buffer.alloc(5))).toBeNull();
    expect(deviceVerifier(Buffer.alloc(386, 1))).toBeNull();
  });
});
