// What the production build ships: nothing secret, nothing from the Node side of the project,
// and pages that obey their own Content-Security-Policy.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetsOf } from '../../bench/sizes.ts';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const shipped = files(DIST).filter((f) => /\.(html|js|css|svg|json|txt|map)$/.test(f));
const text = (f: string): string => readFileSync(f, 'utf8');

describe('the production build', () => {
  it('ships the five pages and their assets', () => {
    const names = shipped.map((f) => relative(DIST, f));
    expect(names).toEqual(
      expect.arrayContaining(['index.html', 'register.html', 'verify.html', 'signin.html', 'account.html']),
    );
    expect(names.some((n) => n.startsWith('assets/') && n.endsWith('.js'))).toBe(true);
  });

  it.each([
    ['an AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
    ['an AWS secret key name', /aws_secret_access_key|AWS_SECRET_ACCESS_KEY|secretAccessKey/],
    ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ['a private JWK member', /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/],
    ['an app client secret', /ClientSecret|client_secret/],
    ['the local pool (Node-only code)', /journal\.ndjson|signing-keys\.json|pool\.lock|local-cognito/],
    ['Node built-ins', /from\s*["']node:|require\(["'](fs|path|crypto|http)["']\)/],
    ['a source map', /sourceMappingURL/],
  ])('contains no %s', (_what, pattern) => {
    const hits = shipped.filter((f) => pattern.test(text(f))).map((f) => relative(DIST, f));
    expect(hits).toEqual([]);
  });

  it('loads the QR code library (lean-qr) on the account page only; sign-in has it in a worker it starts on demand', () => {
    const withQr = (page: string) =>
      assetsOf(text(join(DIST, page))).js.filter((asset) => text(join(DIST, asset)).includes('lean-qr error'));
    expect(withQr('account.html')).toHaveLength(1);
    for (const page of ['index.html', 'register.html', 'verify.html', 'signin.html'])
      expect(withQr(page), page).toEqual([]);
    const workers = shipped.filter((f) => /qr-worker-.*\.js$/.test(f));
    expect(workers.map((f) => text(f).includes('lean-qr error'))).toEqual([true]);
  });

  it('has a CSP on every page and nothing inline that it would block', () => {
    for (const f of shipped.filter((n) => n.endsWith('.html'))) {
      const html = text(f);
      expect(html, f).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*default-src &#39;none&#39;/);
      expect(html, f).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, f).not.toMatch(/\sstyle=|<style[\s>]/);
      expect(html, f).not.toMatch(/\son[a-z]+=/);
    }
  });
});
