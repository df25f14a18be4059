// Lighthouse 12.2.3 (pinned: 13 needs Node 22) on each page served by `vite preview`, in the same
// Debian Chromium the browser tests use, started here with a DevTools port it picks itself (port 0,
// read back from its "DevTools listening on ws://…" line: no port probed and handed on, so no race
// with another process taking it in between). Lighthouse's defaults:
// a mid-range phone on slow 4G, simulated throttling.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROME_FLAGS, chromePath } from './chrome.ts';
import { stopChild } from './stop-child.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface PageScores {
  page: string;
  scores: Record<Category, number>;
  /** Audits that cost points (score < 1), for the reader. */
  failing: string[];
}

async function startChrome(): Promise<{ port: number; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'wildrydes-lighthouse-'));
  const chrome = spawn(
    chromePath(),
    [...CHROME_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const port = await new Promise<number>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not open its DevTools port:\n${stderr}`)), 20_000);
    chrome.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = /DevTools listening on ws:\/\/[^:/]+:(\d+)\//.exec(stderr);
      if (listening) {
        clearTimeout(timer);
        resolveReady(Number(listening[1]));
      }
    });
    chrome.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${stderr}`));
    });
  });
  chrome.stderr!.resume();
  return {
    port,
    close: async () => {
      await stopChild(chrome);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function lighthouseScores(baseUrl: string, paths: readonly string[]): Promise<PageScores[]> {
  const chrome = await startChrome();
  try {
    const results: PageScores[] = [];
    for (const path of paths) {
      const result = await lighthouse(`${baseUrl}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      if (lhr.runtimeError)
        throw new Error(`Lighthouse on ${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? Number.NaN])) as Record<
        Category,
        number
      >;
      const failing = CATEGORIES.flatMap((c) =>
        (lhr.categories[c]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id])
          .filter((a) => a && a.score !== null && a.score < 1)
          .map((a) => `${c}: ${a!.id} (${a!.score})${a!.displayValue ? ` ${a!.displayValue}` : ''}`),
      );
      results.push({ page: path, scores, failing });
    }
    return results;
  } finally {
    await chrome.close();
  }
}
