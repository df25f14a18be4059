// Building the Cognito client (region, endpoint, credentials, retries) and calling it so that
// a failure remembers which API action failed (for the IAM action in AccessDenied messages).
import type { CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import { isLoopbackUrl } from '../../shared/loopback.ts';
import { regionOfPoolId } from '../../shared/patterns.ts';
import { checkRegion } from './args.ts';
import { UsageError } from './errors.ts';

/** Attempts per request, the first included, before a throttling error is reported. */
export const MAX_ATTEMPTS = 5;

/** Credentials for the local pool, which does not check signatures. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface RegionSources {
  /** --region */
  flag?: string | undefined;
  /** The pool ID in use, if known (from --pool-id or the env files). */
  poolId?: string | undefined;
  /** Where the pool ID came from, for the mismatch message. */
  poolIdSource?: string | undefined;
  /** A region configured next to the pool ID (VITE_COGNITO_REGION). */
  configured?: string | undefined;
  env: Record<string, string | undefined>;
}

/**
 * --region, else the pool ID's region (a pool lives in exactly one region), else
 * VITE_COGNITO_REGION / AWS_REGION / AWS_DEFAULT_REGION, else undefined (the caller's default).
 * A --region that contradicts the pool ID is a usage error rather than a confusing
 * "pool not found".
 */
export function resolveRegion(sources: RegionSources): string | undefined {
  const fromPool = sources.poolId ? (regionOfPoolId(sources.poolId) ?? undefined) : undefined;
  if (sources.flag !== undefined) {
    checkRegion(sources.flag, '--region');
    if (fromPool !== undefined && fromPool !== sources.flag) {
      throw new UsageError(
        `--region ${sources.flag} does not match the user pool ID ${sources.poolId} (from ${sources.poolIdSource ?? '--pool-id'}), which is in ${fromPool}.`,
      );
    }
    return sources.flag;
  }
  if (fromPool !== undefined) {
    if (sources.configured && sources.configured !== fromPool) {
      throw new UsageError(
        `VITE_COGNITO_REGION ${sources.configured} does not match the user pool ID ${sources.poolId}, which is in ${fromPool}.`,
      );
    }
    return checkRegion(fromPool, `The region of user pool ID ${sources.poolId}`);
  }
  const fromEnv = sources.configured || sources.env.AWS_REGION || sources.env.AWS_DEFAULT_REGION;
  if (fromEnv) return checkRegion(fromEnv, 'The configured region');
  return undefined;
}

/**
 * Client settings: explicit retries; for a loopback endpoint, dummy credentials unless some are
 * set in the environment (no slow credential-chain lookups against a pool that ignores them);
 * for real AWS, the SDK's default credential chain.
 */
export function clientConfig(
  region: string,
  endpoint: string | undefined,
  env: Record<string, string | undefined>,
): CognitoIdentityProviderClientConfig {
  const config: CognitoIdentityProviderClientConfig = { region, maxAttempts: MAX_ATTEMPTS };
  if (endpoint !== undefined) {
    config.endpoint = endpoint;
    // A loopback endpoint is the local pool, which does not check request signatures.
    if (isLoopbackUrl(endpoint) && !(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)) {
      config.credentials = { ...LOCAL_CREDENTIALS };
    }
  }
  return config;
}
