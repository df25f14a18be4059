// The local pool's rules for browser pages (local-cognito/access.ts) and how the Vite plugin derives
// them from Vite's own settings (vite-plugins/local-cognito-access.ts). The HTTP-level proof is in
// tests/integration/local-cognito/browser-access.test.ts; these pin the edge cases of each rule.
import type { ResolvedServerOptions } from 'vite';
import { defaultAllowedOrigins } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  type AccessPolicy,
  classifyOrigin,
  hostAllowed,
  LOOPBACK_ONLY,
  mayCallApi,
  mayReadMailbox,
} from '../../../local-cognito/access.ts';
import { accessFromVite } from '../../../vite-plugins/local-cognito-access.ts';

const configured: AccessPolicy = {
  allowedHosts: ['pool.test', '.riders.test'],
  allowedOrigins: ['https://app.test:8443/', /^https:\/\/[a-z]+\.preview\.test$/],
};

describe('hostAllowed', () => {
  it('answers loopback names and addresses with any port, and requests without Host', () => {
    for (const host of [
      undefined,
      'localhost',
      'localhost:5173',
      '127.0.0.1:9229',
      '127.8.9.10',
      '[::1]:4173',
      'LOCALHOST:1',
    ]) {
      expect(hostAllowed(host, LOOPBACK_ONLY), String(host)).toBe(true);
    }
  });

  it('refuses every other name or address by default, and malformed headers always', () => {
    const others = [
      'evil.example',
      'evil.example:9229',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '192.168.1.5:5173',
      '0.0.0.0',
      '',
    ];
    for (const host of others) expect(hostAllowed(host, LOOPBACK_ONLY), host).toBe(false);
    const malformed = ['a b', 'evil.example/x', 'user@localhost', 'localhost#x'];
    for (const host of malformed) expect(hostAllowed(host, { ...LOOPBACK_ONLY, allowedHosts: true }), host).toBe(false);
  });

  it('answers configured names exactly, a leading dot for the domain and its subdomains, true for any', () => {
    for (const host of ['pool.test', 'POOL.test:5173', 'riders.test', 'a.b.riders.test:1']) {
      expect(hostAllowed(host, configured), host).toBe(true);
    }
    for (const host of ['x.pool.test', 'evilriders.test', 'riders.test.evil.example']) {
      expect(hostAllowed(host, configured), host).toBe(false);
    }
    expect(hostAllowed('anything.example:80', { ...LOOPBACK_ONLY, allowedHosts: true })).toBe(true);
  });
});

