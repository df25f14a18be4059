import { describe, expect, it } from 'vitest';
import {
  isLoopbackAddress,
  isLoopbackHostHeader,
  isLoopbackHostname,
  isLoopbackUrl,
} from '../../../shared/loopback.ts';

describe('loopback', () => {
  it('socket addresses: 127.0.0.0/8 and ::1, also IPv4-mapped', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.2'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of [undefined, '', '10.0.0.1', '192.168.1.1', '::ffff:10.0.0.1', '128.0.0.1', '::2', '0.0.0.0']) {
      expect(isLoopbackAddress(a)).toBe(false);
    }
  });

  it('host names', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '[::1]']) expect(isLoopbackHostname(h)).toBe(true);
    for (const h of ['example.com', 'localhost.example.com', '127.0.0.1.nip.io', '0.0.0.0', ''])
      expect(isLoopbackHostname(h)).toBe(false);
  });

  it('URLs and Origin headers', () => {
    for (const u of ['http://127.0.0.1:5173', 'http://localhost:9229/', 'http://[::1]:1/x', 'https://localhost'])
      expect(isLoopbackUrl(u)).toBe(true);
    for (const u of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'not a url', '/__cognito/'])
      expect(isLoopbackUrl(u)).toBe(false);
  });

  it('Host headers, rejecting anything that is not a plain host[:port]', () => {
    for (const h of ['127.0.0.1:5173', 'localhost', 'localhost:9229', '[::1]:4173'])
      expect(isLoopbackHostHeader(h)).toBe(true);
    for (const h of [
      undefined,
      '',
      'evil.example',
      'evil.example:5173',
      '127.0.0.1@evil.example',
      'localhost/x',
      'localhost evil',
      'evil.example#localhost',
    ]) {
      expect(isLoopbackHostHeader(h)).toBe(false);
    }
  });
});
