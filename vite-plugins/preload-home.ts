// After a successful sign-in the rider lands on the home page. The sign-in page already loaded
// the shared chunk (the Cognito library); the home page's own few modules are named here in
// `<meta name="wildrydes-next-modules">`, and src/ui/prerender.ts preloads them once the rider
// starts typing, so the landing costs no extra JavaScript round trips and a visit that never
// signs in downloads none of them. `<link rel="modulepreload">` is governed by script-src 'self',
// so the CSP allows it (plain `rel=prefetch` falls under default-src 'none').
import type { OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

export function preloadHomePlugin(from = ['signin.html'], to = 'index.html'): Plugin {
  return {
    name: 'wildrydes-preload-home',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
        const home = chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith(`/${to}`));
        if (!home) return;
        const files = [home.fileName, ...home.imports];
        for (const name of from) {
          const page = bundle[name];
          if (page?.type !== 'asset' || typeof page.source !== 'string') continue;
          const already = new Set([...page.source.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]));
          const next = files.filter((f) => !already.has(f)).map((f) => `/${f}`);
          const links = next.length ? `    <meta name="wildrydes-next-modules" content="${next.join(' ')}">\n` : '';
          page.source = page.source.replace('</head>', `${links}  </head>`);
        }
      },
    },
  };
}
