// `npm run bench`: the figures the issues budget, one line each with the budget and ✓/✗.
// Exits non-zero only when the bench itself fails, never for a missed budget.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { launchForPrerender } from './chrome.ts';
import { CATEGORIES, lighthouseScores } from './lighthouse.ts';
import { loadCaveat, QUIET_LOAD, settledLoad } from './load.ts';
import { createRiders, measureSignInThroughput, residentBytes, startPoolProcess } from './pool-load.ts';
import type { Figure } from './report.ts';
import { kB, line, median, ms, quantile } from './report.ts';
import type { Preview } from './serve.ts';
import { ensureBuild, PAGES, root, startPreview } from './serve.ts';
import { measureSignIns } from './signin-latency.ts';
import { pageWeights } from './sizes.ts';

const JS_BUDGET = 28_000; // bytes of gzip JavaScript per page (kB = 1000 bytes, as Vite prints them)
/** Pages with a budget of their own: the account page carries its forms and the QR code (issue 9). */
const PAGE_JS_BUDGET: Partial<Record<(typeof PAGES)[number], number>> = { 'account.html': 34_000 };
const SIGN_IN_RUNS = 15; // of each variant, interleaved (bench/signin-latency.ts)
const SIGN_IN_WARMUP = 2;
const SIGN_IN_BUDGET = 90; // ms, submit → home painted, median, on a quiet machine
const LIGHTHOUSE_BUDGET: Record<(typeof CATEGORIES)[number], number> = {
  performance: 0.98,
  accessibility: 1,
  'best-practices': 1,
};
const RIDERS = 10_000;
const THROUGHPUT = { warmup: 200, total: 2_000, concurrency: 8, riders: 1_000 };
const MEMORY_BUDGET = 150e6; // bytes (MB = 1,000,000 bytes)

/** Longest wait before a timed section for the bench's own previous work to leave the load average. */
const SETTLE_LIMIT_MS = 45_000;

/** The caveat of the section running now: its figures with a budget carry it. */
let caveat: string | undefined;

const print = (f: Figure): void => {
  const marked = f.ok !== undefined && caveat ? { ...f, caveat } : f;
  process.stdout.write(`${line(marked)}\n`);
};
const note = (text: string): void => {
  process.stdout.write(`  ${text}\n`);
};
let failures = 0;

/**
 * Runs one section. A timed one first waits (bounded) for the load average to settle, prints it, and
 * marks its budgeted figures as not comparable when it is above QUIET_LOAD; sizes are not timed.
 */
