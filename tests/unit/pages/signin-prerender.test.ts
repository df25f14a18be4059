// The sign-in page asks the browser to prerender the home page, where a successful sign-in goes,
// once the rider types; not for a ?next= page, which doesn't know it may be prerendered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountSignIn } from '../../../src/pages/signin.ts';
import { loadPage, type } from './helpers.ts';

const rules = () =>
  Array.from(document.head.querySelectorAll('script[type="speculationrules"]')).map((r) => JSON.parse(r.textContent!));

function mount(query: string): void {
  Object.defineProperty(HTMLScriptElement, 'supports', {
    configurable: true,
    value: (t: string) => t === 'speculationrules',
  });
  loadPage('signin');
  const auth = {
    signIn: vi.fn(),
    completeNewPassword: vi.fn(),
    forgotPassword: vi.fn(),
    confirmForgotPassword: vi.fn(),
    answerTotp: vi.fn(),
    startMfaSetup: vi.fn(),
    finishMfaSetup: vi.fn(),
  };
  mountSignIn(document, { auth, navigate: vi.fn(), params: new URLSearchParams(query), drawQr: vi.fn() });
}

afterEach(() => {
  for (const r of document.head.querySelectorAll('script[type="speculationrules"]')) r.remove();
  delete (HTMLScriptElement as { supports?: unknown }).supports;
});

describe('sign-in page and the home page prerender', () => {
  it('prerenders the home page once the rider types', () => {
    mount('');
    expect(rules()).toEqual([]);
    type('password', 'x');
    expect(rules()).toEqual([{ prerender: [{ source: 'list', urls: ['/'] }] }]);
  });

  it('prerenders nothing when sign-in leads elsewhere (?next=)', () => {
    mount('next=/register.html');
    type('password', 'x');
    expect(rules()).toEqual([]);
  });
});
