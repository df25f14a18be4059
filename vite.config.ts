import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

// One entry per page: a multi-page build, every page emitted into dist/.
const pages = ['index', 'register', 'verify', 'signin'] as const;

export default defineConfig({
  // amazon-cognito-identity-js bundles buffer@4, which reads `global` at load time;
  // browsers only have globalThis ("global is not defined" otherwise).
  define: { global: 'globalThis' },
  build: {
    target: 'es2022',
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, resolve(root, `${p}.html`)])),
    },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
