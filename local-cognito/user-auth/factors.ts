import type { ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import type { RequestContext, Services } from '../context.ts';
import { CognitoError } from '../errors.ts';
import { poolMfa } from '../pool-mfa.ts';
import type { PoolRecord, UserRecord, WebAuthnCredentialRecord } from '../records.ts';
import { allowsFirstFactor, tierOf } from '../sign-in-policy.ts';
import { totpRequired } from '../user-mfa.ts';
import { relyingPartyFor } from '../webauthn-config.ts';

/**
 * Which first factors a rider may use in USER_AUTH (docs/cognito-mfa-passwordless.md §4.1, §4.2):
 * the pool's AllowedFirstAuthFactors, narrowed to what this rider has.
 */

/**
 * Whether sign-in would ask this user for a second factor (their authenticator app, user-mfa.ts):
 * such users get only the password factors (§1.1, §4.1).
 */
export const hasMfaFactor = (pool: PoolRecord, user: UserRecord): boolean => totpRequired(pool, user);

/** Whether the pool requires MFA (MfaConfiguration ON): then every rider gets the password factors only (§1.1, §4.1). */
export const poolRequiresMfa = (pool: PoolRecord): boolean => poolMfa(pool).configuration === 'ON';

/** The user's passkeys for the RP ID this request resolves to (none when no RP ID can be resolved). */
export function passkeysFor(
  services: Pick<Services, 'store' | 'relyingPartyId'>,
  pool: PoolRecord,
  user: UserRecord,
  ctx: RequestContext,
): { rpId: string; credentials: WebAuthnCredentialRecord[] } | undefined {
  let rpId: string;
  try {
    rpId = relyingPartyFor(pool, services.relyingPartyId, ctx);
  } catch (err) {
    if (err instanceof CognitoError) return undefined;
    throw err;
  }
  const credentials = services.store.credentialsOf(user).filter((c) => c.relyingPartyId === rpId);
  return credentials.length > 0 ? { rpId, credentials } : undefined;
}

/**
 * The challenges offered, in Cognito's order (PASSWORD, PASSWORD_SRP, EMAIL_OTP, WEB_AUTHN).
 * - Users an operator created or reset (FORCE_CHANGE_PASSWORD, RESET_REQUIRED) and users with MFA
 *   get the password factors only, so they continue as in the classic flows (a local-pool choice
 *   for the first two, docs/cognito.md §6).
 * - EMAIL_OTP needs an email address; WEB_AUTHN a passkey for this RP ID.
 * - An unknown user (PreventUserExistenceErrors ENABLED) is offered what a rider with a password
 *   and an email but no passkey is: the answer does not depend on whether the name exists
 *   (Cognito picks at random, §4.2; the local pool is deterministic, §6).
 */
export function availableChallenges(
  services: Pick<Services, 'store' | 'relyingPartyId'>,
  pool: PoolRecord,
  user: UserRecord | undefined,
  ctx: RequestContext,
): ChallengeNameType[] {
  const out: ChallengeNameType[] = [];
  if (allowsFirstFactor(pool, 'PASSWORD')) out.push('PASSWORD', 'PASSWORD_SRP');
  const passwordOnly =
    tierOf(pool) === 'LITE' ||
    poolRequiresMfa(pool) ||
    (user !== undefined &&
      (user.status === 'FORCE_CHANGE_PASSWORD' || user.status === 'RESET_REQUIRED' || hasMfaFactor(pool, user)));
  if (passwordOnly) return out;
  if (allowsFirstFactor(pool, 'EMAIL_OTP') && (user === undefined || user.attributes.email)) out.push('EMAIL_OTP');
  if (allowsFirstFactor(pool, 'WEB_AUTHN') && user && passkeysFor(services, pool, user, ctx)) out.push('WEB_AUTHN');
  return out;
}
