import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory, RequestContext, Services } from '../context.ts';
import { invalidParameter, MSG } from '../errors.ts';
import { CLIENT_ID_RULE, type Input, requiredParameter } from '../input.ts';
import { allowsFlow } from '../pools.ts';
import type { ClientRecord, PoolRecord } from '../records.ts';
import { resolveClient } from '../resources.ts';
import { checkSecretHash, riderNamed } from '../secret-hash.ts';
import { startSrpChallenge } from '../srp-start.ts';
import { refreshTokens } from '../token-lineages.ts';
import { signInWithPassword } from '../user-auth/password.ts';
import { startUserAuth } from '../user-auth/start.ts';

const FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'USER_PASSWORD_AUTH',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;

export const InitiateAuth: ActionFactory = (services) => {
  const { store } = services;
  return async (input: Input, ctx: RequestContext): Promise<InitiateAuthResponse> => {
    const flow = input.optionalEnum('AuthFlow', FLOWS);
    if (!flow) input.string('AuthFlow');
    const clientId = input.string('ClientId', CLIENT_ID_RULE);
    const params = input.optionalStringMap('AuthParameters') ?? {};
    input.optionalStringMap('ClientMetadata');
    const { client, pool } = resolveClient(store, clientId);
    switch (flow) {
      case 'USER_SRP_AUTH':
        if (!allowsFlow(client, 'USER_SRP_AUTH')) throw invalidParameter(MSG.flowNotEnabled);
        return srpStart(services, pool, client, params);
      case 'REFRESH_TOKEN_AUTH':
      case 'REFRESH_TOKEN':
        if (!allowsFlow(client, 'REFRESH_TOKEN_AUTH')) throw invalidParameter(MSG.flowNotEnabled);
        return refresh(services, pool, client, params, ctx);
      case 'USER_PASSWORD_AUTH':
        if (!allowsFlow(client, 'USER_PASSWORD_AUTH')) throw invalidParameter(MSG.passwordAuthNotEnabled);
        return passwordAuth(services, pool, client, params, ctx);
      case 'CUSTOM_AUTH':
        throw invalidParameter(MSG.customAuthNotConfigured);
      case 'USER_AUTH':
        // ALLOW_USER_AUTH covers password, SRP and passwordless sign-in (docs/cognito-mfa-passwordless.md §4.1).
        if (!allowsFlow(client, 'USER_AUTH')) throw invalidParameter(MSG.flowNotEnabled);
        return startUserAuth(services, pool, client, params, ctx);
      default:
        throw invalidParameter(MSG.authFlowUnsupported);
    }
  };
};

function srpStart(services: Services, pool: PoolRecord, client: ClientRecord, params: Record<string, string>) {
  const typed = requiredParameter(params, 'USERNAME');
  const A = requiredParameter(params, 'SRP_A');
  const user = riderNamed(services.store, { client, pool }, typed, params.SECRET_HASH);
  return startSrpChallenge(services, pool, client, user, typed, A, params.DEVICE_KEY);
}

/** A flow that ends in tokens (or the next challenge), given the request's AuthParameters. */
type TokenFlow = (
  services: Services,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string>,
  ctx: RequestContext,
) => Promise<InitiateAuthResponse>;

const refresh: TokenFlow = async (services, pool, client, params, ctx) => {
  const AuthenticationResult = await refreshTokens(
    services,
    pool,
    client,
    requiredParameter(params, 'REFRESH_TOKEN'),
    ctx,
    {
      rotate: false,
      checkSecret: (user) => checkSecretHash(client, params.SECRET_HASH, user.username, params.USERNAME),
    },
  );
  return { ChallengeParameters: {}, AuthenticationResult };
};

const passwordAuth: TokenFlow = async (services, pool, client, params, ctx) => {
  const typed = requiredParameter(params, 'USERNAME');
  const password = requiredParameter(params, 'PASSWORD');
  const user = riderNamed(services.store, { client, pool }, typed, params.SECRET_HASH);
  return signInWithPassword(services, pool, client, user, password, ctx, params.DEVICE_KEY);
};
