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

export type ConfigResult =
  | { ok: true; config: CognitoConfig }
  | { ok: false; problems: ConfigProblem[] };

export type CognitoEnv = Partial<Record<
  | 'VITE_COGNITO_REGION'
  | 'VITE_COGNITO_USER_POOL_ID'
  | 'VITE_COGNITO_USER_POOL_CLIENT_ID'
  | 'VITE_COGNITO_ENDPOINT',
  string | undefined
>>;

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
  if (endpoint.startsWith('/')) return /^\/[/\\]/.test(endpoint) ? 'must be a path on this site (one leading /) or an http(s) URL.' : null;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !HOST.test(url.hostname)) {
    return 'must be an http(s) URL (like https://cognito-idp.us-east-1.amazonaws.com/) or a path starting with /.';
  }
  if (url.username || url.password) return 'must not contain a user name or password: it would be shipped in every page.';
  return null;
}

/** Validates the Cognito settings; pure, so it is tested with plain objects. */
export function readConfig(env: CognitoEnv): ConfigResult {
  const anySet = ['VITE_COGNITO_REGION', 'VITE_COGNITO_USER_POOL_ID',
    'VITE_COGNITO_USER_POOL_CLIENT_ID', 'VITE_COGNITO_ENDPOINT']
    .some((key) => clean(env[key as keyof CognitoEnv]) !== undefined);
  if (!anySet) return { ok: true, config: { ...LOCAL_DEFAULTS } };

  const problems: ConfigProblem[] = [];
  const userPoolId = clean(env.VITE_COGNITO_USER_POOL_ID) ?? '';
  const clientId = clean(env.VITE_COGNITO_USER_POOL_CLIENT_ID) ?? '';
  const endpoint = clean(env.VITE_COGNITO_ENDPOINT);
  const poolRegion = regionOfPoolId(userPoolId);
  const region = clean(env.VITE_COGNITO_REGION) ?? poolRegion ?? '';

  if (!userPoolId) {
    problems.push({ variable: 'VITE_COGNITO_USER_POOL_ID', message: 'is not set.' });
  } else if (poolRegion === null) {
    problems.push({
      variable: 'VITE_COGNITO_USER_POOL_ID',
      message: `"${userPoolId}" is not a user pool ID; expected <region>_<id>, e.g. us-east-1_AbC123xyz.`,
    });
  } else if (region !== poolRegion) {
    problems.push({
      variable: 'VITE_COGNITO_REGION',
      message: `"${region}" does not match the user pool ID's region "${poolRegion}".`,
    });
  }
  if (region && !REGION_PATTERN.test(region)) {
    problems.push({ variable: 'VITE_COGNITO_REGION', message: `"${region}" is not an AWS region name.` });
  }
  if (!clientId) {
    problems.push({ variable: 'VITE_COGNITO_USER_POOL_CLIENT_ID', message: 'is not set.' });
  } else if (!CLIENT_ID_PATTERN.test(clientId)) {
    problems.push({
      variable: 'VITE_COGNITO_USER_POOL_CLIENT_ID',
      message: `"${clientId}" is not an app client ID (letters, digits, _ and + only).`,
    });
  }
  const endpointIssue = endpoint === undefined ? null : endpointProblem(endpoint);
  if (endpointIssue) problems.push({ variable: 'VITE_COGNITO_ENDPOINT', message: `"${endpoint}" ${endpointIssue}` });
  return problems.length
    ? { ok: false, problems }
    : { ok: true, config: { region, userPoolId, clientId, endpoint } };
}
