// The local pool under load, in its own process (so the load generator and the pool don't share
// an event loop): 10,000 riders created over HTTP (SignUp + AdminConfirmSignUp), the pool's
// resident memory (VmRSS from /proc), then complete SRP sign-ins at a fixed concurrency with the
// native client (bench/srp-client.ts), which does per sign-in what amazon-cognito-identity-js does.

import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_POOL } from '../shared/local-pool.ts';
import { cognitoCall, createTransport } from './cognito-call.ts';
import { root } from './serve.ts';
import { mapInSlices } from './slices.ts';
import type { CognitoEndpoint } from './srp-client.ts';
import { srpSignIn, startSrp } from './srp-client.ts';
import { stopChild } from './stop-child.ts';

export interface PoolProcess {
  endpoint: CognitoEndpoint;
  pid: number;
  close(): Promise<void>;
}

/** Starts `local-cognito/cli.ts` in a child Node process (tsx as a loader, so the pid is the pool's). */
export async function startPoolProcess(): Promise<PoolProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wildrydes-bench-pool-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'local-cognito/cli.ts', '--port', '0', '--data-dir', dataDir, '--quiet'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the pool did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the pool exited (${code}) before listening:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    endpoint: { url, userPoolId: LOCAL_POOL.userPoolId, clientId: LOCAL_POOL.clientId },
    pid: child.pid!,
    close: async () => {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process in bytes (Linux). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kB = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kB) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kB[1]) * 1024;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export const PASSWORD = 'Load-Test-Rider-1';
export const riderEmail = (i: number): string => `load-${i}@example.com`;

/** Creates `count` confirmed riders; returns the wall time in ms. */
export async function createRiders(endpoint: CognitoEndpoint, count: number, concurrency = 16): Promise<number> {
  const started = performance.now();
  await pool(count, concurrency, async (i) => {
    const email = riderEmail(i);
    await cognitoCall(endpoint.url, 'SignUp', {
      ClientId: endpoint.clientId,
      Username: email,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: email }],
    });
    await cognitoCall(endpoint.url, 'AdminConfirmSignUp', { UserPoolId: endpoint.userPoolId, Username: email });
  });
  return performance.now() - started;
}

export interface Throughput {
  signIns: number;
  seconds: number;
  perSecond: number;
  /** Latency of each complete sign-in (both requests and the client math), ms. */
  latencies: number[];
  /**
   * Requests sent again on a fresh connection because the pool had closed their idle kept-alive
   * socket (the client's retry case, not a failed sign-in; their sign-ins are in the figures).
   */
  retried: number;
}

/** `total` complete SRP sign-ins over the first `riders` riders, `concurrency` at a time. */
export async function measureSignInThroughput(
  endpoint: CognitoEndpoint,
  { total, concurrency, riders }: { total: number; concurrency: number; riders: number },
): Promise<Throughput> {
  // The client's own costs that don't depend on the server's answer are paid up front: each sign-in's
  // key pair (A = g^a) and each rider's g^x. The pool does exactly the work it does for the library.
  // Seconds of key pairs are made in slices, so the loop keeps handling the sockets meanwhile.
  const sessions = await mapInSlices(total, () => startSrp());
  const gxCache = new Map<string, bigint>();
  const transport = createTransport({ maxSockets: concurrency });
  const latencies: number[] = [];
  const started = performance.now();
  try {
    await pool(total, concurrency, async (i) => {
      const t0 = performance.now();
      await srpSignIn(endpoint, riderEmail(i % riders), PASSWORD, { session: sessions[i]!, gxCache, transport });
      latencies.push(performance.now() - t0);
    });
  } finally {
    transport.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { signIns: total, seconds, perSecond: total / seconds, latencies, retried: transport.retried };
}
