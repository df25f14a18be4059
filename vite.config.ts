import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { cspPlugin } from './vite-plugins/csp.ts';
import { leanDynamicImportPlugin } from './vite-plugins/lean-dynamic-import.ts';
import { localCognito } from './vite-plugins/local-cognito.ts';
import { pageShellPlugin } from './vite-plugins/page-shell.ts';
import { preloadHomePlugin } from './vite-plugins/preload-home.ts';
import { previewCachePlugin } from './vite-plugins/preview-cache.ts';
import { slimCognitoPlugin } from './vite-plugins/slim-cognito.ts';

const root = import.meta.dirname;

// One entry per page: a multi-page build, every page emitted into dist/.
const pages = ['index', 'register', 'verify', 'signin', 'account'] as const;

export default defineConfig({
  // amazon-cognito-identity-js bundles buffer@4, which reads `global` at load time;
  // browsers only have globalThis ("global is not defined" otherwise).
  define: { global: 'globalThis' },
  // localCognito() mounts the embedded user pool at /__cognito/ in `vite` and `vite preview`.
  plugins: [
    pageShellPlugin(),
    localCognito(),
    slimCognitoPlugin(),
    leanDynamicImportPlugin(),
    cspPlugin(),
    preloadHomePlugin(),
    previewCachePlugin(),
  ],
  // The sign-in page's QR worker (src/ui/qr-worker.ts) is an ES module like the pages.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The polyfill would be an inline script, which the Content-Security-Policy forbids;
    // every es2022 browser supports <link rel="modulepreload"> natively.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, resolve(root, `${p}.html`)])),
      // Modules every page loads (the Cognito library, src/auth's core, the DOM helpers) stay in one
      // shared chunk. Without this, a module that a lazily loaded chunk also imports (the sign-in
      // page's passkey and emailed-code steps import the error table and the DOM helpers) is split
      // into a chunk of its own: one more request and ~0.3 kB more gzip on every page.
      output: { codeSplitting: { groups: [{ name: 'wire', minShareCount: 4 }] } },
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
