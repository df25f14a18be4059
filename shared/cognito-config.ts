// The rules for the site's Cognito settings (VITE_COGNITO_*): local defaults and validation.
// Pure, so src/config.ts (browser) and vite-plugins/csp.ts (build) share one definition.
import { LOCAL_POOL } from './local-pool.ts';
import { CLIENT_ID_PATTERN, REGION_PATTERN, regionOfPoolId } from './patterns.ts';

export interface CognitoConfig {
  region: string;
  userPoolId: string;
  clientId: string;
  /** Full URL (or same-origin path) of the Cognito API; undefined = the real regional endpoint. */
  endpoint: string | undefined;
}

export interface ConfigProblem {
  /** The VITE_ variable the operator has to fix. */
  variable: string;
  message: string;
}

export type ConfigResult = { ok: true; config: CognitoConfig } | { ok: false; problems: ConfigProblem[] };

/** The variables the site is built with; `npm run provision` writes them into .env.local. */
export const ENV_KEYS = {
  poolId: 'VITE_COGNITO_USER_POOL_ID',
  clientId: 'VITE_COGNITO_USER_POOL_CLIENT_ID',
  region: 'VITE_COGNITO_REGION',
  endpoint: 'VITE_COGNITO_ENDPOINT',
} as const;

/** What every one of them starts with (what Vite loads, the only keys the scripts write). */
export const ENV_PREFIX = 'VITE_COGNITO_';

export type CognitoEnv = Partial<Record<(typeof ENV_KEYS)[keyof typeof ENV_KEYS], string | undefined>>;

export const LOCAL_DEFAULTS: Readonly<CognitoConfig> = {
  region: LOCAL_POOL.region,
  userPoolId: LOCAL_POOL.userPoolId,
  clientId: LOCAL_POOL.clientId,
  endpoint: `${LOCAL_POOL.mountPath}/`,
};

const clean = (value: string | undefined): string | undefined => value?.trim() || undefined;

const HOST = /^([a-z\d-]+(\.[a-z\d-]+)*|\[[\da-f:.]+\])$/;

/** Why the endpoint can't be used as written (fetched by the pages, put in the CSP), or null. */
function endpointProblem(endpoint: string): string | null {
  // "//host" and "/\host" are not paths: browsers read them as another origin.
  if (endpoint.startsWith('/'))
    return /^\/[/\\]/.test(endpoint) ? 'must be a path on this site (one leading /) or an http(s) URL.' : null;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !HOST.test(url.hostname)) {
    return 'must be an http(s) URL (like https://cognito-idp.us-east-1.amazonaws.com/) or a path starting with /.';
  }
  if (url.username || url.password)
    return 'must not contain a user name or password: it would be shipped in every page.';
  return null;
}

/** Validates the Cognito settings; pure, so it is tested with plain objects. */
export function readConfig(env: CognitoEnv): ConfigResult {
  const anySet = Object.values(ENV_KEYS).some((key) => clean(env[key]) !== undefined);
  if (!anySet) return { ok: true, config: { ...LOCAL_DEFAULTS } };

  const problems: ConfigProblem[] = [];
  const userPoolId = clean(env[ENV_KEYS.poolId]) ?? '';
  const clientId = clean(env[ENV_KEYS.clientId]) ?? '';
  const endpoint = clean(env[ENV_KEYS.endpoint]);
  const poolRegion = regionOfPoolId(userPoolId);
  const region = clean(env[ENV_KEYS.region]) ?? poolRegion ?? '';

  if (!userPoolId) {
    problems.push({ variable: ENV_KEYS.poolId, message: 'is not set.' });
  } else if (poolRegion === null) {
    problems.push({
      variable: ENV_KEYS.poolId,
      message: `"${userPoolId}" is not a user pool ID; expected <region>_<id>, e.g. us-east-1_AbC123xyz.`,
    });
  } else if (region !== poolRegion) {
    problems.push({
      variable: ENV_KEYS.region,
      message: `"${region}" does not match the user pool ID's region "${poolRegion}".`,
    });
  }
  if (region && !REGION_PATTERN.test(region)) {
    problems.push({ variable: ENV_KEYS.region, message: `"${region}" is not an AWS region name.` });
  }
  if (!clientId) {
    problems.push({ variable: ENV_KEYS.clientId, message: 'is not set.' });
  } else if (!CLIENT_ID_PATTERN.test(clientId)) {
    problems.push({
      variable: ENV_KEYS.clientId,
      message: `"${clientId}" is not an app client ID (letters, digits, _ and + only).`,
    });
  }
  const endpointIssue = endpoint === undefined ? null : endpointProblem(endpoint);
  if (endpointIssue) problems.push({ variable: ENV_KEYS.endpoint, message: `"${endpoint}" ${endpointIssue}` });
  return problems.length ? { ok: false, problems } : { ok: true, config: { region, userPoolId, clientId, endpoint } };
}
