// The local pool under hostile and unlucky conditions, over raw HTTP: malformed requests must get
// Cognito-shaped 4xx errors (never a 5xx or a hang), CORS must let the developer's configured sites
// in but keep operator actions to this machine (browser-access.test.ts has the hostile pages),
// racing sign-ups must have one winner, and state must survive restarts, kill -9, torn journal
// writes and compaction, with corrupt data refused loudly.

import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningLocalCognito } from '../../../local-cognito/index.ts';
import { startLocalCognito } from '../../../local-cognito/index.ts';
import { SRP_N } from '../../../local-cognito/srp.ts';
import {
  AMZ_JSON,
  call,
  expectCognitoError,
  latestCode,
  mailTo,
  ok,
  PASSWORD,
  removeTempDirs,
  TARGET,
  tempDataDir,
  uniqueEmail,
} from './pool-kit.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const POOL_ID = 'us-east-1_LocalPool';
const CLIENT_ID = 'localwildrydeswebclient001';

let pool: RunningLocalCognito;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // The site a developer allowed with --allowed-origin (README "Local pool and your browser").
  pool = await startLocalCognito({
    dataDir: await tempDataDir('robust'),
    quiet: true,
    allowedOrigins: ['https://riders.example'],
  });
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await pool?.close();
  await removeTempDirs();
});

/** A test app client on the default pool that allows USER_PASSWORD_AUTH (the web client allows SRP only). */
async function passwordClient(url: string): Promise<string> {
  const created = await ok(url, 'CreateUserPoolClient', {
    UserPoolId: POOL_ID,
    ClientName: 'robustness',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return (created.UserPoolClient as { ClientId: string }).ClientId;
}

async function signUpConfirmed(url: string, email: string): Promise<void> {
  await ok(url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD });
  await ok(url, 'ConfirmSignUp', {
    ClientId: CLIENT_ID,
    Username: email,
    ConfirmationCode: await latestCode(url, email),
  });
}

async function usersWithEmail(url: string, email: string): Promise<{ Username: string; UserStatus: string }[]> {
  const listed = await ok(url, 'ListUsers', { UserPoolId: POOL_ID, Filter: `email = "${email}"` });
  return listed.Users as { Username: string; UserStatus: string }[];
}

/** `npx tsx local-cognito/cli.ts` in its own process group; resolves once it prints its URL. */
const SPAWN_TIMEOUT_MS = 60_000;

async function spawnCli(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('npx', ['tsx', 'local-cognito/cli.ts', '--port', '0', '--data-dir', dir], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    // npx, then tsx, then the pool's module graph: about a second on a quiet machine, but many
    // times that when other test files load every core, so the bound is generous (the test's own
    // timeout is above it); it only turns a pool that never starts into a readable failure.
    const timer = setTimeout(() => reject(new Error(`no "listening" line: ${out}`)), SPAWN_TIMEOUT_MS);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`pool exited (${code}) before listening: ${out}`)));
  });
  return { child, url };
}

