// Expands the shared page markup (page-shell-html.ts) in `vite` and `vite build`, before Vite
// bundles the pages' scripts and styles.
import type { Plugin } from 'vite';
import { expandPageShell } from './page-shell-html.ts';

export function pageShellPlugin(): Plugin {
  return {
    name: 'wildrydes-page-shell',
    transformIndexHtml: { order: 'pre', handler: (html) => expandPageShell(html) },
  };
}
