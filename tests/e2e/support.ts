// Shared pieces of the rider journeys: the browser, one fresh context per journey with every page
// error and console error collected, the local pool's mailbox and operator API, and the
// screenshot + axe audit taken at each page and state.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from '../../bench/chrome.ts';
import { localhostOrigin } from './second-factors.ts';

export const baseUrl = inject('baseUrl');
export const POOL_ID = 'us-east-1_LocalPool';
export const CLIENT_ID = 'localwildrydeswebclient001';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/e2e');
/** A password every rule of the pool's policy accepts. */
export const GOOD_PASSWORD = 'Unicorn-Ryde-42';

let counter = 0;
/** A fresh address for each rider, so journeys never collide in the shared pool. */
export function newEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.com`;
}

// ---------------------------------------------------------------- journeys

export interface CognitoCall {
  /** The X-Amz-Target action, e.g. "InitiateAuth". */
  action: string;
  body: Record<string, unknown>;
}

export interface Journey {
  context: BrowserContext;
  page: Page;
  /** Page errors, console errors and 5xx responses seen so far. */
  problems: string[];
  /** Every request the page made to the Cognito API (the local pool). */
  cognitoCalls: CognitoCall[];
  /** Console errors that this journey expects (e.g. a CSP report) and that are not problems. */
  expectConsoleError(pattern: RegExp): void;
}

// A rejected sign-in is an HTTP 400 from Cognito, and Chromium logs every 4xx fetch as
// "Failed to load resource" on the console. These are the API answering, not page errors.
const COGNITO_4XX = /^Failed to load resource: the server responded with a status of 4\d\d/;
/** The pool's address under both names of the site: passkey journeys browse it as localhost. */
const POOL_URLS = [baseUrl, localhostOrigin(baseUrl)].map((origin) => `${origin}/__cognito`);
const toPool = (url: string): boolean => POOL_URLS.some((pool) => url.startsWith(pool));

/**
 * Registers before/after hooks for a test file: one Chromium for the file, a fresh context per
 * journey, and after each test an assertion that the journey saw no page or console errors.
 */
export function useBrowser(): { open(options?: BrowserContextOptions): Promise<Journey> } {
  let browser: Browser | undefined;
  const open: Journey[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async (context) => {
    const journeys = open.splice(0);
    if (context.task.result?.state === 'fail') {
      // What the rider saw when the journey failed, for the person reading the report.
      const name = context.task.name.replace(/[^\w]+/g, '-').slice(0, 60);
      for (const [i, j] of journeys.entries()) {
        await j.page
          .screenshot({ path: join(SCREENSHOTS, `FAILED-${name}-${i}.png`), fullPage: true })
          .catch(() => undefined);
      }
    }
    for (const j of journeys) await j.context.close();
    const problems = journeys.flatMap((j) => j.problems);
    expect(problems, 'page errors, console errors or 5xx responses during the journey').toEqual([]);
  });

  return {
    async open(options: BrowserContextOptions = {}): Promise<Journey> {
      if (!browser) throw new Error('useBrowser(): the browser is not running');
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const expected: RegExp[] = [];
      const journey: Journey = {
        context,
        page,
        problems: [],
        cognitoCalls: [],
        expectConsoleError: (pattern) => expected.push(pattern),
      };
      page.on('pageerror', (err) => journey.problems.push(`page error on ${page.url()}: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        const from = msg.location().url;
        if (COGNITO_4XX.test(text) && toPool(from)) return;
        if (expected.some((p) => p.test(text))) return;
        journey.problems.push(`console error on ${page.url()}: ${text}${from ? ` (${from})` : ''}`);
      });
      page.on('response', (res) => {
        if (res.status() >= 500)
          journey.problems.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
      });
      page.on('request', (req) => {
        if (!toPool(req.url())) return;
        const action = (req.headers()['x-amz-target'] ?? '').replace(/^AWSCognitoIdentityProviderService\./, '');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(req.postData() ?? '{}') as Record<string, unknown>;
        } catch {
          // not JSON: recorded with an empty body
        }
        journey.cognitoCalls.push({ action: action || `${req.method()} ${req.url()}`, body });
      });
      open.push(journey);
      return journey;
    },
  };
}

// ---------------------------------------------------------------- screenshots and axe

mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * Saves a full-page screenshot as test-results/e2e/<name>.png and runs axe-core on the page as it
 * is now. Axe findings are soft failures, so the journey goes on and every state gets audited.
 */
export async function audit(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect.soft(summary, `axe violations on "${name}" (${page.url()})`).toEqual([]);
}

// ---------------------------------------------------------------- assertions on what riders see

