// Once per `npm run test:e2e`: make sure dist/ holds a production build of the current sources
// (CI runs `npm run build` first, so there it is reused), then serve it with `vite preview`, which
// mounts the local user pool at /__cognito/, on a free loopback port with the pool's state in a
// fresh temporary directory. Tests get the origin with inject('baseUrl').
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureBuild, startPreview } from '../../bench/serve.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The preview server's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    throw new Error(`No Chromium at ${chrome}. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
  }
  const log = (line: string): void => {
    process.stdout.write(`[e2e] ${line}\n`);
  };
  await ensureBuild(log);
  const server = await startPreview();
  log(`serving dist/ at ${server.baseUrl} (local pool data in ${server.dataDir})`);
  project.provide('baseUrl', server.baseUrl);
  return () => server.close();
}
