import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackAddress, isLoopbackUrl } from '../shared/loopback.ts';
import {
  type AccessPolicy,
  classifyOrigin,
  hostAllowed,
  LOOPBACK_ONLY,
  mayCallApi,
  mayReadMailbox,
  type OriginKind,
} from './access.ts';
import { actions } from './actions/index.ts';
import type { Action, RequestContext, Services } from './context.ts';
import { MAILBOX_PATHS, poolDocument } from './documents.ts';
import {
  accessDenied,
  CognitoError,
  forbidden,
  internalError,
  methodNotAllowed,
  requestTooLarge,
  serialization,
  unknownOperation,
  unsupportedOperation,
} from './errors.ts';
import { newRequestId } from './ids.ts';
import { Input } from './input.ts';

/**
 * The HTTP face of the pool, identical in shape to `https://cognito-idp.<region>.amazonaws.com/`:
 * `POST /` with `X-Amz-Target`, plus the per-pool JWKS and OpenID discovery documents and the
 * mailbox. Mountable under a base path (Vite mounts it at `/__cognito`).
 */
export interface HandlerOptions {
  defaultRegion: string;
  maxBodyBytes?: number;
  /** Which hosts and browser origins are answered (access.ts); loopback only by default. */
  access?: AccessPolicy;
}

/** `access` overrides the handler's policy for one mount (Vite passes its own allowedHosts and cors). */
export type PoolHandler = (req: IncomingMessage, res: ServerResponse, basePath?: string, access?: AccessPolicy) => void;

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPE = 'application/x-amz-json-1.1';
const ALLOW_HEADERS =
  'content-type, x-amz-target, x-amz-user-agent, cache-control, authorization, x-amz-date, x-amz-security-token, amz-sdk-invocation-id, amz-sdk-request, x-amz-content-sha256';
const EXPOSE_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';
const CORS_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
];

/** Operator actions: from this machine's sockets only, and never for a page of another site. */
function fromOperator(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  return isLoopbackAddress(req.socket.remoteAddress) && (origin === undefined || isLoopbackUrl(origin));
}

