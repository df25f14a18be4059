import type { WebAuthnConfigurationType } from '@aws-sdk/client-cognito-identity-provider';
import { isLoopbackHostname } from '../shared/loopback.ts';
import type { RequestContext } from './context.ts';
import { MSG, webAuthnConfigurationMissing } from './errors.ts';
import type { Input } from './input.ts';
import type { PoolRecord, UserRecord, WebAuthnSettings } from './records.ts';

/**
 * The pool's passkey relying party (docs/cognito-mfa-passwordless.md §5.1) and which pages may
 * use it. The pool record owns the settings; SetUserPoolMfaConfig applies its
 * `WebAuthnConfiguration` with `applyWebAuthnConfiguration` and GetUserPoolMfaConfig shows them
 * with `webAuthnConfigurationOf`.
 */

const DEFAULTS: WebAuthnSettings = { userVerification: 'preferred', factorConfiguration: 'SINGLE_FACTOR' };

/** A DNS name (what WebAuthn accepts as an RP ID) or an IPv4 loopback address for software clients. */
const RP_ID_RULE = {
  min: 1,
  max: 127,
  pattern: /^(?=.{1,127}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i,
  patternText: 'a domain name',
};

export const webAuthnSettingsOf = (pool: PoolRecord): WebAuthnSettings => pool.webAuthn ?? DEFAULTS;

/** The pool with a SetUserPoolMfaConfig `WebAuthnConfiguration` applied (omitted members: Cognito's defaults). */
export function applyWebAuthnConfiguration(pool: PoolRecord, config: Input, now: number): PoolRecord {
  const relyingPartyId = config.optionalString('RelyingPartyId', RP_ID_RULE)?.toLowerCase();
  const userVerification = config.optionalEnum('UserVerification', ['required', 'preferred'] as const);
  const factorConfiguration = config.optionalEnum('FactorConfiguration', [
    'SINGLE_FACTOR',
    'MULTI_FACTOR_WITH_USER_VERIFICATION',
  ] as const);
  const webAuthn: WebAuthnSettings = {
    ...(relyingPartyId ? { relyingPartyId } : {}),
    userVerification: userVerification ?? DEFAULTS.userVerification,
    factorConfiguration: factorConfiguration ?? DEFAULTS.factorConfiguration,
  };
  return { ...pool, webAuthn, updatedAt: now };
}

/** GetUserPoolMfaConfig's WebAuthnConfiguration. */
export function webAuthnConfigurationOf(pool: PoolRecord): WebAuthnConfigurationType {
  const s = webAuthnSettingsOf(pool);
  return {
    ...(s.relyingPartyId ? { RelyingPartyId: s.relyingPartyId } : {}),
    UserVerification: s.userVerification,
    FactorConfiguration: s.factorConfiguration,
  };
}

/**
 * The RP ID passkeys of this pool are bound to, in order: the pool's own `RelyingPartyId`; the
 * server's (`--rp-id`, the Vite plugin's / library's `relyingPartyId`); else the host of the
 * calling page when it is a loopback name (`localhost`, `127.0.0.1`), so `npm run dev` works on
 * either without configuration. A local-pool choice (docs/cognito.md §6): Cognito falls back to
 * the pool's domain, which the local pool does not have. Nothing fits: WebAuthnConfigurationMissing.
 */
export function relyingPartyFor(pool: PoolRecord, serverRpId: string | undefined, ctx: RequestContext): string {
  const own = webAuthnSettingsOf(pool).relyingPartyId ?? serverRpId;
  if (own) return own;
  const host = hostOf(ctx.origin);
  if (host && isLoopbackHostname(host) && !host.includes(':') && !host.startsWith('[')) return host;
  throw webAuthnConfigurationMissing(MSG.webAuthnConfigurationMissing);
}

/** The WebAuthn user handle: base64url of the user's `sub` as text, as in Cognito's creation options (§5.2). */
export const userHandleOf = (user: UserRecord): string => Buffer.from(user.sub, 'utf8').toString('base64url');

const hostOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Whether a page's origin (clientDataJSON.origin) may use the RP ID: WebAuthn's rule, the host is
 * the RP ID or a subdomain of it, any port; https, or http for loopback hosts only (browsers treat
 * http://localhost as a secure context). A local-pool choice, docs/cognito.md §6.
 */
export function originAllowed(origin: string, rpId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  const host = url.hostname.toLowerCase();
  const fits = host === rpId || host.endsWith(`.${rpId}`);
  if (!fits) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHostname(host));
}
