import { describe, expect, it } from 'vitest';
import account from '../../account.html?raw';
import index from '../../index.html?raw';
import register from '../../register.html?raw';
import signin from '../../signin.html?raw';
import { PASSWORD_RULES } from '../../src/auth/password-policy.ts';
import verify from '../../verify.html?raw';
import { expandPageShell, PageShellError } from '../../vite-plugins/page-shell-html.ts';

const pages = { index, register, signin, verify, account };

describe('the shared page shell', () => {
  it.each(Object.entries(pages))(
    '%s.html: every marker expands and the page gets one header, footer and announcer',
    (_name, html) => {
      const out = expandPageShell(html);
      expect(out).not.toMatch(/shell:/);
      for (const once of [
        '<meta charset="utf-8">',
        'class="site-header"',
        'id="config-banner"',
        'class="site-footer"',
        'id="announcer"',
      ]) {
        expect(out.split(once).length - 1, once).toBe(1);
      }
      expect(out.indexOf('<meta charset="utf-8">')).toBeLessThan(out.indexOf('<title>'));
      expect(out.indexOf('id="announcer"')).toBeLessThan(out.indexOf('</main>'));
    },
  );

  it('marks the current page in the navigation, and only that one', () => {
    const nav = (html: string) =>
      [...expandPageShell(html).matchAll(/<a [^>]*aria-current="page"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(nav(register)).toEqual(['Register']);
    expect(nav(signin)).toEqual(['Sign in']);
    expect(nav(index)).toEqual([]);
    expect(nav(verify)).toEqual([]);
    expect(nav(account)).toEqual(['Your account']);
  });

  it('writes the password checklist from the policy module', () => {
    const items = [
      ...expandPageShell('<ul><!-- shell:password-rules --></ul>').matchAll(/<li data-rule="([\w-]+)">([^<]+)</g),
    ];
    expect(items.map((m) => [m[1], m[2]])).toEqual(PASSWORD_RULES.map((r) => [r.id, r.label]));
  });

  it('refuses an unknown marker or page instead of shipping it', () => {
    expect(() => expandPageShell('<!-- shell:sidebar -->')).toThrow(PageShellError);
    expect(() => expandPageShell('<!-- shell:header current="admin" -->')).toThrow(/not a page/);
  });
});
