// The facts the site and the local pool share (shared/), checked end to end: the pool over HTTP
// refuses exactly the passwords and emails the site's own checks refuse, and `npm run
// cognito:local` takes every region name the site and the scripts take.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../src/auth/errors.ts';
import { passwordProblem } from '../../src/auth/password-policy.ts';
import { normalizeEmail } from '../../src/auth/validate.ts';
import { type Harness, newEmail, startHarness } from './local-cognito/harness.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SMILE = '\u{1F600}';

const children: ChildProcess[] = [];
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  // A CLI still running after a failed test: stop its whole process group.
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
});

describe('the site and the local pool apply one password policy', () => {
  it('SignUp is refused for exactly the passwords the register page refuses (emoji count as one character)', async () => {
    // `Ab1!😀😀` is 6 characters but 8 UTF-16 units: the page used to accept it and the pool refused it.
    // An inner space is a symbol on the page, and Cognito takes it (only leading and trailing spaces are refused).
    const passwords = [
      `Ab1!${SMILE}${SMILE}`,
      `Ab1!${SMILE.repeat(4)}`,
      'Unicorn1!',
      'unicorn1!',
      'Unicorn12',
      'Uni1!xy',
      'Unicorn 1a',
      ' Unicorn1!',
      // 256 characters (the most Cognito takes) but 508 UTF-16 units; 257 characters is one too many.
      `Ab1!${SMILE.repeat(252)}`,
      `Ab1!${SMILE.repeat(253)}`,
    ];
    for (const password of passwords) {
      const res = await h.call('SignUp', { ClientId: h.clientId, Username: newEmail('policy'), Password: password });
      const page = passwordProblem(password);
      if (page === null) {
        expect(res.status, `${password}: ${JSON.stringify(res.body)}`).toBe(200);
      } else {
        expect(res.status, password).toBe(400);
        expect(['InvalidPasswordException', 'InvalidParameterException'], password).toContain(res.body.__type);
      }
    }
  });
});

describe('the site and the local pool accept the same rider emails', () => {
  it('an address the sign-up form refuses is refused by the pool too', async () => {
    for (const email of ['rider@example..com', 'rider@.example.com', 'rider@example']) {
      expect(() => normalizeEmail(email), email).toThrow(AuthError);
      const res = await h.call('SignUp', { ClientId: h.clientId, Username: email, Password: 'Unicorn1!' });
      expect(res.status, email).toBe(400);
      expect(res.body.__type, email).toBe('InvalidParameterException');
    }
    const good = newEmail('good');
    expect(normalizeEmail(good)).toBe(good);
    expect((await h.call('SignUp', { ClientId: h.clientId, Username: good, Password: 'Unicorn1!' })).status).toBe(200);
  });
});

/** `npm run cognito:local -- <args>` as the README runs it; resolves with its output once it prints its URL or exits. */
function runCognitoLocal(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn('npm', ['run', '--silent', 'cognito:local', '--', ...args], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let stopping = false;
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (!stopping && /listening on http:\/\/\S+\//.test(out)) {
        // It started: stop it (its whole process group: npm, tsx and the pool), once, and report that.
        stopping = true;
        process.kill(-(child.pid as number), 'SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run cognito:local -- --region', () => {
  it('takes a region whose number has two digits, as the site and the scripts do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lc-region-'));
    try {
      const { out } = await runCognitoLocal([
        '--port',
        '0',
        '--data-dir',
        dir,
        '--quiet',
        '--region',
        'ap-southeast-10',
      ]);
      expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\//);
      expect(out).not.toContain('--region must look like');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed region with exit code 2 and says why', async () => {
    const { code, out } = await runCognitoLocal(['--port', '0', '--region', 'us-east-1a']);
    expect(code).toBe(2);
    expect(out).toContain('--region must look like us-east-1, not "us-east-1a".');
    expect(out).not.toContain('listening');
  });
});
