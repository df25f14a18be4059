// What provision wants of a pool's sign-in: MFA (docs/cognito-mfa-passwordless.md §1.1), remembered
// devices (§3.1) and, with --passwordless, choice-based sign-in with emailed codes and passkeys (§4.1,
// §5.1). Pure functions from the described state to the requests that change it; no API calls.
import type {
  AuthFactorType,
  CreateUserPoolCommandInput,
  ExplicitAuthFlowsType,
  GetUserPoolMfaConfigResponse,
  SetUserPoolMfaConfigCommandInput,
  UpdateUserPoolClientCommandInput,
  UpdateUserPoolCommandInput,
  UserPoolClientType,
  UserPoolMfaType,
  UserPoolType,
  WebAuthnConfigurationType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppClientSettings } from '../../shared/rider-pool.ts';
import {
  appClientSettings,
  PASSWORDLESS_FIRST_FACTORS,
  PASSWORDLESS_TIER,
  passwordlessClientSettings,
  passwordlessPoolSettings,
  RIDER_DEVICE_CONFIGURATION,
  RIDER_MFA_MODE,
  RIDER_PASSKEY_USER_VERIFICATION,
  riderMfaSettings,
  USER_AUTH_FLOW,
  userPoolSettings,
} from '../../shared/rider-pool.ts';
import { CliError, UsageError } from './errors.ts';
import { clientUpdateFrom, poolUpdateFrom } from './pool-update.ts';

export interface SignInOptions {
  /** --mfa; when absent, OPTIONAL, except that a pool which already requires MFA keeps ON. */
  mfa?: UserPoolMfaType | undefined;
  /** --passwordless; `rpId` from --rp-id / --site-url, else the pool's current relying party. */
  passwordless?: { rpId?: string | undefined } | undefined;
}

/** A request to send and what it changes, in words for the output. */
export interface Change<Input> {
  input: Input;
  changes: string[];
}

export type MfaInput = Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>;

const PASSWORDLESS_FACTORS: readonly AuthFactorType[] = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/** Provision never lowers MFA unasked: an existing pool with MFA ON keeps it without an explicit --mfa. */
export function targetMfa(options: SignInOptions, current: UserPoolMfaType | undefined): UserPoolMfaType {
  if (options.mfa) return options.mfa;
  return current === 'ON' ? 'ON' : RIDER_MFA_MODE;
}

const describeMfa = (mfa: UserPoolMfaType): string => (mfa === 'OFF' ? 'OFF' : `${mfa} with an authenticator app`);

/** CreateUserPool's settings: the riders' pool, with --passwordless the Essentials plan and the sign-in policy. */
export function newPoolSettings(poolName: string, options: SignInOptions): CreateUserPoolCommandInput {
  // MFA stays OFF here (userPoolSettings) and is set by SetUserPoolMfaConfig right after (newPoolMfa).
  return options.passwordless ? passwordlessPoolSettings(poolName) : userPoolSettings(poolName);
}

function relyingParty(
  options: SignInOptions,
  current: WebAuthnConfigurationType | undefined,
): WebAuthnConfigurationType | undefined {
  if (!options.passwordless) return undefined;
  const rpId = options.passwordless.rpId ?? current?.RelyingPartyId;
  if (!rpId) {
    throw new UsageError(
      "--passwordless needs the site's domain for passkeys: pass --site-url https://<your site> (or --rp-id <domain>).",
    );
  }
  return {
    ...current,
    RelyingPartyId: rpId,
    // An operator's stricter choice stays.
    UserVerification: current?.UserVerification === 'required' ? 'required' : RIDER_PASSKEY_USER_VERIFICATION,
  };
}

/** SetUserPoolMfaConfig for a pool just created: MFA and, with --passwordless, the relying party. */
export function newPoolMfa(options: SignInOptions): Change<MfaInput> | undefined {
  const mfa = targetMfa(options, undefined);
  const webAuthn = relyingParty(options, undefined);
  if (mfa === 'OFF' && !webAuthn) return undefined;
  return {
    input: {
      ...(mfa !== 'OFF' ? riderMfaSettings(mfa) : { MfaConfiguration: mfa }),
      ...(webAuthn ? { WebAuthnConfiguration: webAuthn } : {}),
    },
    changes: [describeMfa(mfa), ...(webAuthn ? [`passkeys for ${webAuthn.RelyingPartyId}`] : [])],
  };
}

/**
 * The full MFA request for the target: SetUserPoolMfaConfig, like UpdateUserPool, is sent whole,
 * so the pool's SMS and email MFA settings and its relying party go back as they are (but not
 * with MFA OFF, which Cognito refuses next to a configured factor: "can't turn off MFA and
 * configure an MFA together").
 */
