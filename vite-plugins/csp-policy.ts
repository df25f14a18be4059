// The production Content-Security-Policy, computed from the same VITE_COGNITO_* settings the
// pages use. Pure (no Node APIs) so it is unit-tested directly.

import type { CognitoEnv } from '../shared/cognito-config.ts';
import { readConfig } from '../shared/cognito-config.ts';

/** connect-src: the page itself, plus the Cognito API when it lives on another origin. */
export function cognitoOrigin(env: CognitoEnv): string | null {
  const result = readConfig(env);
  if (!result.ok) return null;
  const { endpoint, region } = result.config;
  if (!endpoint) return `https://cognito-idp.${region}.amazonaws.com`;
  return /^https?:\/\//.test(endpoint) ? new URL(endpoint).origin : null;
}

export function contentSecurityPolicy(env: CognitoEnv): string {
  const api = cognitoOrigin(env);
  return [
    "default-src 'none'",
    // Speculation-rule JSON only (the sign-in page prerenders the home page, src/ui/prerender.ts); never script.
    "script-src 'self' 'inline-speculation-rules'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${api ? ` ${api}` : ''}`,
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

/** Inline code the policy would block; the build fails if any page still has some. */
export function findInlineCode(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>/gi)) {
    if (!/\ssrc\s*=/.test(match[1] ?? '')) found.push('inline <script>');
  }
  if (/<style\b/i.test(html)) found.push('<style> element');
  if (/\sstyle\s*=/i.test(html)) found.push('style= attribute');
  const handler = /\son[a-z]+\s*=/i.exec(html.replace(/<meta\b[^>]*>/gi, ''));
  if (handler) found.push(`inline event handler (${handler[0].trim()})`);
  return found;
}
