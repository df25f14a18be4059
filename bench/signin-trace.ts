// Where sign-in time goes: one Chromium trace (the Performance panel's trace events) per sign-in,
// cut at the moments the rider sees: submit → tokens stored → the home page's navigation → its
// first paint → "Signed in as …" painted. For each phase it lists the renderer main thread's
// work (script by file, HTML parsing, style and layout, paint) and what is left: waiting.
//   npx tsx bench/signin-trace.ts [sign-ins, default 5] [prerender|navigation]   (builds dist/ first if stale)
// The trace is taken through the browser target, so the page keeps no DevTools session that would
// stop Chromium from prerendering.
import { writeFile } from 'node:fs/promises';
import type { Browser } from 'puppeteer-core';
import { launchForPrerender } from './chrome.ts';
import { median } from './report.ts';
import { ensureBuild, startPreview } from './serve.ts';
import type { SignInTiming, Variant } from './signin-latency.ts';
import { prepareSignIns } from './signin-latency.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; frame?: string; requestId?: string } & Record<string, unknown> };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'navigation',
  'v8.execute',
  'toplevel',
];

/** What a main-thread event is, for the breakdown; null for events counted through their parent. */
function kind(e: TraceEvent): string | null {
  const url = e.args?.data?.url;
  const file = typeof url === 'string' && url ? new URL(url, 'http://x').pathname.replace(/-[\w-]{8}\.js$/, '.js') : '';
  switch (e.name) {
    case 'EvaluateScript':
    case 'v8.evaluateModule':
      return `evaluate ${file || 'module'}`;
    case 'v8.compileModule':
    case 'v8.compile':
    case 'CacheScript':
      return `compile ${file}`.trim();
    case 'FunctionCall':
      return `script ${file}`.trim();
    case 'EventDispatch':
      return `event ${String(e.args?.data?.type ?? '')}`.trim();
    case 'ParseHTML':
      return 'parse HTML';
    case 'ParseAuthorStyleSheet':
      return 'parse CSS';
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
    case 'Layout':
      return 'style + layout';
    case 'PrePaint':
    case 'Paint':
    case 'Layerize':
    case 'UpdateLayer':
    case 'Commit':
      return 'paint';
    default:
      return null;
  }
}

export interface Phase {
  name: string;
  ms: number;
  /** Main-thread work in this phase by kind, ms. */
  work: Map<string, number>;
}