function mfaInput(
  current: GetUserPoolMfaConfigResponse,
  mfa: UserPoolMfaType,
  webAuthn: WebAuthnConfigurationType | undefined,
): MfaInput {
  const on = mfa !== 'OFF';
  const passkeys = webAuthn ?? current.WebAuthnConfiguration;
  return {
    MfaConfiguration: mfa,
    ...(on ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
    ...(on && current.SmsMfaConfiguration ? { SmsMfaConfiguration: current.SmsMfaConfiguration } : {}),
    ...(on && current.EmailMfaConfiguration ? { EmailMfaConfiguration: current.EmailMfaConfiguration } : {}),
    ...(passkeys ? { WebAuthnConfiguration: passkeys } : {}),
  };
}

export interface ExistingPoolChanges {
  /** SetUserPoolMfaConfig before UpdateUserPool (as Terraform orders them), when MFA differs. */
  mfa?: Change<MfaInput>;
  pool?: Change<UpdateUserPoolCommandInput>;
  /** SetUserPoolMfaConfig after it, once the pool is on a plan that has passkeys. */
  passkeys?: Change<MfaInput>;
}

/** What to change on an existing pool, from DescribeUserPool and GetUserPoolMfaConfig. */
export function existingPoolChanges(
  pool: UserPoolType,
  current: GetUserPoolMfaConfigResponse,
  options: SignInOptions,
): ExistingPoolChanges {
  const label = `User pool ${pool.Name} (${pool.Id})`;
  const currentMfa = current.MfaConfiguration ?? pool.MfaConfiguration ?? 'OFF';
  const mfa = targetMfa(options, currentMfa);
  const factors = pool.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  if (mfa === 'ON' && options.passwordless) {
    throw new CliError(
      `${label} requires MFA (ON), and Cognito offers no passwordless sign-in while MFA is required; ` +
        'pass --mfa optional with --passwordless to allow it.',
    );
  }
  const passwordless = factors.filter((f) => PASSWORDLESS_FACTORS.includes(f));
  if (mfa === 'ON' && passwordless.length > 0) {
    throw new CliError(
      `${label} allows passwordless sign-in (${passwordless.join(', ')}), which Cognito does not allow while MFA is required; ` +
        'keep --mfa optional, or remove those factors from its sign-in policy first.',
    );
  }

  const out: ExistingPoolChanges = {};
  const totpOn = current.SoftwareTokenMfaConfiguration?.Enabled === true;
  if (currentMfa !== mfa || (mfa !== 'OFF' && !totpOn)) {
    out.mfa = {
      input: mfaInput(current, mfa, undefined),
      changes: [`${describeMfa(currentMfa)} → ${describeMfa(mfa)}`],
    };
  }

  const update = poolUpdateFrom(pool);
  const changes: string[] = [];
  const device = pool.DeviceConfiguration;
  if (
    device?.ChallengeRequiredOnNewDevice !== RIDER_DEVICE_CONFIGURATION.ChallengeRequiredOnNewDevice ||
    device?.DeviceOnlyRememberedOnUserPrompt !== RIDER_DEVICE_CONFIGURATION.DeviceOnlyRememberedOnUserPrompt
  ) {
    changes.push('remembered devices on user opt-in');
  }
  if (options.passwordless) {
    if (pool.UserPoolTier !== 'ESSENTIALS' && pool.UserPoolTier !== 'PLUS') {
      changes.push(`feature plan ${pool.UserPoolTier ?? 'LITE'} → ${PASSWORDLESS_TIER}`);
      update.UserPoolTier = PASSWORDLESS_TIER;
    }
    const missing = PASSWORDLESS_FIRST_FACTORS.filter((f) => !factors.includes(f));
    if (missing.length > 0) {
      changes.push(`first sign-in factors + ${missing.join(', ')}`);
      // The riders' factors, then any other the pool allows already (SMS_OTP), kept.
      const others = factors.filter((f) => !PASSWORDLESS_FIRST_FACTORS.includes(f));
      update.Policies = {
        ...update.Policies,
        SignInPolicy: { AllowedFirstAuthFactors: [...PASSWORDLESS_FIRST_FACTORS, ...others] },
      };
    }
  }
  if (changes.length > 0) {
    update.DeviceConfiguration = { ...RIDER_DEVICE_CONFIGURATION };
    // UpdateUserPool takes the MFA setting too; it gets the one SetUserPoolMfaConfig leaves.
    update.MfaConfiguration = mfa;
    out.pool = { input: update, changes };
  }

  const webAuthn = relyingParty(options, current.WebAuthnConfiguration);
  const had = current.WebAuthnConfiguration;
  if (
    webAuthn &&
    (had?.RelyingPartyId !== webAuthn.RelyingPartyId || had?.UserVerification !== webAuthn.UserVerification)
  ) {
    out.passkeys = {
      input: mfaInput(current, mfa, webAuthn),
      changes: [`passkeys for ${webAuthn.RelyingPartyId} (user verification ${webAuthn.UserVerification})`],
    };
  }
  return out;
}

/** CreateUserPoolClient's settings: the web client, with --passwordless also ALLOW_USER_AUTH. */
export function newClientSettings(clientName: string, options: SignInOptions): AppClientSettings {
  return options.passwordless ? passwordlessClientSettings(clientName) : appClientSettings(clientName);
}

/** UpdateUserPoolClient with its full settings, when --passwordless needs ALLOW_USER_AUTH on it. */
export function clientChange(
  appClient: UserPoolClientType,
  options: SignInOptions,
): Change<UpdateUserPoolClientCommandInput> | undefined {
  const flows: ExplicitAuthFlowsType[] = appClient.ExplicitAuthFlows ?? [];
  if (!options.passwordless || flows.includes(USER_AUTH_FLOW)) return undefined;
  return {
    input: { ...clientUpdateFrom(appClient), ExplicitAuthFlows: [...flows, USER_AUTH_FLOW] },
    changes: [`flows + ${USER_AUTH_FLOW}`],
  };
}
