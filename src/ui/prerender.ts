// Prerendering the page a rider goes to next, with Speculation Rules: after sign-in the home page
// is already loaded, parsed, styled and its scripts evaluated, so showing it is an activation,
// not a navigation (a trace, bench/signin-trace.ts, puts most of submit → home painted in that
// navigation: a new document, its V8 context, its HTML, its modules). The rules are inserted when the
// rider starts typing, not at load, so a visit that never signs in (or a Lighthouse run) costs
// nothing. The CSP allows them with script-src 'inline-speculation-rules' (vite-plugins/csp-policy.ts),
// which admits speculation-rule JSON only, never script.

/** Prerenders `path` (same origin) once the rider first types into `form`; browsers without Speculation Rules ignore it. */
export function prerenderOnInput(root: Document, form: HTMLFormElement, path: string): void {
  const supports = (
    root.defaultView as (Window & { HTMLScriptElement: { supports?(type: string): boolean } }) | null
  )?.HTMLScriptElement.supports?.('speculationrules');
  if (!supports) return;
  form.addEventListener(
    'input',
    () => {
      const rules = root.createElement('script');
      rules.type = 'speculationrules';
      rules.textContent = JSON.stringify({ prerender: [{ source: 'list', urls: [path] }] });
      root.head.append(rules);
    },
    { once: true },
  );
}

/**
 * Resolves when the page is shown: at once, or, for a prerendered page, when the rider navigates
 * to it. A page whose answer depends on what happened meanwhile (the home page reads the tokens
 * that sign-in stored) waits for this before it looks.
 */
export function whenShown(root: Document): Promise<void> {
  if (!(root as Document & { prerendering?: boolean }).prerendering) return Promise.resolve();
  return new Promise((resolve) => root.addEventListener('prerenderingchange', () => resolve(), { once: true }));
}
