import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../src/next-path.ts';

describe('safeNextPath', () => {
  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeNextPath('/')).toBe('/');
    expect(safeNextPath('/index.html')).toBe('/index.html');
    expect(safeNextPath('/rides/new?from=home#map')).toBe('/rides/new?from=home#map');
    expect(safeNextPath('/a/../b')).toBe('/b');
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['absolute URL', 'https://evil.example/'],
    ['scheme-relative', '//evil.example/'],
    ['scheme-relative with more slashes', '///evil.example/'],
    ['backslash host', '/\\evil.example/'],
    ['backslash later', '/foo\\..\\\\evil.example'],
    ['tab inside //', '/\t/evil.example/'],
    ['newline inside //', '/\n/evil.example/'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['data: URL', 'data:text/html,hi'],
    ['relative path', 'index.html'],
    ['encoded-looking but plain host', 'evil.example'],
    ['leading space', ' /index.html'],
    ['over-long', `/${'a'.repeat(3000)}`],
    // Dot segments that normalise to a scheme-relative "//host" path.
    ['dot segment before //', '/.//evil.example/'],
    ['parent segment before //', '/a/..//evil.example/'],
    ['encoded dot segment before //', '/%2e//evil.example/'],
  ])('falls back for %s', (_name, next) => {
    expect(safeNextPath(next)).toBe('/');
    expect(safeNextPath(next, '/index.html')).toBe('/index.html');
  });

  it('leaves percent-encoded slashes encoded (they are path characters, not a host)', () => {
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });
});
