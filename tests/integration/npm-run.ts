// Runs the package's npm scripts the way the README tells people to (`npm run -s <script> -- …`),
// as child processes, so what is tested is the whole command line: npm, the script line in
// package.json, Node's own option parsing and the script's. They run in a sandbox project: a temp
// directory of symlinks to the repository's own entries (package.json, node_modules, the code)
// without its env files and pool state, so a test never reads or writes the developer's
// .env.local, .env or .local-cognito/, and relative paths resolve as they would in a checkout.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Entries of a checkout that belong to one developer's machine, not to the project. */
const isLocalState = (name: string): boolean =>
  ['.git', '.local-cognito', 'dist', 'test-results', 'coverage'].includes(name) ||
  name === '.env' ||
  name.startsWith('.env.');

const created: string[] = [];
const running = new Set<ChildProcess>();

/** A fresh project directory that runs the repository's scripts with its own env files and state. */
export async function createSandbox(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `wildrydes-npm-${label}-`));
  created.push(dir);
  for (const name of await readdir(REPO)) {
    if (!isLocalState(name)) await symlink(join(REPO, name), join(dir, name));
  }
  return dir;
}

/** A temp directory removed by cleanUp(). */
export async function tempDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `wildrydes-npm-${label}-`));
  created.push(dir);
  return dir;
}

/**
 * The environment of a fresh shell: nothing from the test runner that the scripts read
 * (VITE_COGNITO_*, AWS_*, LOCAL_COGNITO_*) or that npm would take from an outer `npm test`.
 */
export function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(
    ([key]) => !/^(VITE_COGNITO_|AWS_|LOCAL_COGNITO_|npm_)/i.test(key) && key !== 'INIT_CWD',
  );
  return { ...Object.fromEntries(kept), ...extra };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Each run in its own process group, so cleanUp() can end npm and the script together. */
function start(script: string, args: string[], options: RunOptions): ChildProcess {
  const child = spawn('npm', ['run', '-s', script, '--', ...args], {
    cwd: options.cwd,
    env: options.env ?? shellEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  child.once('close', () => running.delete(child));
  return child;
}

/** Resolves once the process has exited and every holder of its output pipes has closed them. */
function exited(child: ChildProcess, output: { stdout: string; stderr: string }): Promise<Exit> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, ...output }));
  });
}

function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (output.stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output.stderr += text));
  return output;
}

/** `npm run -s <script> -- <args>` to completion. */
export function npmRun(script: string, args: string[], options: RunOptions): Promise<Exit> {
  const child = start(script, args, options);
  return exited(child, collect(child));
}

export interface PoolProcess {
  /** The base URL the pool printed. */
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves when the output matches (checked at once, then on every write). */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /**
   * Sends the signal to npm (as `kill <pid>` would) or to its whole process group (as Ctrl-C in
   * a terminal does) and resolves when every process of the group has closed its output.
   */
  stop(signal: 'SIGINT' | 'SIGTERM', to: 'npm' | 'group'): Promise<Exit>;
}

/** `npm run -s cognito:local -- <args>` in its own process group; resolves once it prints its URL. */
export async function startPool(args: string[], options: RunOptions): Promise<PoolProcess> {
  const child = start('cognito:local', args, options);
  const output = collect(child);
  const done = exited(child, output);
  const waiters: Array<() => void> = [];
  const onOutput = (): void => {
    for (const check of waiters.slice()) check();
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  const waitFor = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(output.stdout);
        if (!match) return;
        waiters.splice(waiters.indexOf(check), 1);
        resolve(match);
      };
      waiters.push(check);
      check();
      done.then((exit) => {
        reject(
          new Error(
            `pool exited (${exit.code ?? exit.signal}) before printing ${pattern}:\n${exit.stdout}${exit.stderr}`,
          ),
        );
      }, reject);
    });

  const url = (await waitFor(/listening on (http:\/\/\S+\/)\n/))[1]!;
  return {
    url,
    output: () => output.stdout,
    waitFor,
    stop: async (signal, to) => {
      if (child.exitCode === null && child.signalCode === null)
        process.kill(to === 'group' ? -child.pid! : child.pid!, signal);
      return done;
    },
  };
}

/** Kills whatever a failed test left running (each pool's whole group) and removes the temp dirs. */
export async function cleanUp(): Promise<void> {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
