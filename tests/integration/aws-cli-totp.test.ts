// TOTP two-factor sign-in through the AWS CLI, unchanged, against a child `npm run cognito:local`:
// associate-software-token → verify-software-token → set-user-mfa-preference → initiate-auth
// (USER_PASSWORD_AUTH, on an app client the CLI itself creates) → respond-to-auth-challenge
// SOFTWARE_TOKEN_MFA. The child runs on the wall clock, so the codes are chosen to stay valid
// whatever the timing: verification uses the code of the step the test is in (valid for at least
// 30 s, and it is the next call), sign-in the next step's (valid for at least 60 s from then, the
// calls in between take about 15; later than the verified one, so not a replay). A missing AWS CLI
// is a failure in CI (.ci/run installs it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, ok, PASSWORD, uniqueEmail } from './local-cognito/pool-kit.ts';
import { cleanUp, createSandbox, type PoolProcess, startPool, tempDir } from './npm-run.ts';

const run = promisify(execFile);
const POOL_ID = 'us-east-1_LocalPool';
const CLIENT_ID = 'localwildrydeswebclient001';
const STEP = 30_000;

let pool: PoolProcess;

beforeAll(async () => {
  pool = await startPool(['--port', '0', '--data-dir', await tempDir('cli-totp'), '--quiet'], {
    cwd: await createSandbox('cli-totp'),
  });
}, 60_000);
afterAll(async () => {
  await pool?.stop('SIGTERM', 'npm').catch(() => undefined);
  await cleanUp();
});

const codeAtStep = (secret: string, step: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: step * STEP,
  });

type CliResult = { ok: true; json: Record<string, unknown> } | { ok: false; stderr: string };

/** Finds a runnable `aws` once: undefined when there is none (a failure in CI). */
async function awsBinary(): Promise<string | undefined> {
  const tried: string[] = [];
  for (const bin of ['/usr/bin/aws', 'aws']) {
    try {
      await run(bin, ['--version'], { timeout: 30_000 });
      return bin;
    } catch (err) {
      tried.push(`${bin}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  if (process.env.CI) throw new Error(`no aws binary runs: ${tried.join('; ')}`);
  console.warn(`skipping the AWS CLI TOTP check: no aws binary runs (${tried.join('; ')})`);
  return undefined;
}

describe('the AWS CLI against npm run cognito:local', () => {
  it('sets up an authenticator and signs in with its code', { timeout: 120_000 }, async () => {
    const bin = await awsBinary();
    if (!bin) return;
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    };
    const aws = async (...args: string[]): Promise<CliResult> => {
      const full = ['--endpoint-url', pool.url, '--region', 'us-east-1', '--output', 'json', 'cognito-idp', ...args];
      try {
        const { stdout } = await run(bin, full, { env, timeout: 30_000 });
        return { ok: true, json: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
      } catch (err) {
        return { ok: false, stderr: (err as { stderr?: string }).stderr ?? String(err) };
      }
    };
    const must = async (...args: string[]) => {
      const r = await aws(...args);
      if (!r.ok) throw new Error(`aws ${args[0]} failed: ${r.stderr}`);
      return r.json;
    };

    const email = uniqueEmail('cli-totp');
    await ok(pool.url, 'SignUp', { ClientId: CLIENT_ID, Username: email, Password: PASSWORD });
    const confirmation = await latestCode(pool.url, email);
    await ok(pool.url, 'ConfirmSignUp', { ClientId: CLIENT_ID, Username: email, ConfirmationCode: confirmation });
    const client = await must(
      'create-user-pool-client',
      '--user-pool-id',
      POOL_ID,
      '--client-name',
      'cli-password',
      '--explicit-auth-flows',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    );
    const clientId = (client.UserPoolClient as { ClientId: string }).ClientId;
    const credentials = JSON.stringify({ USERNAME: email, PASSWORD });
    const signIn = () =>
      must(
        'initiate-auth',
        '--auth-flow',
        'USER_PASSWORD_AUTH',
        '--client-id',
        clientId,
        '--auth-parameters',
        credentials,
      );

    const first = await signIn();
    const accessToken = (first.AuthenticationResult as { AccessToken: string }).AccessToken;
    const { SecretCode } = (await must('associate-software-token', '--access-token', accessToken)) as {
      SecretCode: string;
    };
    expect(SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    const step = Math.floor(Date.now() / STEP);
    expect(
      await must(
        'verify-software-token',
        '--access-token',
        accessToken,
        '--user-code',
        codeAtStep(SecretCode, step),
        '--friendly-device-name',
        'cli',
      ),
    ).toEqual({ Status: 'SUCCESS' });
    await must(
      'set-user-mfa-preference',
      '--access-token',
      accessToken,
      '--software-token-mfa-settings',
      'Enabled=true,PreferredMfa=true',
    );
    expect(await must('get-user-pool-mfa-config', '--user-pool-id', POOL_ID)).toEqual({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });

    const challenge = await signIn();
    expect(challenge).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ChallengeParameters: { FRIENDLY_DEVICE_NAME: 'cli' },
    });
    const answer = (code: string) =>
      aws(
        'respond-to-auth-challenge',
        '--client-id',
        clientId,
        '--challenge-name',
        'SOFTWARE_TOKEN_MFA',
        '--session',
        challenge.Session as string,
        '--challenge-responses',
        JSON.stringify({ USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code }),
      );
    // A code no step the pool may be in accepts: wrong for certain, and the Session survives it.
    const reachable = new Set([-1, 0, 1, 2, 3].map((d) => codeAtStep(SecretCode, step + d)));
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !reachable.has(c)) as string;
    const refused = await answer(wrong);
    expect(refused.ok).toBe(false);
    expect((refused as { stderr: string }).stderr).toContain(
      'An error occurred (CodeMismatchException) when calling the RespondToAuthChallenge operation: Invalid code or auth state for the user.',
    );
    const signedIn = await answer(codeAtStep(SecretCode, step + 1));
    expect(signedIn.ok, signedIn.ok ? '' : signedIn.stderr).toBe(true);
    expect((signedIn as { json: Record<string, unknown> }).json).toMatchObject({
      ChallengeParameters: {},
      AuthenticationResult: { TokenType: 'Bearer', ExpiresIn: 3600 },
    });
  });
});
