import type { IncomingMessage, ServerResponse } from 'node:http';
import { actions } from './actions/index.ts';
import type { Action, RequestContext, Services } from './context.ts';
import { CognitoError } from './errors.ts';
import { newRequestId } from './ids.ts';
import { Input } from './input.ts';
import { renderMailbox } from './mailbox-page.ts';

/**
 * The HTTP face of the pool, identical in shape to `https://cognito-idp.<region>.amazonaws.com/`:
 * `POST /` with `X-Amz-Target`, plus the per-pool JWKS and OpenID discovery documents and the
 * mailbox. Mountable under a base path (Vite mounts it at `/__cognito`).
 */
export interface HandlerOptions {
  defaultRegion: string;
  maxBodyBytes?: number;
}

export type PoolHandler = (req: IncomingMessage, res: ServerResponse, basePath?: string) => void;

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPE = 'application/x-amz-json-1.1';
const ALLOW_HEADERS =
  'content-type, x-amz-target, x-amz-user-agent, cache-control, authorization, x-amz-date, x-amz-security-token, amz-sdk-invocation-id, amz-sdk-request, x-amz-content-sha256';
const EXPOSE_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** A browser page on another site may reach a loopback pool too; operator actions refuse such origins. */
function isLoopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const host = new URL(origin).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
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

  function cors(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
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
    if (declared > maxBody) throw new CognitoError('RequestEntityTooLargeException', `Request body exceeds ${maxBody} bytes.`, 413);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) throw new CognitoError('RequestEntityTooLargeException', `Request body exceeds ${maxBody} bytes.`, 413);
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
        ? new CognitoError('UnsupportedOperationException', `The local user pool does not support ${name}.`)
        : new CognitoError('UnknownOperationException', target ? `Unknown operation ${target}.` : 'Missing X-Amz-Target header.');
    }
    if (actions[name]?.admin && (!isLoopback(req.socket.remoteAddress) || !isLoopbackOrigin(req.headers.origin))) {
      throw new CognitoError('AccessDeniedException', `${name} is an operator action; the local user pool accepts it only from this machine.`);
    }
    const raw = await readBody(req);
    let body: unknown = {};
    if (raw.length > 0) {
      let text: string;
      try {
        // Strict: a lenient decode would turn bad bytes into U+FFFD and store a mangled username.
        text = strictUtf8.decode(raw);
      } catch {
        throw new CognitoError('SerializationException', 'Request body is not valid UTF-8.');
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw new CognitoError('SerializationException', 'Request body is not valid JSON.');
      }
    }
    const host = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
    const ctx: RequestContext = {
      baseUrl: `http://${host}${basePath}`,
      requestId,
      region: signingRegion(req.headers.authorization) ?? options.defaultRegion,
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

  function get(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, basePath: string, requestId: string): void {
    const host = req.headers.host ?? '127.0.0.1';
    const base = `http://${host}${basePath}`;
    const wellKnown = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
    if (wellKnown) {
      const [, poolId, doc] = wellKnown as unknown as [string, string, string];
      if (!store.pool(poolId)) throw new CognitoError('ResourceNotFoundException', `User pool ${poolId} does not exist.`, 404);
      if (doc === 'jwks.json') return send(res, 200, tokens.jwks(), requestId, 'application/json');
      const iss = `${base}/${poolId}`;
      return send(
        res,
        200,
        {
          issuer: iss,
          jwks_uri: `${iss}/.well-known/jwks.json`,
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          response_types_supported: ['code', 'token'],
          scopes_supported: ['openid', 'email', 'phone', 'profile'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          claims_supported: ['sub', 'email', 'email_verified', 'cognito:username', 'iss', 'aud', 'token_use'],
        },
        requestId,
        'application/json',
      );
    }
    if (path === '/mailbox.json') {
      const to = query.get('to') ?? undefined;
      const messages = store.mail(to).map(({ to: t, subject, text, code, sentAt }) => ({ to: t, subject, text, code, sentAt }));
      return send(res, 200, { messages }, requestId, 'application/json');
    }
    if (path === '/mailbox') {
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'");
      res.setHeader('Referrer-Policy', 'no-referrer');
      return send(res, 200, renderMailbox(store.mail(query.get('to') ?? undefined), query.get('to') ?? ''), requestId, 'text/html; charset=utf-8');
    }
    if (path === '/' || path === '') {
      return send(
        res,
        200,
        {
          service: 'local-cognito: an embedded Amazon Cognito user pool (cognito-idp JSON 1.1 API)',
          endpoint: `${base}/`,
          mailbox: `${base}/mailbox`,
          pools: store.listPools().map((p) => ({ id: p.id, name: p.name, jwks: `${base}/${p.id}/.well-known/jwks.json` })),
        },
        requestId,
        'application/json',
      );
    }
    throw new CognitoError('ResourceNotFoundException', `No such resource: ${path}`, 404);
  }

  return (req, res, basePath = '') => {
    const requestId = newRequestId();
    cors(req, res);
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const done = (err: unknown): void => {
      if (err instanceof CognitoError) {
        if (err.status === 413) res.setHeader('Connection', 'close');
        return sendError(res, err, requestId);
      }
      log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
      sendError(res, new CognitoError('InternalErrorException', 'An internal error occurred.', 500), requestId);
    };
    try {
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
      throw new CognitoError('UnknownOperationException', `${req.method} ${path} is not supported.`, 405);
    } catch (err) {
      done(err);
    }
  };
}
