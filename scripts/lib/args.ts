// Command-line parsing on node:util parseArgs, with parse failures turned into UsageErrors,
// and the validators for the values the commands take (region, pool ID, endpoint, email).

import type { ParseArgsConfig } from 'node:util';
import { parseArgs } from 'node:util';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN, REGION_PATTERN, regionOfPoolId } from '../../shared/patterns.ts';
import { UsageError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<O extends Options> {
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
  positionals: string[];
}

/** parseArgs in strict mode; `helpHint` names the command to run with --help after a mistake. */
export function parse<O extends Options>(argv: string[], options: O, helpHint: string): Parsed<O> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    const message =
      error instanceof Error
        ? error.message
            .split('\n')[0]!
            .replace(/\. To specify a positional argument.*$/, '')
            .replace(/\.$/, '')
        : String(error);
    throw new UsageError(`${message}. Run \`${helpHint} --help\` for usage.`);
  }
}

// The same rules src/config.ts applies (and amazon-cognito-identity-js for pool IDs).
export function checkRegion(region: string, source: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw new UsageError(`${source} "${region}" is not an AWS region name (e.g. us-east-1).`);
  }
  return region;
}

export function checkPoolId(poolId: string, source: string): string {
  if (regionOfPoolId(poolId) === null) {
    throw new UsageError(
      `${source} "${poolId}" is not a user pool ID; expected <region>_<id>, e.g. us-east-1_AbC123xyz.`,
    );
  }
  return poolId;
}

export const LOCAL_POOL_HINT =
  'pass --endpoint http://127.0.0.1:5173/__cognito/ to use the local pool of `npm run dev`';

/** An absolute http(s) URL; a same-origin path like /__cognito/ only works inside the browser. */
export function checkEndpoint(endpoint: string, source: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    if (endpoint.startsWith('/')) {
      throw new UsageError(`${source} "${endpoint}" is a path the site resolves in the browser; ${LOCAL_POOL_HINT}.`);
    }
    throw new UsageError(`${source} "${endpoint}" is not a URL; expected e.g. http://127.0.0.1:5173/__cognito/.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${source} "${endpoint}" must be an http:// or https:// URL.`);
  }
  return endpoint;
}

export function checkEmail(email: string | undefined, command: string): string {
  if (email === undefined || email === '') {
    throw new UsageError(
      `\`${command}\` needs the rider's email address, e.g. \`npm run users -- ${command} rider@example.com\`.`,
    );
  }
  if (!EMAIL_PATTERN.test(email) || email.length > EMAIL_MAX_LENGTH) {
    throw new UsageError(`"${email}" is not a valid email address.`);
  }
  return email;
}

const MFA_VALUES = { off: 'OFF', optional: 'OPTIONAL', on: 'ON' } as const;
export type MfaFlag = (typeof MFA_VALUES)[keyof typeof MFA_VALUES];

export function checkMfa(value: string): MfaFlag {
  const key = value.toLowerCase();
  if (!Object.hasOwn(MFA_VALUES, key)) throw new UsageError(`--mfa "${value}" is not one of off, optional, on.`);
  return MFA_VALUES[key as keyof typeof MFA_VALUES];
}

// A WebAuthn relying party ID is a domain (never an IP address), at most 127 characters in Cognito
// (WebAuthnConfigurationType.RelyingPartyId); docs/cognito-mfa-passwordless.md §5.1.
const DOMAIN_PATTERN = /^(?=.{1,127}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;
const IPV4_PATTERN = /^\d+(\.\d+){3}$/;

export function checkRpId(value: string, source: string): string {
  const rpId = value.toLowerCase();
  if (!DOMAIN_PATTERN.test(rpId) || IPV4_PATTERN.test(rpId)) {
    throw new UsageError(
      `${source} "${value}" is not a domain name; passkeys are bound to one, e.g. rides.example.com (localhost for local use).`,
    );
  }
  return rpId;
}

/** The site's address; its host name is the passkeys' relying party unless --rp-id names a parent domain. */
export function checkSiteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--site-url "${value}" is not a URL; expected e.g. https://rides.example.com.`);
  }
  const local = url.hostname === 'localhost' || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new UsageError(
      `--site-url "${value}" must be an https:// URL (browsers offer passkeys only there and on localhost).`,
    );
  }
  return checkRpId(url.hostname, `The host of --site-url`);
}

/** --rp-id must be the site's host or a domain it belongs to (WebAuthn's registrable-suffix rule). */
export function relyingPartyId(siteUrl: string | undefined, rpIdFlag: string | undefined): string | undefined {
  const host = siteUrl === undefined ? undefined : checkSiteUrl(siteUrl);
  const rpId = rpIdFlag === undefined ? undefined : checkRpId(rpIdFlag, '--rp-id');
  if (host !== undefined && rpId !== undefined && host !== rpId && !host.endsWith(`.${rpId}`)) {
    throw new UsageError(
      `--rp-id ${rpId} does not fit --site-url ${siteUrl}: it must be ${host} or a domain it belongs to.`,
    );
  }
  return rpId ?? host;
}