async function section(title: string, run: () => Promise<void>, { timed = true } = {}): Promise<void> {
  process.stdout.write(`\n${title}\n`);
  caveat = undefined;
  if (timed) {
    const { load, waitedMs } = await settledLoad(SETTLE_LIMIT_MS);
    const waited = waitedMs >= 1_000 ? ` after waiting ${(waitedMs / 1000).toFixed(0)} s for it to settle` : '';
    caveat = loadCaveat(load);
    const verdict = caveat ? `: above ${QUIET_LOAD.toFixed(1)}, these figures are not comparable` : '';
    note(`load average (1 min) ${load.toFixed(2)}${waited}${verdict}`);
  }
  const started = performance.now();
  try {
    await run();
  } catch (err) {
    failures += 1;
    process.stdout.write(
      `✗ ${title}: the bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  note(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

async function main(): Promise<void> {
  const started = performance.now();
  process.stdout.write(
    `Wild Rydes bench — ${new Date().toISOString()} — Node ${process.versions.node}, ${cpus().length} CPU, ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );

  await section(
    'Bundle size per page of dist/ (JS = <script src> + <link rel=modulepreload>; gzip -9, brotli q11)',
    async () => {
      await ensureBuild(note);
      for (const w of await pageWeights(join(root, 'dist'), PAGES)) {
        const budget = PAGE_JS_BUDGET[w.page as (typeof PAGES)[number]] ?? JS_BUDGET;
        print({
          name: `${w.page} JS gzip (brotli, raw)`,
          value: `${kB(w.js.gzip)} (${kB(w.js.brotli)}, ${kB(w.js.raw)})`,
          budget: `≤ ${kB(budget)} gzip`,
          ok: w.js.gzip <= budget,
        });
        print({
          name: `${w.page} CSS gzip (brotli, raw)`,
          value: `${kB(w.css.gzip)} (${kB(w.css.brotli)}, ${kB(w.css.raw)})`,
        });
      }
    },
    { timed: false },
  );

  let preview: Preview | undefined;
  try {
    await section(
      `Sign-in in headless Chromium against vite preview + local pool (${SIGN_IN_RUNS} sign-ins of each variant, ` +
        `interleaved, after ${SIGN_IN_WARMUP} warm-ups of each)`,
      async () => {
        preview ??= await startPreview();
        const browser = await launchForPrerender();
        try {
          const timings = await measureSignIns(browser, preview.baseUrl, SIGN_IN_RUNS, SIGN_IN_WARMUP);
          const stored = timings.map((t) => t.stored);
          print({
            name: 'submit → tokens stored, median (p95)',
            value: `${ms(median(stored))} (${ms(quantile(stored, 0.95))})`,
          });
          for (const variant of ['prerender', 'navigation'] as const) {
            const runs = timings.filter((t) => t.variant === variant);
            const painted = runs.map((t) => t.painted);
            const label =
              variant === 'prerender' ? 'home prerendered' : 'home loaded on navigation (no Speculation Rules)';
            print({
              name: `submit → home painted, median (p95): ${variant}`,
              value: `${ms(median(painted))} (${ms(quantile(painted, 0.95))})`,
              // The budget is the rider's in Chromium; the other variant is there to compare.
              ...(variant === 'prerender'
                ? { budget: `≤ ${SIGN_IN_BUDGET} ms median`, ok: median(painted) <= SIGN_IN_BUDGET }
                : {}),
            });
            note(
              `${label}: ${runs.filter((t) => t.prerendered).length} of ${runs.length} sign-ins were shown from a prerender`,
            );
          }
        } finally {
          await browser.close();
        }
      },
    );

    await section('Lighthouse 12.2.3 (mobile, simulated slow 4G) on each page served by vite preview', async () => {
      preview ??= await startPreview();
      // Not the account page: signed out (as Lighthouse is) it only sends the rider to sign in.
      const paths = PAGES.filter((p) => p !== 'account.html').map((p) => (p === 'index.html' ? '/' : `/${p}`));
      for (const result of await lighthouseScores(preview.baseUrl, paths)) {
        for (const category of CATEGORIES) {
          const score = result.scores[category];
          const budget = LIGHTHOUSE_BUDGET[category];
          print({
            name: `${result.page} ${category}`,
            value: score.toFixed(2),
            budget: `≥ ${budget.toFixed(2)}`,
            ok: score >= budget,
          });
        }
        for (const f of result.failing) note(`${result.page} lost points on ${f}`);
      }
    });
  } finally {
    await preview?.close();
  }

  await section(
    `Local pool in its own process: ${RIDERS.toLocaleString('en')} riders, then SRP sign-ins at concurrency ${THROUGHPUT.concurrency}`,
    async () => {
      const pool = await startPoolProcess();
      try {
        const idle = await residentBytes(pool.pid);
        const creating = await createRiders(pool.endpoint, RIDERS);
        note(
          `created ${RIDERS.toLocaleString('en')} riders (SignUp + AdminConfirmSignUp, 16 at a time) in ${(creating / 1000).toFixed(1)} s`,
        );
        const rss = await residentBytes(pool.pid);
        print({ name: 'pool resident memory at start', value: `${(idle / 1e6).toFixed(0)} MB` });
        print({
          name: `pool resident memory with ${RIDERS.toLocaleString('en')} riders`,
          value: `${(rss / 1e6).toFixed(0)} MB`,
          budget: `≤ ${MEMORY_BUDGET / 1e6} MB`,
          ok: rss <= MEMORY_BUDGET,
        });
        const warm = await measureSignInThroughput(pool.endpoint, { ...THROUGHPUT, total: THROUGHPUT.warmup });
        const run = await measureSignInThroughput(pool.endpoint, THROUGHPUT);
        note(
          `${run.signIns} complete sign-ins (InitiateAuth USER_SRP_AUTH + RespondToAuthChallenge PASSWORD_VERIFIER) ` +
            `in ${run.seconds.toFixed(1)} s, after ${THROUGHPUT.warmup} warm-ups`,
        );
        note(
          `${warm.retried + run.retried} request(s) (warm-ups included) sent again on a fresh connection: the pool had closed their idle kept-alive socket ` +
            '(a client retry, not a failed sign-in)',
        );
        print({
          name: 'SRP sign-ins per second',
          value: `${run.perSecond.toFixed(0)}/s`,
          budget: '≥ 150/s',
          ok: run.perSecond >= 150,
        });
        print({ name: 'sign-in latency p50', value: ms(median(run.latencies)) });
        print({
          name: 'sign-in latency p95',
          value: ms(quantile(run.latencies, 0.95)),
          budget: '≤ 60 ms',
          ok: quantile(run.latencies, 0.95) <= 60,
        });
        print({
          name: 'pool resident memory after the sign-ins',
          value: `${((await residentBytes(pool.pid)) / 1e6).toFixed(0)} MB`,
        });
      } finally {
        await pool.close();
      }
    },
  );

  process.stdout.write(
    `\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s${failures ? `; ${failures} section(s) failed` : ''}.\n`,
  );
}

main().then(
  () => process.exit(failures ? 1 : 0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
