// Issue 11 §5: a hostile web page in the developer's browser must not take over accounts on the
// local pool. Over raw HTTP (node:http, so Host, Origin and Sec-Fetch-* are exactly what a browser or
// a DNS-rebinding page sends) against the standalone pool, the pool mounted in a real Vite dev server
// and in a real Vite preview server, each on port 0 with the plugin from vite-plugins/local-cognito.ts.
// Each is configured as a developer would: one extra host name and one extra site allowed.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer, defaultAllowedOrigins, preview as vitePreview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCognito } from '../../../local-cognito/index.ts';
import { localCognito } from '../../../vite-plugins/local-cognito.ts';
import { AMZ_JSON, PASSWORD, removeTempDirs, TARGET, tempDataDir, uniqueEmail } from './pool-kit.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const POOL_ID = 'us-east-1_LocalPool';
const CLIENT_ID = 'localwildrydeswebclient001';
const EVIL = 'https://evil.example';
/** The site and the host name each pool under test is configured to allow. */
const LISTED_ORIGIN = 'https://riders.example';
const LISTED_HOST = 'pool.test';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown> | undefined;
}

interface Target {
  name: string;
  /** The pool's base URL with its mount path and a trailing slash. */
  base: URL;
  /** Under Vite, Vite's own cors middleware answers preflights before the pool sees them. */
  viteInFront: boolean;
  close(): Promise<void>;
}

/** One request to the pool; `Host` defaults to the address it listens on, as a browser sends it. */
function send(
  t: Target,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: t.base.hostname,
        port: t.base.port,
        method,
        path: `${t.base.pathname}${path}`,
        headers: { host: t.base.host, ...options.headers },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (t: Target, action: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> =>
  send(t, 'POST', '', {
    headers: { 'content-type': AMZ_JSON, 'x-amz-target': TARGET + action, ...headers },
    body: JSON.stringify(body),
  });

const preflight = (t: Target, origin: string): Promise<Answer> =>
  send(t, 'OPTIONS', '', {
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
    },
  });

/** What the developer's own tools see (no Origin, as curl and the tests' fetch send). */
async function mailTo(t: Target, to: string): Promise<{ code: string }[]> {
  const res = await send(t, 'GET', `mailbox.json?to=${encodeURIComponent(to)}`);
  expect(res.status, res.text).toBe(200);
  return (res.json as { messages: { code: string }[] }).messages;
}

async function confirmedRider(t: Target): Promise<string> {
  const email = uniqueEmail('victim');
  expect((await api(t, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD })).status).toBe(200);
  const [mail] = await mailTo(t, email);
  const confirmed = await api(t, 'ConfirmSignUp', {
    ClientId: CLIENT_ID,
    Username: email,
    ConfirmationCode: mail?.code,
  });
  expect(confirmed.status, confirmed.text).toBe(200);
  return email;
}