describe('classifyOrigin', () => {
  it("no Origin is no web page; loopback origins are the developer's", () => {
    expect(classifyOrigin(undefined, 'evil.example', LOOPBACK_ONLY)).toBe('none');
    for (const o of ['http://localhost:5173', 'https://127.0.0.1', 'http://[::1]:8080']) {
      expect(classifyOrigin(o, 'localhost:9229', LOOPBACK_ONLY)).toBe('loopback');
    }
  });

  it('same-origin compares scheme-aware host and port with the Host header', () => {
    expect(classifyOrigin('http://pool.test:5173', 'pool.test:5173', LOOPBACK_ONLY)).toBe('same-origin');
    expect(classifyOrigin('http://pool.test', 'pool.test:80', LOOPBACK_ONLY)).toBe('same-origin');
    expect(classifyOrigin('https://pool.test', 'pool.test:443', LOOPBACK_ONLY)).toBe('same-origin');
    expect(classifyOrigin('http://pool.test:5174', 'pool.test:5173', LOOPBACK_ONLY)).toBe('foreign');
    expect(classifyOrigin('https://pool.test', 'pool.test:80', LOOPBACK_ONLY)).toBe('foreign');
    expect(classifyOrigin('http://pool.test', undefined, LOOPBACK_ONLY)).toBe('foreign');
  });

  it('listed origins match as strings (trailing slash ignored) or patterns; null and garbage never do', () => {
    expect(classifyOrigin('https://app.test:8443', 'localhost', configured)).toBe('listed');
    expect(classifyOrigin('https://pr.preview.test', 'localhost', configured)).toBe('listed');
    for (const o of [
      'https://app.test',
      'http://app.test:8443',
      'https://pr.preview.test.evil.example',
      'null',
      'not a url',
      '',
    ]) {
      expect(classifyOrigin(o, 'localhost', configured), o).toBe('foreign');
    }
    expect(classifyOrigin('https://any.example', 'localhost', { ...LOOPBACK_ONLY, allowedOrigins: true })).toBe(
      'listed',
    );
    expect(classifyOrigin('null', 'localhost', { ...LOOPBACK_ONLY, allowedOrigins: true })).toBe('foreign');
  });

  it('only foreign pages are kept from the API', () => {
    expect((['none', 'loopback', 'same-origin', 'listed', 'foreign'] as const).map(mayCallApi)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('mayReadMailbox', () => {
  it('no Origin or a loopback one; never a listed, same-origin or foreign page', () => {
    expect(mayReadMailbox('localhost:9229', 'none', undefined, undefined)).toBe(true);
    expect(mayReadMailbox(undefined, 'none', undefined, undefined)).toBe(true);
    expect(mayReadMailbox('127.0.0.1:5173', 'loopback', 'same-site', 'cors')).toBe(true);
    for (const kind of ['same-origin', 'listed', 'foreign'] as const) {
      expect(mayReadMailbox('localhost:9229', kind, 'same-origin', 'cors'), kind).toBe(false);
    }
  });

  it('only under a loopback name, even where the pool answers other names', () => {
    for (const host of ['pool.test:5173', 'evil.example', '192.168.1.5:5173', 'bad host']) {
      expect(mayReadMailbox(host, 'none', undefined, 'navigate'), host).toBe(false);
    }
  });

  it('a cross-site load without Origin (<script>, <img>, no-cors fetch) is refused; following a link is not', () => {
    expect(mayReadMailbox('localhost', 'none', 'cross-site', 'no-cors')).toBe(false);
    expect(mayReadMailbox('localhost', 'none', 'cross-site', 'navigate')).toBe(true);
    expect(mayReadMailbox('localhost', 'none', 'none', 'navigate')).toBe(true);
    expect(mayReadMailbox('localhost', 'none', 'same-origin', 'no-cors')).toBe(true);
  });
});

describe('accessFromVite', () => {
  const serving = (over: Partial<ResolvedServerOptions>): ResolvedServerOptions =>
    ({ allowedHosts: ['127.0.0.1'], cors: { origin: defaultAllowedOrigins }, ...over }) as ResolvedServerOptions;

  it('takes allowedHosts as they are, and any host over HTTPS as Vite does', () => {
    expect(accessFromVite(serving({ allowedHosts: ['pool.test'] })).allowedHosts).toEqual(['pool.test']);
    expect(accessFromVite(serving({ allowedHosts: true })).allowedHosts).toBe(true);
    expect(accessFromVite(serving({ https: {} })).allowedHosts).toBe(true);
  });

  it('takes the origins of server.cors the way the cors package reads them', () => {
    const origins = (cors: ResolvedServerOptions['cors']) => accessFromVite(serving({ cors })).allowedOrigins;
    expect(origins({ origin: defaultAllowedOrigins })).toEqual([defaultAllowedOrigins]);
    expect(origins({ origin: ['https://a.test', /b/] })).toEqual(['https://a.test', /b/]);
    expect(origins({ origin: 'https://a.test' })).toEqual(['https://a.test']);
    for (const any of [true, {}, { origin: true }, { origin: '*' }] as const) expect(origins(any)).toBe(true);
    for (const none of [false, { origin: false }, { origin: () => undefined }] as const)
      expect(origins(none)).toEqual([]);
  });
});
