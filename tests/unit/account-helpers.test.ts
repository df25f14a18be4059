// Small pure pieces of the account page and two-factor set-up.
import { describe, expect, it } from 'vitest';
import { checkNewEmail, checkTypedEmail, requireCurrentPassword } from '../../src/auth/account-input.ts';
import { totpUri } from '../../src/auth/totp-secret.ts';
import { normalizeAppCode } from '../../src/auth/validate.ts';
import { deviceLabel } from '../../src/pages/account/device-name.ts';
import { drawQr } from '../../src/ui/qr.ts';
import { groupsOfFour } from '../../src/ui/totp-setup.ts';

describe('the otpauth URI (docs/cognito-mfa-passwordless.md §1.8)', () => {
  it('labels the account "Wild Rydes:<email>", URI-encoded, with the issuer and the secret', () => {
    const uri = totpUri('rider+1@example.com', 'JBSWY3DPEHPK3PXP');
    expect(uri).toBe(
      'otpauth://totp/Wild%20Rydes:rider%2B1%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Wild%20Rydes&algorithm=SHA1&digits=6&period=30',
    );
    const url = new URL(uri);
    expect(decodeURIComponent(url.pathname.replace(/^\/+/, ''))).toBe('Wild Rydes:rider+1@example.com');
    expect(url.searchParams.get('issuer')).toBe('Wild Rydes');
  });
});

describe('set-up helpers', () => {
  it('groups a key in fours', () => {
    expect(groupsOfFour('JBSWY3DPEHPK3PXPJB')).toBe('JBSW Y3DP EHPK 3PXP JB');
    expect(groupsOfFour('ABCD')).toBe('ABCD');
  });

  it('draws the QR code as an SVG labelled for screen readers, with no style attribute (CSP)', () => {
    const container = document.createElement('div');
    drawQr(container, 'otpauth://totp/Wild%20Rydes:a%40b.c?secret=JBSWY3DPEHPK3PXP', 'QR code');
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('QR code');
    expect(container.querySelector('[style]')).toBeNull();
    expect(svg.querySelector('path')!.getAttribute('d')).toMatch(/^M/);
  });

  it('accepts an app code with spaces, refuses anything but 6 digits', () => {
    expect(normalizeAppCode(' 123 456 ')).toBe('123456');
    for (const bad of ['', '12345', '1234567', 'abcdef']) {
      expect(() => normalizeAppCode(bad)).toThrow('Enter the 6-digit code from your authenticator app.');
    }
  });

  it('checks the account inputs before any request', () => {
    expect(() => requireCurrentPassword('')).toThrow('Enter your current password.');
    expect(checkNewEmail(' New@Example.com ', 'rider@example.com')).toBe('new@example.com');
    expect(() => checkNewEmail('Rider@example.com', 'rider@example.com')).toThrow(/already your email address/);
    expect(() => checkTypedEmail(' RIDER@example.com ', 'rider@example.com')).not.toThrow();
    expect(() => checkTypedEmail('ride@example.com', 'rider@example.com')).toThrow(
      /Type your email address, rider@example.com/,
    );
  });
});

describe('device names as riders know them', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Edge on Windows',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
      'Safari on macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
      'Chrome on Android',
    ],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux'],
    ['nodejs', 'nodejs'],
    ['', 'Unnamed device'],
  ])('%s → %s', (agent, label) => {
    expect(deviceLabel(agent)).toBe(label);
  });
});