/** The pool's refusal: Cognito-shaped, 403, nothing a browser may read cross-origin, nosniff. */
function expectRefused(res: Answer, message?: RegExp): void {
  expect(res.status, res.text).toBe(403);
  expect(res.json?.__type, res.text).toBe('AccessDeniedException');
  expect(typeof res.json?.message).toBe('string');
  if (message) expect(res.json?.message).toMatch(message);
  expect(res.headers['x-amzn-errortype']).toBe('AccessDeniedException:');
  expect(res.headers['content-type']).toBe(AMZ_JSON);
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

async function standalone(): Promise<Target> {
  const running = await startLocalCognito({
    dataDir: await tempDataDir('access'),
    quiet: true,
    allowedHosts: [LISTED_HOST],
    allowedOrigins: [LISTED_ORIGIN],
  });
  return { name: 'standalone', base: new URL(running.url), viteInFront: false, close: () => running.close() };
}

/** Vite's settings a developer would write: its default loopback origins plus one site; one more host. */
const viteServing = {
  host: '127.0.0.1',
  port: 0,
  allowedHosts: [LISTED_HOST],
  cors: { origin: [defaultAllowedOrigins, LISTED_ORIGIN] },
};

async function viteDev(): Promise<Target> {
  const server = await createViteServer({
    configFile: false,
    root: await tempDataDir('vite-dev'),
    logLevel: 'silent',
    plugins: [localCognito()],
    server: { ...viteServing, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] as string;
  return { name: 'vite dev', base: new URL('__cognito/', url), viteInFront: true, close: () => server.close() };
}

async function vitePreviewServer(): Promise<Target> {
  const root = await tempDataDir('vite-preview');
  await mkdir(join(root, 'dist'));
  const server = await vitePreview({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [localCognito()],
    preview: viteServing,
  });
  const url = server.resolvedUrls?.local[0] as string;
  return { name: 'vite preview', base: new URL('__cognito/', url), viteInFront: true, close: () => server.close() };
}

afterAll(async () => {
  await removeTempDirs();
});

describe.each([
  ['standalone', standalone],
  ['vite dev', viteDev],
  ['vite preview', vitePreviewServer],
])('the %s pool and a hostile page', (_name, start) => {
  let t: Target;

  beforeAll(async () => {
    t = await start();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the takeover from the issue fails at its first step that needs the mailbox', async () => {
    const victim = await confirmedRider(t);
    const sent = (await mailTo(t, victim)).length;

    // 1. The preflight gets no CORS answer, so a browser never sends the call.
    const pre = await preflight(t, EVIL);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    if (!t.viteInFront) expectRefused(pre, /Origin "https:\/\/evil\.example" may not call/);
    // 2. Sent anyway (a non-browser would not carry the Origin), ForgotPassword is refused before it mails.
    expectRefused(await api(t, 'ForgotPassword', { ClientId: CLIENT_ID, Username: victim }, { origin: EVIL }));
    expect(await mailTo(t, victim)).toHaveLength(sent);
    // 3. The mailbox, with or without ?to=, as JSON or HTML, gives that page nothing.
    const to = `?to=${encodeURIComponent(victim)}`;
    for (const path of [`mailbox.json${to}`, 'mailbox.json', 'mailbox', `mailbox${to}`]) {
      const res = await send(t, 'GET', path, { headers: { origin: EVIL } });
      expectRefused(res, /mailbox is for the developer/);
      expect(res.text).not.toContain(victim);
    }
    // 4. Even a code the developer asked for cannot be spent from that page; it still works for them.
    expect((await api(t, 'ForgotPassword', { ClientId: CLIENT_ID, Username: victim })).status).toBe(200);
    const [reset] = await mailTo(t, victim);
    const stolen = { ClientId: CLIENT_ID, Username: victim, ConfirmationCode: reset?.code, Password: 'Evil-Pass-1!' };
    expectRefused(await api(t, 'ConfirmForgotPassword', stolen, { origin: EVIL }));
    const own = await api(t, 'ConfirmForgotPassword', { ...stolen, Password: 'Own-Pass-2!' });
    expect(own.status, own.text).toBe(200);
  });

  it('state-changing calls from other sites, null and look-alike origins are refused before they do anything', async () => {
    for (const origin of [
      EVIL,
      'null',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example:5173',
      'not a url',
    ]) {
      const email = uniqueEmail('refused');
      expectRefused(await api(t, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD }, { origin }));
      expect(await mailTo(t, email)).toEqual([]);
      const listed = await api(t, 'ListUsers', { UserPoolId: POOL_ID, Filter: `email = "${email}"` });
      expect(listed.json?.Users).toEqual([]);
    }
  });

  it('loopback origins and the configured site get the preflight and the call', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080', LISTED_ORIGIN]) {
      const pre = await preflight(t, origin);
      expect(pre.status, `${origin}: ${pre.text}`).toBeLessThan(300);
      expect(pre.headers['access-control-allow-origin']).toBe(origin);
      expect(String(pre.headers['access-control-allow-methods'])).toMatch(/\bPOST\b/);
      expect(String(pre.headers['access-control-allow-headers']).toLowerCase()).toContain('x-amz-target');
      const res = await api(t, 'ForgotPassword', { ClientId: CLIENT_ID, Username: uniqueEmail('nobody') }, { origin });
      expect(res.status, res.text).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(String(res.headers['access-control-expose-headers']).toLowerCase()).toContain('x-amzn-errortype');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('answers loopback and configured host names only (DNS rebinding), with a clear error', async () => {
    const port = t.base.port;
    for (const host of [`localhost:${port}`, `[::1]:${port}`, `${LISTED_HOST}:${port}`]) {
      const res = await send(t, 'GET', '', { headers: { host } });
      expect(res.status, `${host}: ${res.text}`).toBe(200);
    }
    // A page served under the configured name is same-origin with the pool.
    const own = `http://${LISTED_HOST}:${port}`;
    const nobody = { ClientId: CLIENT_ID, Username: uniqueEmail('nobody') };
    const sameOrigin = await api(t, 'ForgotPassword', nobody, { host: `${LISTED_HOST}:${port}`, origin: own });
    expect(sameOrigin.status, sameOrigin.text).toBe(200);
    expect(sameOrigin.headers['access-control-allow-origin']).toBe(own);

    // A rebinding page is same-origin by name: its Host gives it away. Vite refuses such names itself
    // (text/plain) before the pool; an address Vite lets through is refused by the pool.
    const victim = await confirmedRider(t);
    for (const name of ['evil.example', '192.0.2.1']) {
      const host = `${name}:${port}`;
      const origin = `http://${host}`;
      for (const res of [
        await send(t, 'GET', 'mailbox.json', { headers: { host, origin } }),
        await send(t, 'GET', 'mailbox.json', { headers: { host } }),
        await send(t, 'GET', 'mailbox', { headers: { host } }),
        await api(t, 'ForgotPassword', { ClientId: CLIENT_ID, Username: victim }, { host, origin }),
        await send(t, 'GET', '', { headers: { host } }),
      ]) {
        expect(res.status, `${host}: ${res.text}`).toBe(403);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect(res.text).not.toContain(victim);
        if (!t.viteInFront || name === '192.0.2.1') expectRefused(res, /Host "[^"]+" is not served.*--allowed-host/);
      }
    }
    expect(await mailTo(t, victim)).toHaveLength(1); // only the sign-up code: no reset was sent
  });

  it('serves the mailbox to the developer only: no Origin or a loopback one, never to another site', async () => {
    const email = await confirmedRider(t);
    const mine = await send(t, 'GET', `mailbox.json?to=${encodeURIComponent(email)}`);
    expect(mine.status).toBe(200);
    expect(mine.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    const local = await send(t, 'GET', 'mailbox.json', { headers: { origin: 'http://localhost:5173' } });
    expect(local.status).toBe(200);
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    // A link from another site still opens the page (a top-level navigation the site cannot read)...
    const opened = await send(t, 'GET', 'mailbox', {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    });
    expect(opened.status).toBe(200);
    expect(opened.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(opened.text).toContain(email);
    // ...but the configured site, the configured host name (with or without its own origin), null,
    // and another site's <script>/<img> (no Origin, only Sec-Fetch-*) get nothing.
    const port = t.base.port;
    const refusedHeaders: Record<string, string>[] = [
      { origin: LISTED_ORIGIN },
      { origin: `http://${LISTED_HOST}:${port}`, host: `${LISTED_HOST}:${port}` },
      { host: `${LISTED_HOST}:${port}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
    ];
    for (const headers of refusedHeaders) {
      for (const path of ['mailbox.json', 'mailbox']) {
        const res = await send(t, 'GET', path, { headers });
        expectRefused(res);
        expect(res.text).not.toContain(email);
      }
    }
  });

  it('every answer of the pool carries X-Content-Type-Options: nosniff', async () => {
    const answers = [
      await send(t, 'GET', ''),
      await send(t, 'GET', `${POOL_ID}/.well-known/jwks.json`),
      await send(t, 'GET', `${POOL_ID}/.well-known/openid-configuration`),
      await send(t, 'GET', 'mailbox'),
      await send(t, 'GET', 'mailbox.json'),
      await send(t, 'GET', 'no/such/thing'),
      await send(t, 'PUT', ''),
      await send(t, 'POST', '', { headers: { 'x-amz-target': `${TARGET}SignUp` }, body: '{not json' }),
      await api(t, 'NoSuchAction', {}),
      await api(t, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'nosuchclient' }),
      await api(t, 'SignUp', {}, { origin: EVIL }),
      ...(t.viteInFront ? [] : [await preflight(t, 'http://localhost:5173')]),
    ];
    expect(answers.map((a) => a.status)).toEqual([
      200,
      200,
      200,
      200,
      200,
      404,
      405,
      400,
      400,
      400,
      403,
      ...(t.viteInFront ? [] : [204]),
    ]);
    for (const a of answers) expect(a.headers['x-content-type-options'], a.text).toBe('nosniff');
  });
});

// npm and tsx start slowly on a busy machine: these wait for the process, not for a clock.
describe('npm run cognito:local with --allowed-host and --allowed-origin, as the README shows', () => {
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  });

  function run(args: string[]): ChildProcess {
    return spawn('npm', ['run', '-s', 'cognito:local', '--', ...args], {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  it('answers the configured name and site, refuses others, and keeps idle connections 65 s', async () => {
    const dir = await tempDataDir('cli-access');
    child = run([
      '--port',
      '0',
      '--data-dir',
      dir,
      '--allowed-host',
      LISTED_HOST,
      '--allowed-origin',
      LISTED_ORIGIN,
      '--quiet',
    ]);
    const started = child;
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      started.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+\/)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      started.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      started.once('exit', (code) => reject(new Error(`pool exited (${code}) before listening: ${out}`)));
    });
    const t: Target = { name: 'cli', base: new URL(url), viteInFront: false, close: async () => undefined };

    const named = await send(t, 'GET', '', { headers: { host: `${LISTED_HOST}:${t.base.port}` } });
    expect(named.status).toBe(200);
    // Node announces the keep-alive time to clients, which use it to retire idle sockets first.
    expect(named.headers['keep-alive']).toBe('timeout=65');
    expectRefused(await send(t, 'GET', '', { headers: { host: `evil.example:${t.base.port}` } }), /--allowed-host/);
    expect((await preflight(t, LISTED_ORIGIN)).headers['access-control-allow-origin']).toBe(LISTED_ORIGIN);
    expectRefused(await preflight(t, EVIL), /--allowed-origin/);
  }, 60_000);

  it.each([
    [['--allowed-origin', 'riders.example'], /^--allowed-origin takes an origin such as .*, not "riders\.example"\.$/],
    [['--allowed-origin', 'https://riders.example/path'], /^--allowed-origin takes an origin/],
    [
      ['--allowed-host', 'http://pool.test:5173'],
      /^--allowed-host takes a host name without scheme or port .*"http:\/\/pool\.test:5173"/,
    ],
  ])(
    'refuses %j with exit 2 and one line',
    async (args, message) => {
      const bad = run(args);
      let stderr = '';
      bad.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise((resolve) => bad.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
    },
    60_000,
  );
});
