// The production build and `vite preview` with the local pool mounted, for the bench and the
// browser tests: dist/ is rebuilt when missing or older than its sources, the pool's state goes
// to a fresh temporary directory, and the server listens on a free loopback port.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PreviewServer } from 'vite';
import { build, preview } from 'vite';

export const root = resolve(import.meta.dirname, '..');
export const PAGES = ['index.html', 'register.html', 'verify.html', 'signin.html', 'account.html'] as const;
/** What a build is made from; dist/ is stale when any of these is newer than its oldest page. */
const INPUTS = [
  ...PAGES,
  'src',
  'shared',
  'public',
  'vite-plugins',
  'vite.config.ts',
  'package-lock.json',
  '.env',
  '.env.local',
  '.env.production',
  '.env.production.local',
];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ must be rebuilt, or null when it is up to date. */
export async function staleReason(): Promise<string | null> {
  const built = await Promise.all(PAGES.map((p) => stat(join(root, 'dist', p)).catch(() => null)));
  if (built.some((s) => !s)) return 'dist/ is missing a page';
  const oldest = Math.min(...built.map((s) => s!.mtimeMs));
  for (const input of INPUTS) {
    if ((await newestMtime(join(root, input))) > oldest) return `${input} changed since the last build`;
  }
  return null;
}

/** Runs the production build (as `vite build`) when dist/ is missing or stale; says why. */
export async function ensureBuild(log: (line: string) => void): Promise<void> {
  const reason = await staleReason();
  if (!reason) return;
  log(`building dist/ (${reason})`);
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
}

export interface Preview {
  /** Origin without a trailing slash, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Attempts before a port taken by another process is reported (each one loses a race of microseconds). */
const PREVIEW_ATTEMPTS = 5;

/**
 * `vite preview` on port 0. The port used to come from freePort(), probed and closed while Vite
 * loaded its config, a gap of hundreds of milliseconds in which parallel tests could take it.
 * For port 0 Vite itself probes for an ephemeral port and then binds it, a gap of microseconds; if
 * another process wins even that race, Vite throws "Port N is already in use" and we start again.
 */
async function previewOnFreePort(): Promise<PreviewServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await preview({
        root,
        configFile: join(root, 'vite.config.ts'),
        logLevel: 'warn',
        preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
      });
    } catch (err) {
      if (attempt >= PREVIEW_ATTEMPTS || !/^Port \d+ is already in use$/.test((err as Error).message)) throw err;
    }
  }
}

/** `vite preview` of dist/ with the local pool mounted at /__cognito/, state in a fresh temp dir. */
export async function startPreview(): Promise<Preview> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wildrydes-pool-'));
  const previous = process.env.LOCAL_COGNITO_DATA_DIR;
  process.env.LOCAL_COGNITO_DATA_DIR = dataDir;
  try {
    const server = await previewOnFreePort();
    const { port } = server.httpServer.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      dataDir,
      close: async () => {
        await server.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    if (previous === undefined) delete process.env.LOCAL_COGNITO_DATA_DIR;
    else process.env.LOCAL_COGNITO_DATA_DIR = previous;
  }
}
