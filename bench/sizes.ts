// Bytes of JavaScript and CSS each page of dist/ loads, raw, gzip (level 9) and brotli (quality 11):
// every <script src>, <link rel=modulepreload> and <link rel=stylesheet> of the page's HTML.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Bytes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface PageWeight {
  page: string;
  js: Bytes;
  css: Bytes;
  /** Asset paths the page loads (relative to dist/). */
  files: string[];
}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** The same-origin JS and CSS files an HTML page loads. */
export function assetsOf(html: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')?.toLowerCase();
    const url = tag.toLowerCase().startsWith('<script') ? attr(tag, 'src') : attr(tag, 'href');
    if (!url || /^[a-z]+:|^\/\//i.test(url)) continue;
    const path = url.replace(/^\//, '').split(/[?#]/)[0]!;
    if (tag.toLowerCase().startsWith('<script') || rel === 'modulepreload') js.add(path);
    else if (rel === 'stylesheet') css.add(path);
  }
  return { js: [...js], css: [...css] };
}

async function weigh(dist: string, files: string[]): Promise<Bytes> {
  const total: Bytes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const data = await readFile(join(dist, file));
    total.raw += data.length;
    total.gzip += gzipSync(data, { level: 9 }).length;
    total.brotli += brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length;
  }
  return total;
}

export async function pageWeights(dist: string, pages: readonly string[]): Promise<PageWeight[]> {
  const out: PageWeight[] = [];
  for (const page of pages) {
    const { js, css } = assetsOf(await readFile(join(dist, page), 'utf8'));
    if (js.length === 0) throw new Error(`${page} loads no JavaScript; is dist/ a Vite build?`);
    out.push({ page, js: await weigh(dist, js), css: await weigh(dist, css), files: [...js, ...css] });
  }
  return out;
}
