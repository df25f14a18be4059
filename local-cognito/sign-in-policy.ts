import type { AuthFactorType, UserPoolTierType } from '@aws-sdk/client-cognito-identity-provider';
import { featureUnavailableInTier, invalidParameter, MSG } from './errors.ts';
import type { Input } from './input.ts';
import type { PoolRecord } from './records.ts';

/**
 * The pool's feature plan and first sign-in factors (docs/cognito-mfa-passwordless.md §4.1):
 * `UserPoolTier` and `Policies.SignInPolicy.AllowedFirstAuthFactors` of CreateUserPool, echoed by
 * DescribeUserPool and read by the USER_AUTH flow (user-auth/).
 */

const TIERS = ['LITE', 'ESSENTIALS', 'PLUS'] as const;
const FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;
const PASSWORDLESS: readonly AuthFactorType[] = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/** The plan, Cognito's default (ESSENTIALS, per the model) for pools that never set one. */
export const tierOf = (pool: PoolRecord): UserPoolTierType => pool.tier ?? 'ESSENTIALS';

/** The allowed first factors; a pool without a SignInPolicy allows the password only, as Cognito's. */
export const firstFactorsOf = (pool: PoolRecord): AuthFactorType[] => pool.firstAuthFactors ?? ['PASSWORD'];

export const allowsFirstFactor = (pool: PoolRecord, factor: AuthFactorType): boolean =>
  firstFactorsOf(pool).includes(factor);

/** Reads UserPoolTier and the SignInPolicy of a CreateUserPool request, with Cognito's checks. */
export function signInSettings(input: Input): Pick<PoolRecord, 'tier' | 'firstAuthFactors'> {
  const tier = input.optionalEnum('UserPoolTier', TIERS) ?? 'ESSENTIALS';
  const policy = input.optionalObject('Policies')?.optionalObject('SignInPolicy');
  const listed = policy?.optionalStringList('AllowedFirstAuthFactors');
  if (listed === undefined) return { tier, firstAuthFactors: ['PASSWORD'] };
  const bad = listed.find((f) => !(FACTORS as readonly string[]).includes(f));
  if (bad !== undefined || listed.length < 1 || listed.length > 4) {
    const constraint =
      bad !== undefined
        ? `Member must satisfy constraint: [Member must satisfy enum value set: [${FACTORS.join(', ')}]]`
        : `Member must have length ${listed.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 4'}`;
    throw invalidParameter(
      `1 validation error detected: Value '[${listed.join(', ')}]' at 'policies.signInPolicy.allowedFirstAuthFactors' failed to satisfy constraint: ${constraint}`,
    );
  }
  const factors = [...new Set(listed)] as AuthFactorType[];
  const passwordless = factors.filter((f) => PASSWORDLESS.includes(f));
  if (tier === 'LITE' && passwordless.length > 0) {
    throw featureUnavailableInTier(MSG.featureUnavailableInTier(passwordless.join(', ')));
  }
  if (factors.length === 1 && factors[0] === 'WEB_AUTHN') throw invalidParameter(MSG.webAuthnNeedsAnotherFactor);
  return { tier, firstAuthFactors: factors };
}
