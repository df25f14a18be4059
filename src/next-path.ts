// `?next=` must only ever send a rider to a page on this site.

/**
 * The path to go to after sign-in: `next` when it is a same-origin path ("/…", not "//…",
 * not "/\…", no scheme, no control characters), else `fallback`.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || next.length > 2048) return fallback;
  if (!next.startsWith('/') || next[1] === '/' || next[1] === '\\') return fallback;
  // Browsers drop tabs/newlines and treat "\" like "/" when parsing URLs ("/\t/evil.com").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point of this check.
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    const base = 'https://wildrydes.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    // Dot segments can normalise to "//host" ("/.//evil.com"), which a browser reads as another origin.
    if (url.pathname.startsWith('//')) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