describe('malformed requests get Cognito-shaped 4xx errors', () => {
  interface Case {
    name: string;
    action: string;
    body: unknown;
    type: string;
    message?: string | RegExp;
    status?: number;
  }
  const huge = 'x'.repeat(200_000);
  const cases: Case[] = [
    { name: 'invalid JSON', action: 'SignUp', body: '{"ClientId": "abc", ', type: 'SerializationException' },
    { name: 'a JSON array body', action: 'SignUp', body: '[1, 2, 3]', type: 'SerializationException' },
    { name: 'a JSON string body', action: 'InitiateAuth', body: '"hello"', type: 'SerializationException' },
    { name: 'a JSON number body', action: 'GetUser', body: '42', type: 'SerializationException' },
    { name: 'a JSON null body', action: 'SignUp', body: 'null', type: 'SerializationException' },
    {
      name: 'deeply nested JSON',
      action: 'SignUp',
      body: '['.repeat(100_000) + ']'.repeat(100_000),
      type: 'SerializationException',
    },
    {
      name: 'a number for Username',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: 42, Password: PASSWORD },
      type: 'SerializationException',
    },
    {
      name: 'an object for ClientId',
      action: 'SignUp',
      body: { ClientId: { id: 1 }, Username: 'a@b.co', Password: PASSWORD },
      type: 'SerializationException',
    },
    {
      name: 'a string for AuthParameters',
      action: 'InitiateAuth',
      body: { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: 'USERNAME=x' },
      type: 'SerializationException',
    },
    {
      name: 'a list for UserAttributes entries',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: 'a@b.co', Password: PASSWORD, UserAttributes: [['email', 'x']] },
      type: 'SerializationException',
    },
    {
      name: 'a string for Limit',
      action: 'ListUsers',
      body: { UserPoolId: POOL_ID, Limit: '10' },
      type: 'SerializationException',
    },
    {
      name: 'a fraction for Limit',
      action: 'ListUsers',
      body: { UserPoolId: POOL_ID, Limit: 1.5 },
      type: 'SerializationException',
    },
    {
      name: 'a number inside AuthParameters',
      action: 'InitiateAuth',
      body: { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 7, SRP_A: 'ab' } },
      type: 'SerializationException',
    },
    {
      name: 'a missing Username',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Password: PASSWORD },
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
    },
    {
      name: 'an empty body for ConfirmSignUp',
      action: 'ConfirmSignUp',
      body: '',
      type: 'InvalidParameterException',
      message: /^1 validation error detected: Value null at/,
    },
    {
      name: 'a missing AuthFlow',
      action: 'InitiateAuth',
      body: { ClientId: CLIENT_ID },
      type: 'InvalidParameterException',
    },
    {
      name: 'an unknown AuthFlow',
      action: 'InitiateAuth',
      body: { ClientId: CLIENT_ID, AuthFlow: 'MAGIC' },
      type: 'InvalidParameterException',
      message: /enum value set/,
    },
    {
      name: 'an empty Username',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: '', Password: PASSWORD },
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1",
    },
    {
      name: 'an empty ClientId',
      action: 'ForgotPassword',
      body: { ClientId: '', Username: 'a@b.co' },
      type: 'InvalidParameterException',
    },
    {
      name: 'a huge Username',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: huge, Password: PASSWORD },
      type: 'InvalidParameterException',
      message: /length less than or equal to 128/,
    },
    {
      name: 'a huge password',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: 'huge@example.com', Password: huge },
      type: 'InvalidParameterException',
      message: /length less than or equal to 256/,
    },
    {
      name: 'a huge ConfirmationCode',
      action: 'ConfirmSignUp',
      body: { ClientId: CLIENT_ID, Username: 'a@b.co', ConfirmationCode: huge },
      type: 'InvalidParameterException',
    },
    {
      name: 'a short password',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: 'short@example.com', Password: 'Ab1!' },
      type: 'InvalidParameterException',
      message:
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6",
    },
    {
      name: 'an unknown ClientId',
      action: 'SignUp',
      body: { ClientId: 'nosuchclient0000000000000', Username: 'a@b.co', Password: PASSWORD },
      type: 'ResourceNotFoundException',
    },
    {
      name: 'an unknown ClientId on InitiateAuth',
      action: 'InitiateAuth',
      body: { ClientId: 'nosuchclient', AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'a', SRP_A: 'ab' } },
      type: 'ResourceNotFoundException',
    },
    {
      name: 'an unknown UserPoolId',
      action: 'AdminGetUser',
      body: { UserPoolId: 'us-east-1_NoSuchPool', Username: 'someone' },
      type: 'ResourceNotFoundException',
    },
    {
      name: 'an unknown UserPoolId on ListUsers',
      action: 'ListUsers',
      body: { UserPoolId: 'eu-west-1_Missing01' },
      type: 'ResourceNotFoundException',
    },
    {
      name: 'a malformed UserPoolId',
      action: 'ListUsers',
      body: { UserPoolId: 'not a pool id' },
      type: 'InvalidParameterException',
      message: /regular expression pattern/,
    },
    { name: 'an unknown X-Amz-Target', action: `${TARGET}FlyToTheMoon`, body: {}, type: 'UnknownOperationException' },
    {
      name: 'a foreign service target',
      action: 'DynamoDB_20120810.ListTables',
      body: {},
      type: 'UnknownOperationException',
    },
    {
      name: 'a real but unsupported action',
      action: 'AdminInitiateAuth',
      body: { UserPoolId: POOL_ID },
      type: 'UnsupportedOperationException',
      message: /AdminInitiateAuth/,
    },
    {
      name: 'another unsupported action',
      action: 'DeleteUserPool',
      body: { UserPoolId: POOL_ID },
      type: 'UnsupportedOperationException',
    },
    {
      name: 'a bogus SECRET_BLOCK',
      action: 'RespondToAuthChallenge',
      body: {
        ClientId: CLIENT_ID,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: {
          USERNAME: 'someone',
          PASSWORD_CLAIM_SECRET_BLOCK: 'bm90IGEgYmxvY2s=',
          TIMESTAMP: 'Tue Mar 5 09:05:03 UTC 2024',
          PASSWORD_CLAIM_SIGNATURE: 'c2ln',
        },
      },
      type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    },
    {
      name: 'a bogus Session',
      action: 'RespondToAuthChallenge',
      body: {
        ClientId: CLIENT_ID,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: 'A'.repeat(64),
        ChallengeResponses: { USERNAME: 'x', NEW_PASSWORD: PASSWORD },
      },
      type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    },
    {
      name: 'a too-short Session',
      action: 'RespondToAuthChallenge',
      body: { ClientId: CLIENT_ID, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'abc' },
      type: 'InvalidParameterException',
    },
    {
      name: 'a garbage access token',
      action: 'GetUser',
      body: { AccessToken: 'garbage' },
      type: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    },
    {
      name: 'a JWT-shaped garbage access token',
      action: 'GetUser',
      body: { AccessToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
      type: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    },
    {
      name: 'an access token with bad characters',
      action: 'GlobalSignOut',
      body: { AccessToken: 'a b<c>' },
      type: 'InvalidParameterException',
    },
    {
      name: 'a garbage token for ChangePassword',
      action: 'ChangePassword',
      body: { AccessToken: 'x.y.z', PreviousPassword: PASSWORD, ProposedPassword: PASSWORD },
      type: 'NotAuthorizedException',
    },
    {
      name: 'a garbage refresh token',
      action: 'InitiateAuth',
      body: {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { REFRESH_TOKEN: 'garbage.refresh.token' },
      },
      type: 'NotAuthorizedException',
      message: 'Invalid Refresh Token.',
    },
    {
      name: 'a missing refresh token',
      action: 'InitiateAuth',
      body: { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT_ID, AuthParameters: {} },
      type: 'InvalidParameterException',
    },
    {
      name: 'revoking a garbage token of an unknown client',
      action: 'RevokeToken',
      body: { ClientId: 'nosuchclient', Token: 'garbage' },
      type: 'ResourceNotFoundException',
    },
    {
      name: 'SRP_A = 0',
      action: 'InitiateAuth',
      body: {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'someone@example.com', SRP_A: '0' },
      },
      type: 'InvalidParameterException',
    },
    {
      name: 'SRP_A = N',
      action: 'InitiateAuth',
      body: {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'someone@example.com', SRP_A: SRP_N.toString(16) },
      },
      type: 'InvalidParameterException',
    },
    {
      name: 'SRP_A = 2N',
      action: 'InitiateAuth',
      body: {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'someone@example.com', SRP_A: (2n * SRP_N).toString(16) },
      },
      type: 'InvalidParameterException',
    },
    {
      name: 'non-hex SRP_A',
      action: 'InitiateAuth',
      body: {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'someone@example.com', SRP_A: 'not-hex!' },
      },
      type: 'InvalidParameterException',
    },
    {
      name: 'a huge SRP_A',
      action: 'InitiateAuth',
      body: {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'someone@example.com', SRP_A: 'f'.repeat(100_000) },
      },
      type: 'InvalidParameterException',
    },
    {
      name: 'a NUL byte in Username',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: 'nul\u0000@example.com', Password: PASSWORD },
      type: 'InvalidParameterException',
      message: /regular expression pattern/,
    },
    {
      name: 'a lone surrogate in Username',
      action: 'SignUp',
      body: `{"ClientId":"${CLIENT_ID}","Username":"\\ud800@example.com","Password":"${PASSWORD}"}`,
      type: 'InvalidParameterException',
    },
    {
      name: 'a NUL byte in a code',
      action: 'ConfirmSignUp',
      body: { ClientId: CLIENT_ID, Username: 'a@b.co', ConfirmationCode: '12\u00003456' },
      type: 'CodeMismatchException',
    },
    {
      name: 'invalid UTF-8 bytes',
      action: 'SignUp',
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      type: 'SerializationException',
    },
    {
      name: 'invalid UTF-8 inside a Username',
      action: 'SignUp',
      body: Buffer.concat([
        Buffer.from(`{"ClientId":"${CLIENT_ID}","Password":"${PASSWORD}","Username":"a`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('@b.co"}'),
      ]),
      type: 'SerializationException',
      message: 'Request body is not valid UTF-8.',
    },
    {
      name: 'a bad ListUsers filter',
      action: 'ListUsers',
      body: { UserPoolId: POOL_ID, Filter: 'email === "x' },
      type: 'InvalidParameterException',
    },
    {
      name: 'a garbage PaginationToken',
      action: 'ListUsers',
      body: { UserPoolId: POOL_ID, PaginationToken: '%%%' },
      type: 'InvalidParameterException',
    },
    {
      name: 'a non-email username in the email pool',
      action: 'SignUp',
      body: { ClientId: CLIENT_ID, Username: 'ünïcødé-rider', Password: PASSWORD },
      type: 'InvalidParameterException',
    },
    {
      name: 'an unknown attribute',
      action: 'SignUp',
      body: {
        ClientId: CLIENT_ID,
        Username: 'attr@example.com',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'favourite_colour', Value: 'red' }],
      },
      type: 'InvalidParameterException',
    },
  ];

  it.each(cases)('$name → $type', async ({ action, body, type, message, status }) => {
    const res = await call(pool.url, action, body);
    expectCognitoError(res, type, status ?? 400, message);
  });

  it('a missing X-Amz-Target is UnknownOperationException', async () => {
    const res = await call(pool.url, 'SignUp', {}, { noTarget: true });
    expectCognitoError(res, 'UnknownOperationException');
  });

  it('a body over 256 KiB with Content-Length is 413 at once', async () => {
    const res = await call(
      pool.url,
      'SignUp',
      JSON.stringify({ ClientId: CLIENT_ID, Username: 'x'.repeat(300 * 1024) }),
    );
    expectCognitoError(res, 'RequestEntityTooLargeException', 413);
  });

  it('an endless chunked body is cut off with 413 instead of being read forever', async () => {
    const { port } = new URL(pool.url);
    const result = await new Promise<{ status: number; type: string | undefined; sent: number }>((resolve, reject) => {
      let sent = 0;
      let stop = false;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          headers: { 'Content-Type': AMZ_JSON, 'X-Amz-Target': `${TARGET}SignUp`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          stop = true;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = JSON.parse(Buffer.concat(chunks).toString()) as { __type?: string };
            resolve({ status: res.statusCode ?? 0, type: body.__type, sent });
            req.destroy();
          });
        },
      );
      req.on('error', (err) => (stop ? undefined : reject(err)));
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = (): void => {
        // Keep sending (up to 64 MiB) until the server answers.
        while (!stop && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
      };
      req.write('{"Username":"');
      pump();
      setTimeout(() => reject(new Error(`no answer after ${sent} bytes`)), 10_000).unref();
    });
    expect(result.status).toBe(413);
    expect(result.type).toBe('RequestEntityTooLargeException');
    expect(result.sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('GET of an unknown path and unsupported methods get Cognito-shaped errors', async () => {
    const get = await call(pool.url.replace(/\/$/, '/no/such/thing'), 'SignUp', undefined, { method: 'GET' });
    expectCognitoError(get, 'ResourceNotFoundException', 404);
    const jwksOfNobody = await call(`${pool.url}us-east-1_Nobody123/.well-known/jwks.json`, 'SignUp', undefined, {
      method: 'GET',
    });
    expectCognitoError(jwksOfNobody, 'ResourceNotFoundException', 404);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await call(pool.url, 'SignUp', '{}', { method });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json?.__type).toBe('UnknownOperationException');
      expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException:');
    }
    const postElsewhere = await call(`${pool.url}mailbox.json`, 'SignUp', '{}');
    expect(postElsewhere.status).toBeGreaterThanOrEqual(400);
    expect(postElsewhere.status).toBeLessThan(500);
    expect(typeof postElsewhere.json?.__type).toBe('string');
  });

  it('unicode survives: a unicode email signs up, its message and error texts stay intact', async () => {
    const email = `ñandú.${Date.now()}@exämple.com`;
    const res = await call(pool.url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: 'Pässwörd-1234' });
    expect(res.status, res.text).toBe(200);
    const code = await latestCode(pool.url, email);
    expect(code).toMatch(/^\d{6}$/);
    const dup = await call(pool.url, 'SignUp', {
      ClientId: CLIENT_ID,
      Username: email.toUpperCase(),
      Password: 'Pässwörd-1234',
    });
    expectCognitoError(dup, 'UsernameExistsException', 400, 'An account with the given email already exists.');
  });

  it('after the whole batch the pool still serves a normal sign-up, confirmation and sign-in', async () => {
    const email = uniqueEmail('after-batch');
    const signed = await ok(pool.url, 'SignUp', {
      ClientId: CLIENT_ID,
      Username: email,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    expect(signed.UserConfirmed).toBe(false);
    expect(signed.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    await ok(pool.url, 'ConfirmSignUp', {
      ClientId: CLIENT_ID,
      Username: email,
      ConfirmationCode: await latestCode(pool.url, email),
    });
    const clientId = await passwordClient(pool.url);
    const auth = await ok(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD },
    });
    expect((auth.AuthenticationResult as { IdToken?: string }).IdToken).toBeTruthy();
  });
});

