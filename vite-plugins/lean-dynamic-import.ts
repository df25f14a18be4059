// Vite wraps every dynamic import() in a helper (`__vitePreload`, ~0.9 kB gzip) that adds
// <link rel=modulepreload> tags for the imported chunk's dependencies before loading it. The site's
// dynamic imports (the sign-in page's passkey and emailed-code steps) only depend on chunks the
// page has already loaded, so that work buys nothing and the bytes count against the page's
// 28 kB budget. This plugin gives the helper a one-line body: load the chunk, nothing else.
import type { Plugin } from 'vite';

const PRELOAD_HELPER = '\0vite/preload-helper.js';

export function leanDynamicImportPlugin(): Plugin {
  return {
    name: 'wildrydes-lean-dynamic-import',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return source === PRELOAD_HELPER ? PRELOAD_HELPER : null;
    },
    load(id) {
      return id === PRELOAD_HELPER ? 'export const __vitePreload = (load) => load();' : null;
    },
  };
}
