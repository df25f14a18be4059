// Shared test harness for the script CLIs: captured output, a temp working directory, and a
// recorded client configuration. The clients are real SDK clients; tests mock their `send`
// with aws-sdk-client-mock.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { CliDeps } from '../../../scripts/lib/cli.ts';
import { defaultEnvFs } from '../../../scripts/lib/env-file.ts';

// As the CLI entry does (scripts/lib/cli.ts): keep the SDK's Node 22 notice out of test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface Harness {
  deps: CliDeps;
  stdout: string[];
  stderr: string[];
  configs: CognitoIdentityProviderClientConfig[];
  dir: string;
  cleanup(): Promise<void>;
}

export async function harness(overrides: Partial<CliDeps> = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'wildrydes-scripts-'));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const configs: CognitoIdentityProviderClientConfig[] = [];
  const deps: CliDeps = {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    env: {},
    cwd: dir,
    createClient: (config) => {
      configs.push(config);
      return new CognitoIdentityProviderClient(config);
    },
    fs: defaultEnvFs,
    ...overrides,
  };
  return { deps, stdout, stderr, configs, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The text of one captured stream. */
export const text = (lines: string[]): string => lines.join('\n');
