import { createServer, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AccessPolicy } from './access.ts';
import { SessionTable } from './challenge-sessions.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Services } from './context.ts';
import { DEFAULT_CLIENT_ID, DEFAULT_POOL_ID, DEFAULT_REGION, ensureDefaults } from './defaults.ts';
import { type CognitoError, headersTooLarge, requestTimeout, serialization } from './errors.ts';
import { createHandler, type PoolHandler } from './handler.ts';
import { createMailer } from './mailer.ts';
import { loadOrCreateKeys } from './signing-keys.ts';
import { srpSecrets } from './srp-secrets.ts';
import { Store } from './store.ts';
import { createTokenIssuer } from './tokens.ts';
import { emailKey } from './usernames.ts';

export type { AccessPolicy } from './access.ts';
export { type Clock, createFakeClock, type FakeClock } from './clock.ts';
export { DEFAULT_CLIENT_ID, DEFAULT_POOL_ID, DEFAULT_REGION } from './defaults.ts';

export interface LocalCognitoOptions {
  /** Where state lives across restarts (created if missing). */
  dataDir: string;
  clock?: Clock;
  /** Region for pools created by callers that send no SigV4 scope. */
  region?: string;
  /** Console lines (mail, errors); defaults to stdout unless `quiet`. */
  log?: (line: string) => void;
  quiet?: boolean;
  /** Journal lines before a snapshot is written. */
  compactAfter?: number;
  /** Host names answered besides loopback ones (`--allowed-host`); access.ts. */
  allowedHosts?: AccessPolicy['allowedHosts'];
  /** Origins whose pages may call the API besides loopback and same-origin ones (`--allowed-origin`). */
  allowedOrigins?: AccessPolicy['allowedOrigins'];
  /**
   * The passkey relying party ID for pools that have none of their own (`--rp-id`), e.g. the
   * site's host name; unset, a loopback page's own host is used (webauthn-config.ts).
   */
  relyingPartyId?: string;
}

/** The pool as a request handler, to mount in any Node HTTP server (Vite mounts it at /__cognito). */
export interface LocalCognito {
  handle: PoolHandler;
  services: Services;
  close(): Promise<void>;
}

export async function createLocalCognito(options: LocalCognitoOptions): Promise<LocalCognito> {
  const clock = options.clock ?? systemClock;
  const log =
    options.log ??
    (options.quiet ? () => undefined : (line: string) => process.stdout.write(`[local-cognito] ${line}\n`));
  const store = await Store.open(options.dataDir, {
    emailKey,
    now: () => clock.now(),
    compactAfter: options.compactAfter,
  });
  try {
    const keys = await loadOrCreateKeys(options.dataDir);
    ensureDefaults(store, clock);
    await store.flush();
    const services: Services = {
      store,
      clock,
      tokens: createTokenIssuer(keys, clock),
      mailer: createMailer(store, clock, log),
      sessions: new SessionTable(),
      srpSecrets,
      ...(options.relyingPartyId ? { relyingPartyId: options.relyingPartyId.toLowerCase() } : {}),
      log,
    };
    const handle = createHandler(services, {
      defaultRegion: options.region ?? DEFAULT_REGION,
      access: { allowedHosts: options.allowedHosts ?? [], allowedOrigins: options.allowedOrigins ?? [] },
    });
    return { handle, services, close: () => store.close() };
  } catch (err) {
    await store.close();
    throw err;
  }
}

export interface StartOptions extends LocalCognitoOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
}

export interface RunningLocalCognito {
  /** Base URL with a trailing slash: the endpoint for any Cognito client. */
  url: string;
  poolId: string;
  clientId: string;
  server: Server;
  pool: LocalCognito;
  close(): Promise<void>;
}

/**
 * The standalone server's timeouts (README "Local pool and your browser"). An idle keep-alive socket
 * stays open 65 s, longer than the idle timeout of the proxies a pool may sit behind (60 s is the
 * usual default), so the client side normally closes first; Node's 5 s default closed sockets under
 * clients whose event loop was busy for a few seconds, and their next request failed with "other
 * side closed". The headers may take 70 s and a whole request 120 s: a slow client is served, an
 * abandoned one is still cut off.
 */
export const SERVER_TIMEOUTS = { keepAliveMs: 65_000, headersMs: 70_000, requestMs: 120_000 } as const;

/** Requests Node's parser refuses before the handler sees them get the handler's shape (x-amzn-ErrorType, nosniff). */
const CLIENT_ERRORS: Record<string, () => CognitoError> = {
  HPE_HEADER_OVERFLOW: () => headersTooLarge('Request headers are too large.'),
  ERR_HTTP_REQUEST_TIMEOUT: () => requestTimeout('The request was not received in time.'),
};

function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // As Node's own handler: nothing to say on a reset socket or once a response has begun.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const refusal = CLIENT_ERRORS[err.code ?? '']?.() ?? serialization('The request is not valid HTTP/1.1.');
  const body = JSON.stringify({ __type: refusal.code, message: refusal.message });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nx-amzn-ErrorType: ${refusal.code}:\r\nX-Content-Type-Options: nosniff\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

/** Starts the pool on its own HTTP server (tests, `npm run cognito:local`). */
export async function startLocalCognito(options: StartOptions): Promise<RunningLocalCognito> {
  const pool = await createLocalCognito(options);
  const server = createServer((req, res) => pool.handle(req, res));
  server.requestTimeout = SERVER_TIMEOUTS.requestMs;
  server.headersTimeout = SERVER_TIMEOUTS.headersMs;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveMs;
  server.on('clientError', answerClientError);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (err) {
    await pool.close();
    throw err;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/`,
    poolId: DEFAULT_POOL_ID,
    clientId: DEFAULT_CLIENT_ID,
    server,
    pool,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}