/** Region from a SigV4 Authorization header's credential scope, as the AWS SDK and CLI send it. */
function signingRegion(authorization: string | undefined): string | undefined {
  const m = authorization && /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/cognito-idp\//.exec(authorization);
  return m ? m[1] : undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const headerSafe = (s: string): string => s.replace(/[^\x20-\x7e]/g, ' ').slice(0, 1024);

export function createHandler(services: Services, options: HandlerOptions): PoolHandler {
  const maxBody = options.maxBodyBytes ?? 256 * 1024;
  const bound = new Map<string, Action>(Object.entries(actions).map(([name, entry]) => [name, entry.create(services)]));
  const { store, tokens, log } = services;

  const defaultAccess = options.access ?? LOOPBACK_ONLY;

  /** Echoes an answered origin; otherwise strips what a framework in front (Vite's cors) may have set. */
  function cors(req: IncomingMessage, res: ServerResponse, kind: OriginKind): void {
    res.setHeader('Vary', 'Origin');
    if (kind !== 'none' && mayCallApi(kind)) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin as string);
      res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    } else {
      for (const h of CORS_HEADERS) res.removeHeader(h);
    }
  }

  function send(res: ServerResponse, status: number, body: unknown, requestId: string, type = JSON_TYPE): void {
    if (res.headersSent) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('Content-Type', type);
    res.setHeader('x-amzn-RequestId', requestId);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  }

  function sendError(res: ServerResponse, err: CognitoError, requestId: string): void {
    if (res.headersSent) return;
    res.setHeader('x-amzn-ErrorType', `${err.code}:`);
    res.setHeader('x-amzn-ErrorMessage', headerSafe(err.message));
    send(res, err.status, { __type: err.code, message: err.message }, requestId);
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) throw requestTooLarge(`Request body exceeds ${maxBody} bytes.`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) throw requestTooLarge(`Request body exceeds ${maxBody} bytes.`);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async function api(req: IncomingMessage, res: ServerResponse, basePath: string, requestId: string): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const action = bound.get(name);
    if (!action) {
      // Loaded only on this rare path: the SDK's command list tells a real-but-unsupported Cognito
      // action from a typo, and keeping it out of the normal path keeps the pool's memory small.
      const known = name !== '' && `${name}Command` in (await import('@aws-sdk/client-cognito-identity-provider'));
      throw known
        ? unsupportedOperation(`The local user pool does not support ${name}.`)
        : unknownOperation(target ? `Unknown operation ${target}.` : 'Missing X-Amz-Target header.');
    }
    if (actions[name]?.admin && !fromOperator(req)) {
      throw accessDenied(`${name} is an operator action; the local user pool accepts it only from this machine.`);
    }
    const raw = await readBody(req);
    let body: unknown = {};
    if (raw.length > 0) {
      let text: string;
      try {
        // Strict: a lenient decode would turn bad bytes into U+FFFD and store a mangled username.
        text = strictUtf8.decode(raw);
      } catch {
        throw serialization('Request body is not valid UTF-8.');
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw serialization('Request body is not valid JSON.');
      }
    }
    const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
    const ctx: RequestContext = {
      baseUrl: `http://${host}${basePath}`,
      requestId,
      region: signingRegion(req.headers.authorization) ?? options.defaultRegion,
      ...(req.headers.origin ? { origin: req.headers.origin } : {}),
    };
    let result: object;
    try {
      result = await action(new Input(body), ctx);
    } finally {
      // Durable before answered, success or failure (failures may count attempts).
      await store.flush();
    }
    send(res, 200, result, requestId);
  }

  function get(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    basePath: string,
    requestId: string,
  ): void {
    const doc = poolDocument(store, tokens, path, query, `http://${req.headers.host ?? '127.0.0.1'}${basePath}`);
    // Not even an opaque copy of the mailbox for another site's <script> or no-cors fetch.
    if (MAILBOX_PATHS.has(path)) res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    for (const [name, value] of Object.entries(doc.headers ?? {})) res.setHeader(name, value);
    send(res, 200, doc.body, requestId, doc.type);
  }

  /** Refusals that come before any action or read, so a page the pool does not serve changes and learns nothing. */
  function refusal(
    req: IncomingMessage,
    path: string,
    kind: OriginKind,
    access: AccessPolicy,
  ): CognitoError | undefined {
    const host = req.headers.host;
    if (!hostAllowed(host, access)) {
      return forbidden(
        `Host ${JSON.stringify(host)} is not served: the local user pool answers loopback names only (localhost, 127.0.0.1, [::1]). ` +
          'To serve it under another name, start it with --allowed-host <name> (under Vite: server.allowedHosts / preview.allowedHosts).',
      );
    }
    const secFetch = [req.headers['sec-fetch-site'], req.headers['sec-fetch-mode']] as [
      string | undefined,
      string | undefined,
    ];
    if (MAILBOX_PATHS.has(path) && !mayReadMailbox(host, kind, ...secFetch)) {
      return forbidden(
        'The mailbox is for the developer on this machine: it is served under localhost, 127.0.0.1 or [::1] only, ' +
          'and not to pages of other sites. The codes are also printed on the console.',
      );
    }
    if ((req.method === 'POST' || req.method === 'OPTIONS') && !mayCallApi(kind)) {
      return forbidden(
        `Origin ${JSON.stringify(req.headers.origin)} may not call the local user pool. ` +
          'To allow a site, start the pool with --allowed-origin <origin> (under Vite: server.cors / preview.cors).',
      );
    }
    return undefined;
  }

  return (req, res, basePath = '', access = defaultAccess) => {
    const requestId = newRequestId();
    // Every answer, errors and preflights included: no browser may read one as script or style.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const kind = classifyOrigin(req.headers.origin, req.headers.host, access);
    const done = (err: unknown): void => {
      if (err instanceof CognitoError) {
        if (err.status === 413) res.setHeader('Connection', 'close');
        sendError(res, err, requestId);
        return;
      }
      log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
      sendError(res, internalError('An internal error occurred.'), requestId);
    };
    try {
      const refused = refusal(req, path, kind, access);
      cors(req, res, refused ? 'foreign' : kind);
      if (refused) throw refused;
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? ALLOW_HEADERS);
        res.setHeader('Access-Control-Max-Age', '86400');
        res.statusCode = 204;
        res.end();
        return;
      }
      if (req.method === 'POST' && (path === '/' || path === '')) {
        api(req, res, basePath, requestId).catch(done);
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        get(req, res, path, url.searchParams, basePath, requestId);
        return;
      }
      throw methodNotAllowed(`${req.method} ${path} is not supported.`);
    } catch (err) {
      done(err);
    }
  };
}
