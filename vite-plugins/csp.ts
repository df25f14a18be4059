// Adds the Content-Security-Policy (and a no-referrer policy: codes and emails travel in URLs)
// to every page of `vite build`, and refuses to build a page with inline script or style.

import type { Plugin } from 'vite';
import { loadEnv } from 'vite';
import { ENV_PREFIX, readConfig } from '../shared/cognito-config.ts';
import { contentSecurityPolicy, findInlineCode } from './csp-policy.ts';

export function cspPlugin(): Plugin {
  let policy = '';
  return {
    name: 'wildrydes-csp',
    apply: 'build',
    configResolved(config) {
      const env = loadEnv(config.mode, config.envDir, ENV_PREFIX);
      const result = readConfig(env);
      if (!result.ok) {
        config.logger.warn(
          `Cognito configuration is invalid; the pages will show a banner:\n${result.problems
            .map((p) => `  ${p.variable} ${p.message}`)
            .join('\n')}`,
        );
      }
      policy = contentSecurityPolicy(env);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const inline = findInlineCode(html);
        if (inline.length) throw new Error(`${context.filename}: ${inline.join(', ')} would be blocked by the CSP`);
        return [
          {
            tag: 'meta',
            attrs: { 'http-equiv': 'Content-Security-Policy', content: policy },
            injectTo: 'head-prepend',
          },
        ];
      },
    },
  };
}
