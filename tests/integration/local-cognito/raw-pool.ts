// Shared by the raw-wire MFA and account tests: an in-process pool on an injected clock in a temp
// data dir (restartable on the same dir), an app client that allows USER_PASSWORD_AUTH, and
// confirmed riders signed in over plain JSON 1.1 calls.
import type { FakeClock } from '../../../local-cognito/index.ts';
import { type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import { latestCode, ok, PASSWORD, removeTempDirs, tempDataDir, uniqueEmail } from './pool-kit.ts';

export interface RawPool {
  /** The running pool (a new one after restart()). */
  readonly pool: RunningLocalCognito;
  readonly url: string;
  readonly passwordClient: string;
  passwordSignIn(email: string): Promise<Record<string, unknown>>;
  signedInRider(label: string): Promise<{ email: string; accessToken: string }>;
  /** Closes the pool and opens its data directory again, as after a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startRawPool(label: string, clock: FakeClock): Promise<RawPool> {
  const dataDir = await tempDataDir(label);
  let pool = await startLocalCognito({ dataDir, clock, quiet: true });
  const created = await ok(pool.url, 'CreateUserPoolClient', {
    UserPoolId: pool.poolId,
    ClientName: 'password-client',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  const passwordClient = (created.UserPoolClient as { ClientId: string }).ClientId;
  const passwordSignIn = (email: string) =>
    ok(pool.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: passwordClient,
      AuthParameters: { USERNAME: email, PASSWORD },
    });
  return {
    get pool() {
      return pool;
    },
    get url() {
      return pool.url;
    },
    passwordClient,
    passwordSignIn,
    async signedInRider(tag) {
      const email = uniqueEmail(tag);
      await ok(pool.url, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD });
      const code = await latestCode(pool.url, email);
      await ok(pool.url, 'ConfirmSignUp', { ClientId: pool.clientId, Username: email, ConfirmationCode: code });
      const auth = await passwordSignIn(email);
      return { email, accessToken: (auth.AuthenticationResult as { AccessToken: string }).AccessToken };
    },
    async restart() {
      await pool.close();
      pool = await startLocalCognito({ dataDir, clock, quiet: true });
    },
    async close() {
      await pool.close();
      await removeTempDirs();
    },
  };
}
