// The pool's TOTP check against RFC 6238's own test vectors (Appendix B, SHA-1, truncated to the
// 6 digits Cognito uses), its ±1 step window and its replay rule.
import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret } from '../../../local-cognito/totp.ts';

// The RFC's SHA-1 seed, "12345678901234567890" in ASCII, in Base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('checkTotp', () => {
  it('accepts the RFC 6238 vectors at their times and names the step', () => {
    expect(checkTotp(RFC_SECRET, '287082', 59_000)).toEqual({ ok: true, step: 1 });
    expect(checkTotp(RFC_SECRET, '081804', 1_111_111_109_000)).toEqual({ ok: true, step: 37_037_036 });
    expect(checkTotp(RFC_SECRET, '005924', 1_234_567_890_000)).toEqual({ ok: true, step: 41_152_263 });
  });

  it('one step either way is drift, two are not', () => {
    const at = 1_111_111_109_000; // step 37037036: the code of that step is 081804
    expect(checkTotp(RFC_SECRET, '081804', at + 30_000)).toEqual({ ok: true, step: 37_037_036 });
    expect(checkTotp(RFC_SECRET, '081804', at - 30_000)).toEqual({ ok: true, step: 37_037_036 });
    expect(checkTotp(RFC_SECRET, '081804', at + 60_000)).toEqual({ ok: false, reason: 'mismatch' });
    expect(checkTotp(RFC_SECRET, '081804', at - 60_000)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a code whose step was already used, or an older one', () => {
    expect(checkTotp(RFC_SECRET, '081804', 1_111_111_109_000, 37_037_036)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(RFC_SECRET, '081804', 1_111_111_109_000, 37_037_040)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotp(RFC_SECRET, '081804', 1_111_111_109_000, 37_037_035)).toEqual({ ok: true, step: 37_037_036 });
  });

  it('refuses anything but six digits without computing', () => {
    for (const code of ['', '08180', '0818045', '08180a', ' 081804']) {
      expect(checkTotp(RFC_SECRET, code, 1_111_111_109_000)).toEqual({ ok: false, reason: 'mismatch' });
    }
  });

  it('new secrets are 160 bits in Base32 (32 characters), each different', () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
  });
});