/** Bytes written to a raw socket and everything the server sends back until it closes. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(bytes.slice(0, 40))}`)));
  });
}

describe('requests the HTTP parser refuses get Cognito-shaped 4xx errors too', () => {
  it.each([
    [
      'a header line without a colon',
      'GET / HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n',
      400,
      'SerializationException',
    ],
    ['not HTTP at all', 'HELLO THERE\r\n\r\n', 400, 'SerializationException'],
    [
      'headers over 16 KiB',
      `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'RequestHeaderFieldsTooLargeException',
    ],
  ])('%s', async (_name, bytes, status, type) => {
    const answer = await rawExchange(pool.url, bytes);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe(
      `HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Request Header Fields Too Large'}`,
    );
    expect(head).toContain(`x-amzn-ErrorType: ${type}:`);
    expect(head).toContain('X-Content-Type-Options: nosniff');
    expect(JSON.parse(body)).toEqual({ __type: type, message: expect.any(String) });
    // The pool lives on.
    expect((await call(pool.url, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'nosuchclient' })).status).toBe(
      400,
    );
  });
});

describe('CORS and operator-action origin checks', () => {
  const origin = 'https://riders.example';

  it('answers a preflight from an allowed origin with the methods and headers the clients need', async () => {
    const res = await fetch(pool.url, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-amz-target,x-amz-user-agent,cache-control',
      },
      signal: AbortSignal.timeout(5_000),
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control']) expect(allowed).toContain(h);

    // Without a header list the default still covers the JS client and the AWS SDKs.
    const bare = await fetch(pool.url, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      signal: AbortSignal.timeout(5_000),
    });
    const defaults = (bare.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of [
      'content-type',
      'x-amz-target',
      'x-amz-user-agent',
      'cache-control',
      'authorization',
      'x-amz-date',
      'x-amz-security-token',
    ]) {
      expect(defaults).toContain(h);
    }
  });

  it('exposes the request id and error headers to cross-origin callers', async () => {
    const res = await call(
      pool.url,
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', ClientId: 'nosuchclient' },
      { headers: { Origin: origin } },
    );
    expectCognitoError(res, 'ResourceNotFoundException');
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const h of ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage', 'date'])
      expect(exposed).toContain(h);
  });

  it('refuses operator actions from any non-loopback origin, allowed or not, but serves riders from an allowed one', async () => {
    for (const action of ['ListUsers', 'AdminCreateUser', 'CreateUserPoolClient', 'DescribeUserPool']) {
      // Another site is refused before anything (403); even an allowed site may not act as operator (400).
      const body = { UserPoolId: POOL_ID, Username: 'evil@example.com', ClientName: 'evil' };
      expectCognitoError(
        await call(pool.url, action, body, { headers: { Origin: 'https://evil.example' } }),
        'AccessDeniedException',
        403,
      );
      const res = await call(pool.url, action, body, { headers: { Origin: origin } });
      expectCognitoError(res, 'AccessDeniedException', 400);
    }
    for (const lookalike of [
      'null',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example:5173',
      'not a url',
    ]) {
      const res = await call(pool.url, 'ListUsers', { UserPoolId: POOL_ID }, { headers: { Origin: lookalike } });
      expectCognitoError(res, 'AccessDeniedException', 403);
    }
    // Nothing was created by the refused call.
    expect(await usersWithEmail(pool.url, 'evil@example.com')).toEqual([]);
    // The allowed site may still call rider actions, and a local dev server may call operator ones.
    const nobody = { ClientId: CLIENT_ID, Username: 'nobody@example.com' };
    const rider = await call(pool.url, 'ForgotPassword', nobody, { headers: { Origin: origin } });
    expect(rider.status).toBe(200);
    const local = await call(
      pool.url,
      'ListUsers',
      { UserPoolId: POOL_ID, Limit: 1 },
      { headers: { Origin: 'http://localhost:5173' } },
    );
    expect(local.status).toBe(200);
  });
});

describe('server timeouts', () => {
  it('keeps an idle keep-alive socket 65 s, waits 70 s for headers and 120 s for a whole request (README)', () => {
    // Node's 5 s keep-alive closed sockets under clients whose event loop was busy (issue 11 §3).
    const { keepAliveTimeout, headersTimeout, requestTimeout } = pool.server;
    expect({ keepAliveTimeout, headersTimeout, requestTimeout }).toEqual({
      keepAliveTimeout: 65_000,
      headersTimeout: 70_000,
      requestTimeout: 120_000,
    });
  });
});

describe('concurrency', () => {
  it('20 racing sign-ups of one email (in varying case) have exactly one winner', async () => {
    const email = uniqueEmail('race');
    const variants = Array.from({ length: 20 }, (_, i) =>
      i % 3 === 0 ? email.toUpperCase() : i % 3 === 1 ? email : email.replace(/^r/, 'R'),
    );
    const results = await Promise.all(
      variants.map((u) => call(pool.url, 'SignUp', { ClientId: CLIENT_ID, Username: u, Password: PASSWORD })),
    );
    const winners = results.filter((r) => r.status === 200);
    const losers = results.filter((r) => r.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const r of losers)
      expectCognitoError(r, 'UsernameExistsException', 400, 'An account with the given email already exists.');
    const users = await usersWithEmail(pool.url, email);
    expect(users).toHaveLength(1);
    expect(users[0]?.Username).toBe(winners[0]?.json?.UserSub);
    expect(await mailTo(pool.url, email)).toHaveLength(1);
  });
});

describe('durability', () => {
  it('a restart keeps users, codes, clients, tokens and the mailbox', async () => {
    const dir = await tempDataDir('restart');
    let first: RunningLocalCognito | undefined = await startLocalCognito({ dataDir: dir, quiet: true });
    const clientId = await passwordClient(first.url);
    const pending = uniqueEmail('pending');
    await ok(first.url, 'SignUp', { ClientId: CLIENT_ID, Username: pending, Password: PASSWORD });
    const code = await latestCode(first.url, pending);
    const rider = uniqueEmail('rider');
    await signUpConfirmed(first.url, rider);
    const auth = (
      await ok(first.url, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: rider, PASSWORD },
      })
    ).AuthenticationResult as { AccessToken: string; RefreshToken: string };
    await first.close();
    first = undefined;

    const second = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      expect((await usersWithEmail(second.url, pending))[0]?.UserStatus).toBe('UNCONFIRMED');
      expect((await usersWithEmail(second.url, rider))[0]?.UserStatus).toBe('CONFIRMED');
      expect(await latestCode(second.url, pending)).toBe(code);
      await ok(second.url, 'ConfirmSignUp', { ClientId: CLIENT_ID, Username: pending, ConfirmationCode: code });
      // Keys persist: the old access token still verifies; the refresh token still refreshes.
      const me = await ok(second.url, 'GetUser', { AccessToken: auth.AccessToken });
      expect(me.Username).toBe((await usersWithEmail(second.url, rider))[0]?.Username);
      const refreshed = await ok(second.url, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: auth.RefreshToken },
      });
      expect((refreshed.AuthenticationResult as { AccessToken?: string }).AccessToken).toBeTruthy();
      // Revocation persists too.
      await ok(second.url, 'RevokeToken', { ClientId: clientId, Token: auth.RefreshToken });
    } finally {
      await second.close();
    }
    const third = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      const revoked = await call(third.url, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: auth.RefreshToken },
      });
      expectCognitoError(revoked, 'NotAuthorizedException', 400, 'Refresh Token has been revoked');
      expect((await usersWithEmail(third.url, pending))[0]?.UserStatus).toBe('CONFIRMED');
    } finally {
      await third.close();
    }
  });

  it(
    'kill -9 right after an acknowledged SignUp loses nothing; a second process on the same dir is refused',
    async () => {
      const dir = await tempDataDir('kill9');
      const { child, url } = await spawnCli(dir);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

      // While it runs, a second pool on the same data dir (this process) is refused with a clear message.
      await expect(startLocalCognito({ dataDir: dir, quiet: true })).rejects.toThrow(/is in use by process \d+/);

      const email = uniqueEmail('kill9');
      const res = await call(url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD });
      expect(res.status, res.text).toBe(200);
      // The pool process itself is the one that holds the lock (npx and tsx sit above it).
      const poolPid = Number((await readFile(join(dir, 'pool.lock'), 'utf8')).trim());
      expect(poolPid).toBeGreaterThan(0);
      process.kill(poolPid, 'SIGKILL');
      await exited;

      const restarted = await startLocalCognito({ dataDir: dir, quiet: true });
      try {
        const users = await usersWithEmail(restarted.url, email);
        expect(users).toHaveLength(1);
        expect(users[0]?.Username).toBe(res.json?.UserSub);
        expect(users[0]?.UserStatus).toBe('UNCONFIRMED');
        expect(await mailTo(restarted.url, email)).toHaveLength(1);
      } finally {
        await restarted.close();
      }
    },
    SPAWN_TIMEOUT_MS + 30_000,
  );

  it(
    'kill -9 of the whole process tree (npx, tsx and the pool at once) still lets a new pool start',
    async () => {
      const dir = await tempDataDir('killtree');
      const { child, url } = await spawnCli(dir);
      const email = uniqueEmail('killtree');
      const res = await call(url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(Number((await readFile(join(dir, 'pool.lock'), 'utf8')).trim())).toBeGreaterThan(0);
      // 'close' comes once every process of the tree has let go of the output pipes they share, the
      // pool included: it is dead, or a zombie nobody reaped (its parent died with it), whose lock is
      // stale all the same.
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      process.kill(-(child.pid as number), 'SIGKILL');
      await closed;
      const restarted = await startLocalCognito({ dataDir: dir, quiet: true });
      try {
        expect(await usersWithEmail(restarted.url, email)).toHaveLength(1);
      } finally {
        await restarted.close();
      }
    },
    SPAWN_TIMEOUT_MS + 30_000,
  );

  it(
    'a second pool in another process is refused while the first runs',
    async () => {
      const dir = await tempDataDir('locked');
      const running = await startLocalCognito({ dataDir: dir, quiet: true });
      try {
        const child = spawn('npx', ['tsx', 'local-cognito/cli.ts', '--port', '0', '--data-dir', dir], {
          cwd: REPO,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        let out = '';
        child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
        expect(code).toBe(1);
        expect(out).toContain(`is in use by process ${process.pid}`);
        expect(out).not.toContain('listening');
        // The running pool is unharmed.
        expect((await call(running.url, 'ListUsers', { UserPoolId: POOL_ID })).status).toBe(200);
      } finally {
        await running.close();
      }
    },
    SPAWN_TIMEOUT_MS + 30_000,
  );

  it('a torn last journal line is ignored, and the journal keeps working after it', async () => {
    const dir = await tempDataDir('torn');
    const email = uniqueEmail('torn');
    let p = await startLocalCognito({ dataDir: dir, quiet: true });
    await ok(p.url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD });
    await p.close();
    const journal = join(dir, 'journal.ndjson');
    const before = (await stat(journal)).size;
    await appendFile(journal, '{"s":999999,"c":"users","k":"us-east-1_LocalPool|torn","v":{"poolId":"us-east-1_Loc');

    p = await startLocalCognito({ dataDir: dir, quiet: true });
    const later = uniqueEmail('after-torn');
    try {
      expect(await usersWithEmail(p.url, email)).toHaveLength(1);
      const all = (await ok(p.url, 'ListUsers', { UserPoolId: POOL_ID })).Users as unknown[];
      expect(all).toHaveLength(1);
      expect((await stat(journal)).size).toBe(before);
      await ok(p.url, 'SignUp', { ClientId: CLIENT_ID, Username: later, Password: PASSWORD });
    } finally {
      await p.close();
    }
    p = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      expect(await usersWithEmail(p.url, email)).toHaveLength(1);
      expect(await usersWithEmail(p.url, later)).toHaveLength(1);
    } finally {
      await p.close();
    }
  });

  it('a corrupt snapshot or journal line makes start fail with a clear message and keeps the data', async () => {
    const dir = await tempDataDir('corrupt');
    const email = uniqueEmail('corrupt');
    let p = await startLocalCognito({ dataDir: dir, quiet: true, compactAfter: 3 });
    await ok(p.url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD });
    await p.pool.services.store.compact();
    await p.close();
    const snapshotPath = join(dir, 'snapshot.json');
    const good = await readFile(snapshotPath, 'utf8');
    expect(JSON.parse(good).users).toHaveLength(1);

    for (const bad of [good.slice(0, good.length >> 1), 'null', '{"version":1}', '[]']) {
      await writeFile(snapshotPath, bad);
      await expect(startLocalCognito({ dataDir: dir, quiet: true }), `snapshot ${bad.slice(0, 20)}`).rejects.toThrow(
        /snapshot\.json.*refusing to start/,
      );
      expect(await readFile(snapshotPath, 'utf8')).toBe(bad);
    }
    await writeFile(snapshotPath, good);

    // A corrupt line in the middle of the journal (not a torn tail) is refused as well.
    const journal = join(dir, 'journal.ndjson');
    const journalBefore = await readFile(journal, 'utf8');
    await writeFile(journal, `${journalBefore}{not json}\n{"s":1,"c":"mail","k":"x"}\n`);
    await expect(startLocalCognito({ dataDir: dir, quiet: true })).rejects.toThrow(
      /journal\.ndjson line \d+ is corrupt/,
    );
    await writeFile(journal, journalBefore);

    // Once repaired, everything is there and the lock was not left behind by the failed starts.
    p = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      expect(await usersWithEmail(p.url, email)).toHaveLength(1);
    } finally {
      await p.close();
    }
  });

  it('compaction (small compactAfter) keeps every change across restarts', async () => {
    const dir = await tempDataDir('compact');
    let p = await startLocalCognito({ dataDir: dir, quiet: true, compactAfter: 4 });
    const emails = Array.from({ length: 6 }, (_, i) => uniqueEmail(`compact${i}`));
    try {
      for (const e of emails.slice(0, 3)) await signUpConfirmed(p.url, e);
      for (const e of emails.slice(3))
        await ok(p.url, 'SignUp', { ClientId: CLIENT_ID, Username: e, Password: PASSWORD });
      await ok(p.url, 'AdminDeleteUser', { UserPoolId: POOL_ID, Username: emails[0] });
    } finally {
      await p.close();
    }
    const snapshot = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as {
      seq: number;
      users: unknown[];
    };
    expect(snapshot.seq).toBeGreaterThan(0);
    expect((await readFile(join(dir, 'journal.ndjson'), 'utf8')).split('\n').filter(Boolean).length).toBeLessThan(4);

    p = await startLocalCognito({ dataDir: dir, quiet: true, compactAfter: 4 });
    const extra = uniqueEmail('compact-extra');
    try {
      expect(await usersWithEmail(p.url, emails[0] as string)).toEqual([]);
      for (const e of emails.slice(1, 3)) expect((await usersWithEmail(p.url, e))[0]?.UserStatus).toBe('CONFIRMED');
      for (const e of emails.slice(3)) {
        expect((await usersWithEmail(p.url, e))[0]?.UserStatus).toBe('UNCONFIRMED');
        expect(await mailTo(p.url, e)).toHaveLength(1);
      }
      await ok(p.url, 'ConfirmSignUp', {
        ClientId: CLIENT_ID,
        Username: emails[5],
        ConfirmationCode: await latestCode(p.url, emails[5] as string),
      });
      await ok(p.url, 'SignUp', { ClientId: CLIENT_ID, Username: extra, Password: PASSWORD });
    } finally {
      await p.close();
    }
    p = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      expect((await ok(p.url, 'ListUsers', { UserPoolId: POOL_ID })).Users).toHaveLength(6);
      expect((await usersWithEmail(p.url, emails[5] as string))[0]?.UserStatus).toBe('CONFIRMED');
      expect(await usersWithEmail(p.url, extra)).toHaveLength(1);
    } finally {
      await p.close();
    }
  });
});
