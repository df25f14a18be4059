// Once per `npm run test:e2e`: make sure dist/ holds a production build of the current sources,
// then serve it with `vite preview` (which mounts the local user pool at /__cognito/) on a free
// loopback port, with the pool's state in a fresh temporary directory.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

const root = resolve(import.meta.dirname, '../..');
const PAGES = ['index.html', 'register.html', 'verify.html', 'signin.html'];
/** What a build is made from; dist/ is stale when any of these is newer than its oldest page. */
const INPUTS = [...PAGES, 'src', 'public', 'vite-plugins', 'vite.config.ts', 'package-lock.json', '.env', '.env.local', '.env.production', '.env.production.local'];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The preview server's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
  }
}

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

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    throw new Error(`No Chromium at ${chrome}. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
  }
  // Vite 8 warns, at every config load, about the config's extensionless imports (a future default
  // loader); `npm run build` shows it once, here it would bury the journeys' output.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  const reason = process.env.E2E_SKIP_BUILD ? null : await staleReason();
  if (reason) {
    process.stdout.write(`[e2e] building dist/ (${reason})\n`);
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'wildrydes-e2e-pool-'));
  const previous = process.env.LOCAL_COGNITO_DATA_DIR;
  process.env.LOCAL_COGNITO_DATA_DIR = dataDir;
  let server: PreviewServer;
  try {
    server = await preview({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, open: false },
    });
  } finally {
    if (previous === undefined) delete process.env.LOCAL_COGNITO_DATA_DIR;
    else process.env.LOCAL_COGNITO_DATA_DIR = previous;
  }
  const { port } = server.httpServer.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  process.stdout.write(`[e2e] serving dist/ at ${baseUrl} (local pool data in ${dataDir})\n`);
  project.provide('baseUrl', baseUrl);

  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