/** Cuts one trace into the rider-visible phases; null when a moment is missing. */
export function breakdown(events: TraceEvent[], timing: SignInTiming): Phase[] | null {
  const mark = (name: string) =>
    events.find((e) => e.cat.includes('blink.user_timing') && e.name === name && e.ph !== 'e');
  const submit = mark('bench:submit');
  const stored = mark('bench:stored');
  if (!submit || !stored) return null;
  // The paint is known from the page's Element Timing, as an offset from submit.
  const painted: TraceEvent = { ...submit, name: 'painted', ts: submit.ts + timing.painted * 1000 };
  const homePid = painted.pid;
  // The home document's navigation, as its own frame records it (after the tokens were stored).
  const after = (name: string, from: number) =>
    events.filter((e) => e.name === name && e.ts >= from && e.ts <= painted.ts).sort((a, b) => a.ts - b.ts)[0];
  // A prerendered page's navigation started before the tokens existed: its activation is the moment.
  const leave = after('navigationStart', stored.ts) ?? after('PrerenderActivation', stored.ts) ?? stored;
  const response = after('responseEnd', leave.ts) ?? leave;
  const fcp = after('firstContentfulPaint', leave.ts) ?? response;
  const moments: [string, TraceEvent][] = [
    ['submit → tokens stored (SRP math + two round trips)', stored],
    ['tokens stored → home navigation starts', leave],
    ['→ home HTML received', response],
    ['→ home first contentful paint', fcp],
    ['→ "Signed in as …" painted', painted],
  ];
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const work = events.filter(
    (e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`) && kind(e) !== null,
  );
  // Only outermost classified events count, so nested ones (a FunctionCall inside an EventDispatch) aren't counted twice.
  work.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const outer: TraceEvent[] = [];
  const openUntil = new Map<string, number>();
  for (const e of work) {
    const thread = `${e.pid}:${e.tid}`;
    if ((openUntil.get(thread) ?? -1) > e.ts) continue;
    outer.push(e);
    openUntil.set(thread, e.ts + e.dur!);
  }
  const phases: Phase[] = [];
  let from = submit.ts;
  for (const [name, until] of moments) {
    const to = Math.max(from, until.ts);
    const byKind = new Map<string, number>();
    for (const e of outer) {
      const start = Math.max(e.ts, from);
      const end = Math.min(e.ts + e.dur!, to);
      if (end <= start) continue;
      const label = `${e.pid === homePid ? '' : '(other renderer) '}${kind(e)!}`;
      byKind.set(label, (byKind.get(label) ?? 0) + (end - start) / 1000);
    }
    phases.push({ name, ms: (to - from) / 1000, work: byKind });
    from = to;
  }
  return phases;
}

/** Traces `run` across every process (Chromium's Tracing domain on the browser target). */
async function traced<T>(browser: Browser, run: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const session = await browser.target().createCDPSession();
  try {
    await session.send('Tracing.start', {
      traceConfig: { includedCategories: CATEGORIES },
      transferMode: 'ReturnAsStream',
    });
    const result = await run();
    const complete = new Promise<string>((resolve) =>
      session.once('Tracing.tracingComplete', (e) => resolve(e.stream!)),
    );
    await session.send('Tracing.end');
    const stream = await complete;
    let text = '';
    for (;;) {
      const chunk = await session.send('IO.read', { handle: stream });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await session.send('IO.close', { handle: stream });
    const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
    return { result, events: Array.isArray(parsed) ? parsed : parsed.traceEvents };
  } finally {
    await session.detach();
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const variant = (process.argv[3] ?? 'prerender') as Variant;
  await ensureBuild((l) => process.stdout.write(`${l}\n`));
  const preview = await startPreview();
  const browser = await launchForPrerender();
  try {
    const signIn = await prepareSignIns(browser, preview.baseUrl);
    const all: Phase[][] = [];
    try {
      for (let i = 0; i < 2; i += 1) await signIn.once(variant);
      for (let i = 0; i < runs; i += 1) {
        const { result: timing, events } = await traced(browser, () => signIn.once(variant));
        const shown = timing.prerendered ? 'prerendered' : 'loaded';
        process.stdout.write(`sign-in ${i + 1}: painted ${timing.painted.toFixed(0)} ms, ${shown}\n`);
        if (process.env.TRACE_OUT) await writeFile(`${process.env.TRACE_OUT}-${i}.json`, JSON.stringify(events));
        const phases = breakdown(events, timing);
        if (!phases) throw new Error('the trace lacks the bench:submit/stored marks');
        all.push(phases);
      }
    } finally {
      await signIn.close();
    }
    process.stdout.write(
      `Sign-in → home painted (${variant}), median over ${runs} traced sign-ins ` +
        '(main-thread work ≥ 0.5 ms per phase):\n',
    );
    let total = 0;
    for (let p = 0; p < all[0]!.length; p += 1) {
      const ms = median(all.map((phases) => phases[p]!.ms));
      total += ms;
      process.stdout.write(`  ${ms.toFixed(1).padStart(6)} ms  ${all[0]![p]!.name}\n`);
      const kinds = new Set(all.flatMap((phases) => [...phases[p]!.work.keys()]));
      const rows = [...kinds]
        .map((k) => [k, median(all.map((phases) => phases[p]!.work.get(k) ?? 0))] as const)
        .filter(([, v]) => v >= 0.5)
        .sort((a, b) => b[1] - a[1]);
      for (const [k, v] of rows) process.stdout.write(`  ${''.padStart(6)}      ${v.toFixed(1).padStart(5)} ms ${k}\n`);
    }
    process.stdout.write(`  ${total.toFixed(1).padStart(6)} ms  total (sum of the phase medians)\n`);
  } finally {
    await browser.close();
    await preview.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
