// Cognito JSON 1.1 calls for the bench's load generator, over node:http with a keep-alive agent.
//
// A kept-alive socket can be closed by the server while it sits idle (the local pool closes idle
// sockets after its keepAliveTimeout); a request written onto it just before the client notices
// fails with ECONNRESET or "socket hang up" without the server having read it. Node's documentation
// of `request.reusedSocket` names this the client's case to retry: such a request is sent once more
// on a fresh connection and counted in `retried`, so it never reads as a failed sign-in. Any other
// failure (a refused connection, a reset on a fresh socket, a timeout) is an error of the call.

import type { ClientRequest, IncomingMessage } from 'node:http';
import { Agent, request } from 'node:http';

export class CognitoCallError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(`${type}: ${message}`);
    this.name = 'CognitoCallError';
  }
}

export interface CognitoTransport {
  /** One call, as the library makes it (POST, X-Amz-Target, no signature); rejects with CognitoCallError for a Cognito error. */
  call<T>(url: string, action: string, body: unknown): Promise<T>;
  /** Requests sent again on a fresh connection because the server had closed their idle kept-alive socket. */
  readonly retried: number;
  /** Closes the kept-alive sockets. */
  close(): void;
}

/** Error codes of a request whose kept-alive socket the server had already closed (node:http). */
const CLOSED_IDLE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

interface Answer {
  status: number;
  errorType: string | undefined;
  text: string;
}

/** A failed request: `unanswered` when it went out on a reused socket that closed before any answer began. */
class RequestFailed extends Error {
  constructor(
    readonly failure: unknown,
    readonly unanswered: boolean,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

function post(
  url: URL,
  headers: Record<string, string>,
  payload: string,
  agent: Agent | false,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req: ClientRequest = request(url, { method: 'POST', headers, agent, timeout: timeoutMs });
    let answered = false;
    const fail = (err: unknown): void => {
      const code = (err as { code?: unknown }).code;
      reject(
        new RequestFailed(
          err,
          !answered && req.reusedSocket && typeof code === 'string' && CLOSED_IDLE_SOCKET.has(code),
        ),
      );
    };
    req.once('error', fail);
    req.once('timeout', () => {
      req.destroy(Object.assign(new Error(`no answer from ${url.origin} in ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    req.once('response', (res: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', fail);
      res.once('end', () => {
        const errorType = res.headers['x-amzn-errortype'];
        resolve({
          status: res.statusCode ?? 0,
          errorType: Array.isArray(errorType) ? errorType[0] : errorType,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(payload);
  });
}

function parseAnswer<T>({ status, errorType, text }: Answer): T {
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A non-JSON answer (a proxy's error page): the status says what happened.
  }
  if (status < 200 || status >= 300) {
    const type = String(json.__type ?? errorType ?? `HTTP ${status}`)
      .split('#')
      .pop()!
      .split(':')[0]!;
    throw new CognitoCallError(type, String(json.message ?? json.Message ?? ''));
  }
  return json as T;
}

export interface TransportOptions {
  /** Most sockets kept open per origin (the load's concurrency); default: unlimited. */
  maxSockets?: number;
  /** A request with no answer after this long fails (ms); default 30 s. */
  timeoutMs?: number;
}

export function createTransport({ maxSockets, timeoutMs = 30_000 }: TransportOptions = {}): CognitoTransport {
  const agent = new Agent({ keepAlive: true, ...(maxSockets ? { maxSockets } : {}) });
  let retried = 0;
  return {
    async call<T>(url: string, action: string, body: unknown): Promise<T> {
      const target = new URL(url);
      const payload = JSON.stringify(body);
      const headers = {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
        'Content-Length': String(Buffer.byteLength(payload)),
      };
      try {
        return parseAnswer<T>(await post(target, headers, payload, agent, timeoutMs));
      } catch (err) {
        if (!(err instanceof RequestFailed)) throw err;
        if (!err.unanswered) throw err.failure;
      }
      retried += 1;
      // agent: false = a connection of its own, so the retry cannot land on another stale socket.
      try {
        return parseAnswer<T>(await post(target, headers, payload, false, timeoutMs));
      } catch (err) {
        throw err instanceof RequestFailed ? err.failure : err;
      }
    },
    get retried() {
      return retried;
    },
    close: () => agent.destroy(),
  };
}

const shared = createTransport();

/** One call on a transport shared by the bench's one-off calls (creating riders, setting up a sign-in). */
export const cognitoCall = <T>(url: string, action: string, body: unknown): Promise<T> =>
  shared.call<T>(url, action, body);