/** Waits until the locator is visible and its text matches. */
export async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  await locator.waitFor({ state: 'visible' });
  await expect
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the rendered text a rider sees.
    .poll(async () => (await locator.innerText()).replace(/\s+/g, ' ').trim(), { timeout: 10_000 })
    .toMatch(pattern);
}

/** The id (or tag) of the focused element, for focus assertions. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? el.id || el.tagName.toLowerCase() : '';
  });
}

export async function expectFocus(page: Page, id: string): Promise<void> {
  await expect.poll(() => focused(page), { timeout: 5_000 }).toBe(id);
}

/** The page's message region (role=status, aria-live=polite). */
export const statusRegion = (page: Page): Locator => page.getByRole('status');

export async function expectPath(page: Page, path: string | RegExp): Promise<void> {
  await page.waitForURL((url) =>
    typeof path === 'string' ? url.pathname === path : path.test(url.pathname + url.search),
  );
}

// ---------------------------------------------------------------- the local pool: mailbox and operator API

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  code: string;
  sentAt: string;
}

export async function mailFor(to: string): Promise<MailMessage[]> {
  const res = await fetch(`${baseUrl}/__cognito/mailbox.json?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error(`mailbox.json answered HTTP ${res.status}`);
  return ((await res.json()) as { messages: MailMessage[] }).messages;
}

/** Waits for the (count+1)-th message to `to` and returns the newest one. */
export async function nextMail(to: string, seenBefore: number): Promise<MailMessage> {
  let messages: MailMessage[] = [];
  await expect
    .poll(
      async () => {
        messages = await mailFor(to);
        return messages.length;
      },
      { timeout: 10_000 },
    )
    .toBeGreaterThan(seenBefore);
  return messages[0]!;
}

export const operator = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  endpoint: `${baseUrl}/__cognito/`,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
});

/** A rider who registered but never confirmed the address (one code in the mailbox). */
export async function createUnconfirmedRider(email: string, password = GOOD_PASSWORD): Promise<void> {
  await operator.send(
    new SignUpCommand({
      ClientId: CLIENT_ID,
      Username: email,
      Password: password,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
}

/**
 * A registered rider who confirmed the address with the emailed code, as through the site
 * (AdminConfirmSignUp would leave email_verified false, and such a rider cannot reset a password).
 */
export async function createRider(email: string, password = GOOD_PASSWORD): Promise<void> {
  await createUnconfirmedRider(email, password);
  const { code } = await nextMail(email, 0);
  await operator.send(new ConfirmSignUpCommand({ ClientId: CLIENT_ID, Username: email, ConfirmationCode: code }));
}

/** An operator-created rider (FORCE_CHANGE_PASSWORD); returns the temporary password from the invitation email. */
export async function createInvitedRider(email: string): Promise<string> {
  await operator.send(
    new AdminCreateUserCommand({
      UserPoolId: POOL_ID,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  const invitation = await nextMail(email, 0);
  expect(invitation.subject).toMatch(/temporary password/i);
  return invitation.code;
}

// ---------------------------------------------------------------- rider steps

/** Fills the register form and submits it; the caller asserts where the rider lands. */
export async function submitRegistration(
  page: Page,
  email: string,
  password: string,
  confirm = password,
): Promise<void> {
  await page.goto(`${baseUrl}/register.html`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(confirm);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/signin.html`);
  const form = page.locator('#signin-form');
  await form.getByLabel('Email address').fill(email);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Asserts the home page shows the signed-in rider and returns the ID token it shows. */
export async function expectSignedIn(page: Page, email: string): Promise<string> {
  await expectPath(page, '/');
  await expectText(page.getByText('Signed in as'), new RegExp(`Signed in as ${email.replace(/[.+]/g, '\\$&')}`));
  const token = await page.getByLabel(/Your ID token/).inputValue();
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = decodeJwt(token);
  expect(claims.email).toBe(email);
  expect(claims.token_use).toBe('id');
  return token;
}

export async function expectSignedOut(page: Page): Promise<void> {
  await expectText(page.getByText('You’re not signed in.'), /You’re not signed in\./);
  await expect.poll(() => page.getByText('Signed in as').isVisible()).toBe(false);
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Whether `target` is the focused element. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/** Presses Tab (at most `limit` times) until `target` has focus; fails if it never does. */
export async function tabTo(page: Page, target: Locator, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await hasFocus(target)) return;
    await page.keyboard.press('Tab');
  }
  expect(await hasFocus(target), `Tab never reached ${String(target)} (focus is on ${await focused(page)})`).toBe(true);
}
