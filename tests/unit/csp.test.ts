import { describe, expect, it } from 'vitest';
import { cognitoOrigin, contentSecurityPolicy, findInlineCode } from '../../vite-plugins/csp-policy.ts';

describe('production Content-Security-Policy', () => {
  it('allows only self for the local pool mounted on the same origin', () => {
    expect(contentSecurityPolicy({})).toBe(
      "default-src 'none'; script-src 'self' 'inline-speculation-rules'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; object-src 'none'; manifest-src 'self'",
    );
  });

  it('adds the regional Cognito endpoint for a real pool', () => {
    const env = { VITE_COGNITO_USER_POOL_ID: 'eu-central-1_AbC123xyz', VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc' };
    expect(cognitoOrigin(env)).toBe('https://cognito-idp.eu-central-1.amazonaws.com');
    expect(contentSecurityPolicy(env)).toContain("connect-src 'self' https://cognito-idp.eu-central-1.amazonaws.com;");
  });

  it('adds only the origin of a custom absolute endpoint', () => {
    const env = {
      VITE_COGNITO_USER_POOL_ID: 'us-east-1_LocalPool',
      VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
      VITE_COGNITO_ENDPOINT: 'http://127.0.0.1:9229/some/path/',
    };
    expect(contentSecurityPolicy(env)).toContain("connect-src 'self' http://127.0.0.1:9229;");
  });

  it('falls back to self when the configuration is invalid (the pages show a banner)', () => {
    expect(cognitoOrigin({ VITE_COGNITO_USER_POOL_ID: 'bad' })).toBeNull();
  });

  it('never throws or emits a malformed source for a malformed endpoint', () => {
    for (const endpoint of ['http://[bad', 'https://exa mple.com/', "https://a.example'/"]) {
      const env = {
        VITE_COGNITO_USER_POOL_ID: 'us-east-1_AbC',
        VITE_COGNITO_USER_POOL_CLIENT_ID: 'abc',
        VITE_COGNITO_ENDPOINT: endpoint,
      };
      expect(() => contentSecurityPolicy(env), endpoint).not.toThrow();
      expect(contentSecurityPolicy(env), endpoint).toContain("connect-src 'self';");
    }
  });

  it('finds inline code the policy would block', () => {
    expect(
      findInlineCode('<script type="module" src="/assets/a.js"></script><meta http-equiv="x" content="onload=1">'),
    ).toEqual([]);
    expect(findInlineCode('<script>alert(1)</script>')).toEqual(['inline <script>']);
    expect(findInlineCode('<style>p{}</style><p style="color:red">')).toEqual(['<style> element', 'style= attribute']);
    expect(findInlineCode('<button onclick="go()">')).toEqual(['inline event handler (onclick=)']);
  });
});
