// bench/cognito-call.ts: a request that goes out on a kept-alive socket the server has just closed
// is the client's retry case (sent once more on a fresh connection, counted), any other failure is
// an error. The servers here decide per connection, so each case happens every run, not by timing.

import type { AddressInfo, Server, Socket } from 'node:net';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CognitoTransport } from '../../../bench/cognito-call.ts';
import { CognitoCallError, createTransport } from '../../../bench/cognito-call.ts';

const OK = (body: string): string =>
  `HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
  'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n' +
  body;

/**
 * A raw HTTP/1.1 server that answers request number `n` on a connection (1-based) with `answer(n)`:
 * a response string, or null to close the connection without answering (as a server does whose
 * idle timer fired just as the request arrived).
 */
async function rawServer(
  answer: (n: number) => string | null,
): Promise<{ url: string; connections: () => number; server: Server }> {
  let connections = 0;
  const server = createServer((socket: Socket) => {
    connections += 1;
    let n = 0;
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length:\s*(\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        buffered = buffered.slice(end + 4 + length);
        n += 1;
        const response = answer(n);
        if (response === null) {
          socket.destroy();
          return;
        }
        socket.write(response);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, connections: () => connections, server };
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function track(server: Server, transport: CognitoTransport): void {
  cleanup.push(
    () => transport.close(),
    () => server.close(),
  );
}

describe('bench/cognito-call', () => {
  it('sends a request again on a fresh connection when the server closed its kept-alive socket, and counts it', async () => {
    // Every connection answers its first request and drops the second unanswered.
    const { url, connections, server } = await rawServer((n) => (n === 1 ? OK(`{"n":${n}}`) : null));
    const transport = createTransport({ maxSockets: 1 });
    track(server, transport);

    await expect(transport.call(url, 'InitiateAuth', {})).resolves.toEqual({ n: 1 });
    expect(transport.retried).toBe(0);
    // Goes out on the kept-alive socket, which the server drops: answered on a new connection.
    await expect(transport.call(url, 'InitiateAuth', {})).resolves.toEqual({ n: 1 });
    expect(transport.retried).toBe(1);
    expect(connections()).toBe(2);
  });

  it('does not retry a request that failed on a fresh connection (a real failure)', async () => {
    const { url, connections, server } = await rawServer(() => null);
    const transport = createTransport();
    track(server, transport);

    await expect(transport.call(url, 'InitiateAuth', {})).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(transport.retried).toBe(0);
    expect(connections()).toBe(1);
  });

  it('retries once only: a retry that fails too is the call’s error', async () => {
    // The first connection answers once then drops; every later connection drops at once.
    let connection = 0;
    const { url, server } = await rawServer((n) => {
      if (n === 1) connection += 1;
      return n === 1 && connection === 1 ? OK('{}') : null;
    });
    const transport = createTransport({ maxSockets: 1 });
    track(server, transport);

    await transport.call(url, 'InitiateAuth', {});
    await expect(transport.call(url, 'InitiateAuth', {})).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(transport.retried).toBe(1);
  });

  it('answers a Cognito error as a CognitoCallError with its type, without retrying', async () => {
    const body = '{"__type":"NotAuthorizedException","message":"Incorrect username or password."}';
    const { url, server } = await rawServer(
      () =>
        `HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: NotAuthorizedException:\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    const transport = createTransport();
    track(server, transport);

    const failure = transport.call(url, 'RespondToAuthChallenge', {});
    await expect(failure).rejects.toBeInstanceOf(CognitoCallError);
    await expect(failure).rejects.toMatchObject({
      type: 'NotAuthorizedException',
      message: 'NotAuthorizedException: Incorrect username or password.',
    });
    expect(transport.retried).toBe(0);
  });

  it('reads the error type from x-amzn-ErrorType when the body is not JSON', async () => {
    const { url, server } = await rawServer(
      () => 'HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: InvalidParameterException:\r\nContent-Length: 4\r\n\r\noops',
    );
    const transport = createTransport();
    track(server, transport);

    await expect(transport.call(url, 'InitiateAuth', {})).rejects.toMatchObject({ type: 'InvalidParameterException' });
  });
});
