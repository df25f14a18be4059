import type { SessionTable } from './challenge-sessions.ts';
import type { Clock } from './clock.ts';
import type { Input } from './input.ts';
import type { Mailer } from './mailer.ts';
import type { SrpSecrets } from './srp-secrets.ts';
import type { Store } from './store.ts';
import type { TokenIssuer } from './tokens.ts';

/** Everything an action may need; each action factory destructures only what it uses. */
export interface Services {
  store: Store;
  clock: Clock;
  tokens: TokenIssuer;
  mailer: Mailer;
  sessions: SessionTable;
  srpSecrets: SrpSecrets;
  /** The passkey relying party for pools without their own (`--rp-id`; webauthn-config.ts). */
  relyingPartyId?: string;
  log: (line: string) => void;
}

/** Facts about the HTTP request an action may depend on. */
export interface RequestContext {
  /** Base URL of this pool endpoint without trailing slash, e.g. `http://127.0.0.1:9229` or `http://localhost:5173/__cognito`. */
  baseUrl: string;
  requestId: string;
  /** Region of the caller's SigV4 credential scope (AWS SDK/CLI), else the server's default. */
  region: string;
  /** The calling page's `Origin` header, if any (a loopback page's host can name the RP ID; webauthn-config.ts). */
  origin?: string;
}

export type Action = (input: Input, ctx: RequestContext) => Promise<object>;
export type ActionFactory = (services: Services) => Action;

export interface ActionEntry {
  /** Operator actions: refused unless the request comes from a loopback address. */
  admin: boolean;
  create: ActionFactory;
}

export const issuerFor = (ctx: RequestContext, poolId: string): string => `${ctx.baseUrl}/${poolId}`;
