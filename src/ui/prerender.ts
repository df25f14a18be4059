// Prerendering the page a rider goes to next, with Speculation Rules: after sign-in the home page
// is already loaded, parsed, styled and its scripts evaluated, so showing it is an activation,
// not a navigation (a trace, bench/signin-trace.ts, puts most of submit → home painted in that
// navigation: a new document, its V8 context, its HTML, its modules). The rules are inserted when the
// rider starts typing, not at load, so a visit that never signs in (or a Lighthouse run) costs
// nothing. The CSP allows them with script-src 'inline-speculation-rules' (vite-plugins/csp-policy.ts),
// which admits speculation-rule JSON only, never script.

/**
 * The modules of the next page, named by the build (vite-plugins/preload-home.ts) in
 * `<meta name="wildrydes-next-modules">`: fetched once the rider types, not with the page, so a
 * visit that never signs in downloads none of them.
 */
function preloadNextModules(root: Document): void {
  const list = root.querySelector<HTMLMetaElement>('meta[name="wildrydes-next-modules"]')?.content ?? '';
  for (const href of list.split(' ').filter(Boolean)) {
    const link = root.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    root.head.append(link);
  }
}

/**
 * Once the rider first types into `form`: preloads the next page's modules, and prerenders `path`
 * (same origin) where the browser has Speculation Rules.
 */
export function prerenderOnInput(root: Document, form: HTMLFormElement, path: string): void {
  const supports = (
    root.defaultView as (Window & { HTMLScriptElement: { supports?(type: string): boolean } }) | null
  )?.HTMLScriptElement.supports?.('speculationrules');
  form.addEventListener(
    'input',
    () => {
      preloadNextModules(root);
      if (!supports) return;
      const rules = root.createElement('script');
      rules.type = 'speculationrules';
      rules.textContent = JSON.stringify({ prerender: [{ source: 'list', urls: [path] }] });
      root.head.append(rules);
    },
    { once: true },
  );
}

/**
 * Resolves when the page is shown: at once (false), or, for a prerendered page, when the rider
 * navigates to it (true). A page whose answer depends on what happened meanwhile (the home page reads
 * the tokens that sign-in stored) waits for this before it looks.
 */
export function whenShown(root: Document): Promise<boolean> {
  if (!(root as Document & { prerendering?: boolean }).prerendering) return Promise.resolve(false);
  return new Promise((resolve) => root.addEventListener('prerenderingchange', () => resolve(true), { once: true }));
}

/**
 * Resolves when another page of this site writes a localStorage key that ends with `suffix`, or
 * after `ms`. A prerendered page runs in a renderer of its own, which learns of the writes of the
 * page that prerendered it a moment after they happen: on a busy machine it can be shown before
 * the sign-in page's tokens have reached it, and must wait for them rather than say "signed out".
 */
export function storageWrite(root: Document, suffix: string, ms: number): Promise<void> {
  const view = root.defaultView;
  if (!view) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      view.removeEventListener('storage', onStorage);
      resolve();
    };
    const onStorage = (event: StorageEvent): void => {
      if (event.key?.endsWith(suffix)) done();
    };
    const timer = setTimeout(done, ms);
    view.addEventListener('storage', onStorage);
  });
}
