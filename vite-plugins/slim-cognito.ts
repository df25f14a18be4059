// Trims what amazon-cognito-identity-js drags into the browser bundle, so a page stays within
// its 28 KB gzip budget (the library is ~26 KB as published):
// - `buffer` (v4, ~6 KB gzip) → src/shims/buffer.ts, the handful of methods the library calls;
// - its jsbn `./BigInteger` → src/shims/big-integer.ts on native BigInt: smaller, and the SRP
//   modular exponentiations run ~8× faster, which is most of what a rider waits for at sign-in;
// - `isomorphic-unfetch` (a fetch polyfill; every supported browser has fetch) → nothing;
// - `tslib`, required (CommonJS) by @aws-crypto/sha256-js, which keeps every helper → only the
//   three helpers it uses;
// - `js-cookie` (only for the unused CookieStorage) → marked side-effect free so it is dropped.
// `vite build` only (the dev server pre-bundles the library as published, with the `global`
// define); Node (the integration tests) uses the real packages.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const BUFFER_SHIM = fileURLToPath(new URL('../src/shims/buffer.ts', import.meta.url));
const BIG_INTEGER_SHIM = fileURLToPath(new URL('../src/shims/big-integer.ts', import.meta.url));
const NO_POLYFILL = '\0slim-cognito:no-fetch-polyfill';
const TSLIB_SUBSET = '\0slim-cognito:tslib-subset:';

export function slimCognitoPlugin(): Plugin {
  return {
    name: 'wildrydes-slim-cognito',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes('node_modules')) return null;
      if (source === 'buffer' && importer.includes('amazon-cognito-identity-js')) return BUFFER_SHIM;
      if (source === './BigInteger' && importer.includes('amazon-cognito-identity-js')) return BIG_INTEGER_SHIM;
      if (source === 'isomorphic-unfetch') return NO_POLYFILL;
      if (source === 'tslib' && importer.includes('@aws-crypto')) {
        // tslib's exports map hides its ES module file; find it beside the CommonJS main.
        return TSLIB_SUBSET + join(dirname(createRequire(importer).resolve('tslib')), 'tslib.es6.js');
      }
      if (source === 'js-cookie') {
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        return resolved && { ...resolved, moduleSideEffects: false };
      }
      return null;
    },
    load(id) {
      if (id === NO_POLYFILL) return 'export {};';
      if (id.startsWith(TSLIB_SUBSET)) {
        const tslib = JSON.stringify(id.slice(TSLIB_SUBSET.length));
        return `export { __awaiter, __generator, __exportStar } from ${tslib};`;
      }
      return null;
    },
  };
}
