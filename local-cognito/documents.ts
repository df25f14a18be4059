// What the pool serves on GET: each pool's JWKS and OpenID discovery document (under the issuer
// URL, as Cognito serves them), the mailbox as a page and as JSON, and a small index of the
// endpoint. Pure lookups: the handler decides who may read them and writes the HTTP answer.
import { noSuchResource } from './errors.ts';
import { renderMailbox } from './mailbox-page.ts';
import type { Store } from './store.ts';
import type { TokenIssuer } from './tokens.ts';

export const MAILBOX_PATHS: ReadonlySet<string> = new Set(['/mailbox', '/mailbox.json']);

export interface PoolDocument {
  body: unknown;
  type: string;
  /** Headers of this document beyond the handler's own (the mailbox page's CSP). */
  headers?: Record<string, string>;
}

const JSON_DOC = 'application/json';
const WELL_KNOWN = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/** The document at `path` of the endpoint whose base URL is `base`, or ResourceNotFoundException. */
export function poolDocument(
  store: Store,
  tokens: TokenIssuer,
  path: string,
  query: URLSearchParams,
  base: string,
): PoolDocument {
  const wellKnown = WELL_KNOWN.exec(path);
  if (wellKnown) {
    const [, poolId, doc] = wellKnown as unknown as [string, string, string];
    if (!store.pool(poolId)) throw noSuchResource(`User pool ${poolId} does not exist.`);
    if (doc === 'jwks.json') return { body: tokens.jwks(), type: JSON_DOC };
    const iss = `${base}/${poolId}`;
    return {
      body: {
        issuer: iss,
        jwks_uri: `${iss}/.well-known/jwks.json`,
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'token'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        claims_supported: ['sub', 'email', 'email_verified', 'cognito:username', 'iss', 'aud', 'token_use'],
      },
      type: JSON_DOC,
    };
  }
  const to = query.get('to') ?? undefined;
  if (path === '/mailbox.json') {
    const messages = store
      .mail(to)
      .map(({ to: t, subject, text, code, sentAt }) => ({ to: t, subject, text, code, sentAt }));
    return { body: { messages }, type: JSON_DOC };
  }
  if (path === '/mailbox') {
    return {
      body: renderMailbox(store.mail(to), to ?? ''),
      type: 'text/html; charset=utf-8',
      headers: {
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        'Referrer-Policy': 'no-referrer',
      },
    };
  }
  if (path === '/' || path === '') {
    return {
      body: {
        service: 'local-cognito: an embedded Amazon Cognito user pool (cognito-idp JSON 1.1 API)',
        endpoint: `${base}/`,
        mailbox: `${base}/mailbox`,
        pools: store
          .listPools()
          .map((p) => ({ id: p.id, name: p.name, jwks: `${base}/${p.id}/.well-known/jwks.json` })),
      },
      type: JSON_DOC,
    };
  }
  throw noSuchResource(`No such resource: ${path}`);
}
