import type { GetUserResponse } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, MSG } from './errors.ts';
import type { Input } from './input.ts';
import { poolMfa } from './pool-mfa.ts';
import type { PoolRecord, TotpRecord, UserRecord } from './records.ts';

/** A user's second factors: what GetUser shows, what SetUserMFAPreference changes, what sign-in asks for. */

const NO_TOTP: TotpRecord = { enabled: false, preferred: false };

/**
 * Whether sign-in asks this user for an authenticator code. In an ON pool a verified
 * authenticator is the user's factor even if they turned it off (with MFA required a user can
 * only choose the preferred factor: docs/cognito-mfa-passwordless.md §1.1). Users who verified one
 * keep using it when the pool turns TOTP off later (§1.1).
 */
export function totpRequired(pool: PoolRecord, user: UserRecord): boolean {
  const mode = poolMfa(pool).configuration;
  if (mode === 'OFF' || user.totp?.secret === undefined) return false;
  return mode === 'ON' || user.totp.enabled;
}

/** GetUser / AdminGetUser: challenge names; the members are left out when the user has no factor. */
export function mfaSettingsOf(user: UserRecord): Pick<GetUserResponse, 'PreferredMfaSetting' | 'UserMFASettingList'> {
  const t = user.totp;
  if (!t?.secret || !t.enabled) return { UserMFASettingList: [] };
  return {
    UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    ...(t.preferred ? { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' } : {}),
  };
}

interface FactorSetting {
  Enabled?: boolean;
  PreferredMfa?: boolean;
}

function factorSetting(input: Input, name: string): FactorSetting | undefined {
  const s = input.optionalObject(name);
  if (!s) return undefined;
  const Enabled = s.optionalBoolean('Enabled');
  const PreferredMfa = s.optionalBoolean('PreferredMfa');
  return { ...(Enabled !== undefined ? { Enabled } : {}), ...(PreferredMfa !== undefined ? { PreferredMfa } : {}) };
}

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference: validates the whole request, then returns the
 * user with the new settings. A factor left out keeps its settings, and so does a member left
 * out of a factor's settings (Amplify sends only the factors its caller names: §1.4, §6).
 */
export function withMfaPreference(input: Input, user: UserRecord): UserRecord {
  const sms = factorSetting(input, 'SMSMfaSettings');
  const totp = factorSetting(input, 'SoftwareTokenMfaSettings');
  const email = factorSetting(input, 'EmailMfaSettings');
  input.optionalObject('WebAuthnMfaSettings')?.optionalBoolean('Enabled');
  // The local pool delivers no text messages and no MFA emails: turning those on is refused,
  // turning them off is nothing to do.
  if (sms?.Enabled || sms?.PreferredMfa) throw invalidParameter(MSG.noSmsToTurnOn);
  if (email?.Enabled || email?.PreferredMfa) throw invalidParameter(MSG.emailMfaUnsupported);
  if (!totp) return user;
  const current = user.totp ?? NO_TOTP;
  const enabled = totp.Enabled ?? current.enabled;
  if ((enabled || totp.PreferredMfa) && current.secret === undefined) throw invalidParameter(MSG.noTotpToTurnOn);
  const preferred = enabled && (totp.PreferredMfa ?? current.preferred);
  if (enabled === current.enabled && preferred === current.preferred) return user;
  return { ...user, totp: { ...current, enabled, preferred } };
}
