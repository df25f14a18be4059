// The real SDK client (no mocks) against a scripted HTTP server on 127.0.0.1: checks what goes
// over the wire (path under --endpoint, target header, dummy-credential signing, JSON body) and
// how real error responses, including throttling after the SDK's retries, reach the user.

import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ATTEMPTS } from '../../../scripts/lib/aws.ts';
import { main } from '../../../scripts/lib/users-cli.ts';
import type { Harness } from './helpers.ts';
import { harness } from './helpers.ts';
import { holdRefusedPort } from './refused-port.ts';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

type Reply = { status: number; body: unknown };

let server: Server;
let base: string;
let seen: Seen[] = [];
let reply: (request: Seen) => Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on('end', () => {
      const request: Seen = { method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw || '{}') };
      seen.push(request);
      const { status, body } = reply(request);
      const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
      if (status >= 400) headers['x-amzn-errortype'] = `${(body as { __type: string }).__type}:`;
      res.writeHead(status, headers).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/__cognito/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let h: Harness;
beforeEach(async () => {
  seen = [];
  h = await harness();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await h.cleanup();
});

const error = (type: string, message: string): Reply => ({ status: 400, body: { __type: type, message } });

describe('over the wire', () => {
  it('posts the JSON 1.1 request to the endpoint path, signed with the dummy local credentials', async () => {
    reply = () => ({
      status: 200,
      body: {
        Users: [
          {
            Username: 'b7d5e0c4-0000-4000-8000-000000000000',
            Attributes: [{ Name: 'email', Value: 'ann@example.com' }],
            UserStatus: 'CONFIRMED',
            Enabled: true,
            UserCreateDate: 1735787045.123,
          },
        ],
      },
    });
    expect(await main(['list', '--endpoint', base], h.deps)).toBe(0);
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/__cognito/');
    expect(request!.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.ListUsers');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/us-east-1\/cognito-idp\/aws4_request/,
    );
    expect(request!.body).toEqual({ UserPoolId: 'us-east-1_LocalPool', Limit: 60 });
    expect(h.stdout[1]).toBe('ann@example.com  CONFIRMED  yes      2025-01-02 03:04 UTC');
  });

  it('retries throttling up to maxAttempts, then prints one line', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0); // zero back-off delay; the retry logic itself is the SDK's
    reply = () => error('TooManyRequestsException', 'Too many requests');
    expect(await main(['confirm', 'rider@example.com', '--endpoint', base], h.deps)).toBe(1);
    expect(seen).toHaveLength(MAX_ATTEMPTS);
    expect(h.stderr).toEqual([
      `Error: Cognito is throttling AdminConfirmSignUp requests (TooManyRequestsException) and refused ${MAX_ATTEMPTS} attempts; wait a minute and run the command again.`,
    ]);
  });

  it('maps an unmodelled AccessDeniedException to the IAM action', async () => {
    reply = () =>
      error(
        'AccessDeniedException',
        'User: arn:aws:iam::1:user/x is not authorized to perform: cognito-idp:AdminCreateUser',
      );
    expect(await main(['create', 'rider@example.com', '--endpoint', base], h.deps)).toBe(1);
    expect(seen).toHaveLength(1);
    expect(h.stderr).toEqual([
      'Error: Access denied: your AWS identity is not allowed to call cognito-idp:AdminCreateUser on us-east-1_LocalPool; add that action to its IAM policy.',
    ]);
  });

  it('maps a modelled UserNotFoundException', async () => {
    reply = () => error('UserNotFoundException', 'User does not exist.');
    expect(await main(['delete', 'ghost@example.com', '--endpoint', base], h.deps)).toBe(1);
    expect(h.stderr).toEqual(['Error: No user ghost@example.com in user pool us-east-1_LocalPool.']);
  });

  it('reports an endpoint that is not listening', async () => {
    const refused = await holdRefusedPort();
    try {
      const url = `http://127.0.0.1:${refused.port}/`;
      expect(await main(['list', '--endpoint', url], h.deps)).toBe(1);
      expect(h.stderr).toEqual([
        `Error: Cannot reach ${url} (ECONNREFUSED); is \`npm run dev\` (or \`npm run cognito:local\`) running there?`,
      ]);
    } finally {
      await refused.release();
    }
  });
});
