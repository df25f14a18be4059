import type {
  EmailMfaConfigType,
  GetUserPoolMfaConfigResponse,
  SmsMfaConfigType,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter, MSG } from './errors.ts';
import type { Input } from './input.ts';
import type { PoolMfaRecord, PoolRecord } from './records.ts';
import { webAuthnConfigurationOf } from './webauthn-config.ts';

/** The pool's MFA settings (docs/cognito-mfa-passwordless.md §1.1), read from requests and shown back. */

const MFA_MODES = ['OFF', 'ON', 'OPTIONAL'] as const;
const OFF: PoolMfaRecord = { configuration: 'OFF', softwareToken: false };

/** A pool stored before MFA existed has MFA off. */
export const poolMfa = (pool: PoolRecord): PoolMfaRecord => pool.mfa ?? OFF;

function withCodePlaceholder(input: Input, name: string, max: number): string | undefined {
  const text = input.optionalString(name, { min: 6, max });
  if (text !== undefined && !text.includes('{####}')) throw invalidParameter(MSG.mfaMessageCode(name));
  return text;
}

function smsConfig(input: Input): SmsMfaConfigType | undefined {
  const sms = input.optionalObject('SmsMfaConfiguration');
  if (!sms) return undefined;
  const message = withCodePlaceholder(sms, 'SmsAuthenticationMessage', 140);
  const cfg = sms.optionalObject('SmsConfiguration');
  const arn = cfg?.string('SnsCallerArn', { min: 20, max: 2048 });
  const externalId = cfg?.optionalString('ExternalId');
  const region = cfg?.optionalString('SnsRegion', { min: 5, max: 32 });
  return {
    ...(message !== undefined ? { SmsAuthenticationMessage: message } : {}),
    ...(arn !== undefined
      ? {
          SmsConfiguration: {
            SnsCallerArn: arn,
            ...(externalId !== undefined ? { ExternalId: externalId } : {}),
            ...(region !== undefined ? { SnsRegion: region } : {}),
          },
        }
      : {}),
  };
}

function emailConfig(input: Input): EmailMfaConfigType | undefined {
  const email = input.optionalObject('EmailMfaConfiguration');
  if (!email) return undefined;
  const message = withCodePlaceholder(email, 'Message', 20_000);
  const subject = email.optionalString('Subject', { min: 1, max: 140 });
  return {
    ...(message !== undefined ? { Message: message } : {}),
    ...(subject !== undefined ? { Subject: subject } : {}),
  };
}

/**
 * SetUserPoolMfaConfig's request applied to the current settings. A member left out keeps its
 * current value (the API reference does not say; so a caller that only sets WebAuthnConfiguration
 * does not turn MFA off: docs/cognito-mfa-passwordless.md §6).
 */
export function mfaFromRequest(input: Input, current: PoolMfaRecord): PoolMfaRecord {
  const configuration = input.optionalEnum('MfaConfiguration', MFA_MODES) ?? current.configuration;
  const softwareToken =
    input.optionalObject('SoftwareTokenMfaConfiguration')?.optionalBoolean('Enabled') ?? current.softwareToken;
  const sms = smsConfig(input) ?? current.sms;
  const email = emailConfig(input) ?? current.email;
  const anyFactor = softwareToken || sms?.SmsConfiguration !== undefined || email?.Message !== undefined;
  if (configuration !== 'OFF' && !anyFactor) throw invalidParameter(MSG.mfaAllDisabled);
  return {
    configuration,
    softwareToken,
    ...(sms ? { sms } : {}),
    ...(email ? { email } : {}),
  };
}

/**
 * CreateUserPool's MfaConfiguration. Cognito refuses ON or OPTIONAL there unless text messages are
 * configured (TOTP is turned on afterwards with SetUserPoolMfaConfig), and so does the pool.
 */
export function mfaFromCreatePool(input: Input, autoVerified: readonly string[]): PoolMfaRecord {
  const configuration = input.optionalEnum('MfaConfiguration', MFA_MODES) ?? 'OFF';
  if (configuration === 'OFF') return OFF;
  const arn = input.optionalObject('SmsConfiguration')?.optionalString('SnsCallerArn', { min: 20, max: 2048 });
  if (arn === undefined || !autoVerified.includes('phone_number')) throw invalidParameter(MSG.mfaNeedsSms);
  return { configuration, softwareToken: false, sms: { SmsConfiguration: { SnsCallerArn: arn } } };
}

/**
 * GetUserPoolMfaConfig's and SetUserPoolMfaConfig's answer. `WebAuthnConfiguration` is the pool's
 * own record (webauthn-config.ts), shown once it was set.
 */
export function describeMfa(mfa: PoolMfaRecord, pool?: PoolRecord): GetUserPoolMfaConfigResponse {
  return {
    MfaConfiguration: mfa.configuration,
    SoftwareTokenMfaConfiguration: { Enabled: mfa.softwareToken },
    ...(mfa.sms ? { SmsMfaConfiguration: mfa.sms } : {}),
    ...(mfa.email ? { EmailMfaConfiguration: mfa.email } : {}),
    ...(pool?.webAuthn ? { WebAuthnConfiguration: webAuthnConfigurationOf(pool) } : {}),
  };
}
