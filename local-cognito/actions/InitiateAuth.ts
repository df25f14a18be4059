import { randomBytes } from 'node:crypto';
import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { ActionFactory, RequestContext, Services } from '../context.ts';
import { signInDevice } from '../devices.ts';
import { invalidParameter, MSG, notAuthorized, userNotConfirmed, userNotFound } from '../errors.ts';
import { CLIENT_ID_RULE, type Input, requiredParameter } from '../input.ts';
import { afterPasswordVerified, assertNotLockedOut, failedPassword, passwordMatches } from '../passwords.ts';
import { allowsFlow } from '../pools.ts';
import type { ClientRecord, PoolRecord } from '../records.ts';
import { resolveClient } from '../resources.ts';
import { checkSecretHash, riderNamed } from '../secret-hash.ts';
import { fakeSrpIdentity, SrpError, startSrp } from '../srp.ts';
import { refreshTokens } from '../token-lineages.ts';

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
        throw invalidParameter(MSG.userAuthUnsupported);
      default:
        throw invalidParameter(MSG.authFlowUnsupported);
    }
  };
};

function srpStart(
  { store, clock, sessions, srpSecrets }: Services,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string>,
): InitiateAuthResponse {
  const typed = requiredParameter(params, 'USERNAME');
  const A = requiredParameter(params, 'SRP_A');
  const user = riderNamed(store, { client, pool }, typed, params.SECRET_HASH);
  let identity: { salt: string; verifier: string; userIdForSrp: string };
  if (user) {
    identity = { ...user.srp, userIdForSrp: user.username };
  } else if (client.preventUserExistenceErrors === 'ENABLED') {
    // A challenge indistinguishable from a real one; the proof then fails like a wrong password.
    identity = fakeSrpIdentity(srpSecrets.fakeIdentitySecret(pool.fakeSrpSecret), typed);
  } else {
    throw userNotFound(MSG.userDoesNotExist);
  }
  let step: ReturnType<typeof startSrp>;
  try {
    step = startSrp(identity.verifier, A);
  } catch (err) {
    if (err instanceof SrpError) throw invalidParameter(MSG.invalidSrpA);
    throw err;
  }
  const now = clock.now();
  const secretBlock = randomBytes(64).toString('base64');
  sessions.put(
    secretBlock,
    {
      kind: 'srp',
      poolId: pool.id,
      clientId: client.clientId,
      username: user?.username,
      userIdForSrp: identity.userIdForSrp,
      A,
      B: step.B,
      b: step.b,
      verifier: identity.verifier,
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
      expiresAt: now + client.authSessionMinutes * 60_000,
    },
    now,
  );
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: identity.salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: step.B,
      USERNAME: identity.userIdForSrp,
      USER_ID_FOR_SRP: identity.userIdForSrp,
    },
  };
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
  const { store, clock } = services;
  const typed = requiredParameter(params, 'USERNAME');
  const password = requiredParameter(params, 'PASSWORD');
  const user = riderNamed(store, { client, pool }, typed, params.SECRET_HASH);
  if (!user) {
    throw client.preventUserExistenceErrors === 'ENABLED'
      ? notAuthorized(MSG.incorrectCredentials)
      : userNotFound(MSG.userDoesNotExist);
  }
  if (user.status === 'UNCONFIRMED') throw userNotConfirmed(MSG.notConfirmed);
  assertNotLockedOut(user, clock.now());
  if (!passwordMatches(pool, user, password)) throw failedPassword(services, user);
  const device = signInDevice(store, pool, user, params.DEVICE_KEY);
  return afterPasswordVerified(services, pool, client, user, ctx, device);
};
