// `vite preview` serves every file with `Cache-Control: no-cache`, so each page load revalidates
// every hashed asset. Production hosting (S3 + CloudFront, Amplify Hosting; see the README) caches
// `/assets/*` for a year because their names change with their content. Doing the same in preview
// makes what the e2e tests and the bench measure match what riders get.
import type { Plugin } from 'vite';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function previewCachePlugin(): Plugin {
  return {
    name: 'wildrydes-preview-cache',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/assets/')) {
          const setHeader = res.setHeader.bind(res);
          // sirv sets its own Cache-Control later in the same response; keep ours.
          res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'cache-control' ? IMMUTABLE : value);
          res.setHeader('Cache-Control', IMMUTABLE);
        }
        next();
      });
    },
  };
}
