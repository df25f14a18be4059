// The markup every page shares, written once: the page pieces named by HTML comments such as
// `<!-- shell:header current="signin" -->` are expanded here, at dev and build time (so the
// pages stay static HTML, nothing shifts when scripts run, and the CSP sees no inline code), and
// by the unit tests when they load a page. Pure string work: no Node or DOM APIs.
import { passwordChecklist } from '../shared/password-checklist.ts';
import { RIDER_PASSWORD_POLICY } from '../shared/rider-pool.ts';

type Page = 'index' | 'register' | 'verify' | 'signin' | 'account';

const HEAD = `<meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <meta name="theme-color" content="#4c1d95">
  <link rel="icon" href="/logo.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/src/styles.css">`;

const current = (page: Page | undefined, link: Page): string => (page === link ? ' aria-current="page"' : '');

/**
 * The account links: for signed-out riders, and (data-when="signed-in") for signed-in ones. Pages that
 * know the rider's state show the right ones (src/ui/nav.ts); the account page is only for signed-in riders.
 */
const header = (page: Page | undefined): string => {
  const signedIn = page === 'account';
  const out = signedIn ? ' hidden' : '';
  return `<a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <a class="brand" href="/"><img src="/logo.svg" alt="" width="40" height="40"><span>Wild Rydes</span></a>
    <nav class="site-nav" aria-label="Account">
      <a href="/signin.html" data-when="signed-out"${current(page, 'signin')}${out}>Sign in</a>
      <a class="nav-cta" href="/register.html" data-when="signed-out"${current(page, 'register')}${out}>Register</a>
      <a href="/account.html" data-when="signed-in"${current(page, 'account')}${signedIn ? '' : ' hidden'}>Your account</a>
    </nav>
  </header>
  <div id="config-banner" class="config-banner" role="alert" hidden></div>`;
};

/** Field errors a rider might not hear otherwise (announce() in src/ui/dom.ts); one per page, in <main>. */
const ANNOUNCER = '<div id="announcer" class="visually-hidden" aria-live="assertive" aria-atomic="true"></div>';

const FOOTER = `<footer class="site-footer">
    <p>Wild Rydes — unicorns on demand. Your account is protected by Amazon Cognito; your password never leaves this page.</p>
  </footer>`;

/** The policy checklist as static items, from the one policy wording (src/ui/password.ts ticks them). */
const passwordRules = (): string =>
  passwordChecklist(RIDER_PASSWORD_POLICY)
    .map((rule) => `<li data-rule="${rule.id}">${rule.label}<span class="visually-hidden"> (still needed)</span></li>`)
    .join('\n            ');

/**
 * Setting up an authenticator app, the same on the account page and in sign-in (a pool that requires
 * two-factor sign-in): the QR code, the key to type instead, and the code that proves it worked.
 * Every id starts with `prefix`; src/ui/totp-setup.ts fills it in.
 */
const totpSetup = (p: string, submit: string): string => `<div id="${p}-setup" class="totp-setup">
          <ol class="steps">
            <li>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, 1Password or Authy) and add an account.</li>
            <li>
              <p id="${p}-qr-label">Scan this QR code with the app:</p>
              <div id="${p}-qr" class="qr"></div>
              <p class="hint">Setting up on this phone? <a id="${p}-open" href="#${p}-secret">Open it in your authenticator app</a>.</p>
            </li>
            <li>
              <p>Can’t scan it? Choose “enter a setup key” in the app and type this key (time-based):</p>
              <p class="secret-row"><code id="${p}-secret" class="secret"></code>
                <button type="button" id="${p}-copy-secret" class="button-link">Copy key</button></p>
            </li>
            <li>
              <form id="${p}-form" novalidate>
                <div class="field">
                  <label for="${p}-code">Enter the 6-digit code the app shows for Wild Rydes</label>
                  <input id="${p}-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="7" class="code-input" required aria-describedby="${p}-code-error">
                  <p id="${p}-code-error" class="field-error" hidden></p>
                </div>
                <button type="submit" id="${p}-submit">${submit}</button>
              </form>
            </li>
          </ol>
        </div>`;

const PAGES: readonly string[] = ['index', 'register', 'verify', 'signin', 'account'];

export class PageShellError extends Error {}

/** Expands every `<!-- shell:… -->` marker; an unknown marker is an error, not silently left in. */
export function expandPageShell(html: string): string {
  return html.replace(
    /<!--\s*shell:([\w-]+)((?:\s+[\w-]+="[^"]*")*)\s*-->/g,
    (_match, name: string, rawAttrs: string) => {
      const attrs = Object.fromEntries([...rawAttrs.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      switch (name) {
        case 'head':
          return HEAD;
        case 'header': {
          const page = attrs.current;
          if (page !== undefined && !PAGES.includes(page))
            throw new PageShellError(`shell:header current="${page}" is not a page`);
          return header(page as Page | undefined);
        }
        case 'announcer':
          return ANNOUNCER;
        case 'footer':
          return FOOTER;
        case 'password-rules':
          return passwordRules();
        case 'totp-setup':
          if (!/^[a-z][\w-]*$/.test(attrs.prefix ?? '')) throw new PageShellError('shell:totp-setup needs prefix="…"');
          return totpSetup(attrs.prefix!, attrs.submit ?? 'Turn on two-factor sign-in');
        default:
          throw new PageShellError(`unknown page-shell marker <!-- shell:${name} -->`);
      }
    },
  );
}
