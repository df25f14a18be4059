// A small stand-in for the `buffer` package (v4, ~6 KB gzip) that amazon-cognito-identity-js
// imports. vite.config.ts aliases `buffer` to this file for the browser build only; Node
// (integration tests) keeps the real one. It implements exactly what the library calls:
// Buffer.from(string, 'hex' | 'utf8' | 'base64'), Buffer.from(bytes), Buffer.concat(list) and
// toString('hex' | 'utf8' | 'base64'). Base64 input may be URL-safe and unpadded (JWT payloads).

type Encoding = 'hex' | 'utf8' | 'base64';

export class Buffer extends Uint8Array {
  static override from(value: string | ArrayLike<number> | Iterable<number>, encoding?: unknown): Buffer {
    if (typeof value !== 'string') return new Buffer(value as ArrayLike<number>);
    if (encoding === 'hex') {
      if (value.length % 2) throw new TypeError('Invalid hex string');
      const out = new Buffer(value.length / 2);
      for (let i = 0; i < out.length; i++) {
        const byte = parseInt(value.substr(i * 2, 2), 16);
        if (Number.isNaN(byte)) return out.slice(0, i);
        out[i] = byte;
      }
      return out;
    }
    if (encoding === 'base64') {
      const clean = value
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .replace(/[^A-Za-z0-9+/]/g, '');
      const binary = atob(clean + '==='.slice((clean.length + 3) % 4));
      return Buffer.from(Array.from(binary, (c) => c.charCodeAt(0)));
    }
    return new Buffer(new TextEncoder().encode(value));
  }

  static concat(list: readonly Uint8Array[]): Buffer {
    const out = new Buffer(list.reduce((n, part) => n + part.length, 0));
    let offset = 0;
    for (const part of list) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  override toString(encoding: Encoding = 'utf8'): string {
    if (encoding === 'hex') return Array.from(this, (b) => b.toString(16).padStart(2, '0')).join('');
    if (encoding === 'base64') return btoa(String.fromCharCode(...this));
    return new TextDecoder().decode(this);
  }
}
