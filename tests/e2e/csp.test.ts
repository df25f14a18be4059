// The production build's Content-Security-Policy: no page runs script it did not ship.
import { describe, expect, it } from 'vitest';
import { baseUrl, useBrowser } from './support.ts';

const browser = useBrowser();
const PAGES = ['/', '/register.html', '/verify.html', '/signin.html'];

describe('the Content-Security-Policy of the production build', () => {
  it.each(PAGES)('blocks an inline script injected into %s', async (path) => {
    const journey = await browser.open();
    const { page } = journey;
    // Chromium reports the blocked script on the console; that report is what this test expects.
    journey.expectConsoleError(/Content Security Policy/);
    await page.goto(`${baseUrl}${path}`);

    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/script-src 'self'(;|$| )/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);

    await page.evaluate(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(e.effectiveDirective));
    });
    // As an attacker would: a <script> element with inline code, added to the page.
    const added = await page.addScriptTag({ content: 'window.injectedRan = true;' }).then(
      () => 'added',
      (err: Error) => err.message,
    );
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length > 0);

    const outcome = await page.evaluate(() => ({
      ran: (window as unknown as { injectedRan?: boolean }).injectedRan === true,
      violations: (window as unknown as { violations: string[] }).violations,
    }));
    expect(outcome.ran, `inline script ran (addScriptTag: ${added})`).toBe(false);
    expect(outcome.violations).toContain('script-src-elem');
  });
});
