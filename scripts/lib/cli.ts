// What every CLI entry shares: injected I/O (so `main` is testable), the two expected error
// kinds, and the top-level runner that turns any error into one line and an exit code.

import type { CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { EnvFs } from './env-file.ts';
import { defaultEnvFs } from './env-file.ts';
import type { ErrorContext } from './errors.ts';
import { describeError } from './errors.ts';

export interface CliDeps {
  stdout(text: string): void;
  stderr(text: string): void;
  /** process.env, or a plain object in tests. */
  env: Record<string, string | undefined>;
  /** Directory the env files are read from / written to. */
  cwd: string;
  createClient(config: CognitoIdentityProviderClientConfig): CognitoIdentityProviderClient;
  fs: EnvFs;
}

export function defaultDeps(): CliDeps {
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    cwd: process.cwd(),
    createClient: (config) => {
      // The SDK warns on every run that its 2027 releases will need Node 22; the project runs
      // on Node 20 and the notice would bury the one-line output. Respect an explicit setting.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      return new CognitoIdentityProviderClient(config);
    },
    fs: defaultEnvFs,
  };
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * Runs a command body; any error becomes one line on stderr (plus the stack with --debug).
 * `context` is filled in by the body as it learns the pool, region, user, … so the message
 * can name them.
 */
export async function runCli(
  deps: CliDeps,
  debug: boolean,
  context: ErrorContext,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const described = describeError(error, context);
    deps.stderr(`Error: ${described.message}`);
    if (debug && error instanceof Error && error.stack) deps.stderr(stackOf(error));
    return described.usage ? EXIT_USAGE : EXIT_FAILURE;
  }
}

function stackOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.stack ? `${error.stack}\nCaused by: ${cause.stack}` : String(error.stack);
}
