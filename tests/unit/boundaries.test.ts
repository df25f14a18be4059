// The design's boundaries (../shared/DESIGN.md, "Rules that keep it easy to change"), checked on
// the sources so a stray import fails the tests instead of a review.
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob<string>('../../src/**/*.ts', { query: '?raw', import: 'default', eager: true });

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
}

const imports: Import[] = Object.entries(sources).flatMap(([file, text]) =>
  [...text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => ({
    file: file.replace('../../', ''),
    spec: m[3] as string,
    typeOnly: Boolean(m[2]),
  })),
);

describe('source boundaries', () => {
  it('finds the sources and their imports', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(imports.some((i) => i.spec === 'amazon-cognito-identity-js')).toBe(true);
  });

  it('browser code never imports the local pool, the scripts or Node built-ins', () => {
    const bad = imports.filter((i) => /local-cognito|(^|\/)scripts\/|^node:|^(fs|path|http|crypto|os)$/.test(i.spec));
    expect(bad).toEqual([]);
  });

  it('only src/auth/ imports amazon-cognito-identity-js', () => {
    const outside = imports.filter((i) => i.spec.startsWith('amazon-cognito-identity-js') && !i.typeOnly && !i.file.startsWith('src/auth/'));
    expect(outside).toEqual([]);
  });

  it('pages and ui reach auth only through types, errors and the password policy (no Cognito calls of their own)', () => {
    const allowed = /\/auth\/(errors|password-policy)$/;
    const bad = imports.filter(
      (i) => /^src\/(pages|ui)\//.test(i.file) && /(^|\/)auth(\/|$)/.test(i.spec) && !i.typeOnly && !allowed.test(i.spec),
    );
    expect(bad).toEqual([]);
  });

  it('src/auth has no DOM access', () => {
    const domUse = Object.entries(sources)
      .filter(([file]) => file.includes('/src/auth/'))
      .filter(([, text]) => /\bdocument\.|\bwindow\.location|querySelector|getElementById/.test(text))
      .map(([file]) => file);
    expect(domUse).toEqual([]);
  });
});
