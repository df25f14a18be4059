// The sign-in page asks the browser to prerender the home page, where a successful sign-in goes,
// once the rider types; not for a ?next= page, which doesn't know it may be prerendered. And it
// has the sign-in's SRP public value computed while the rider types (srp-exponent.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountSignIn } from '../../../src/pages/signin.ts';
import { loadPage, type } from './helpers.ts';

const rules = () =>
  Array.from(document.head.querySelectorAll('script[type="speculationrules"]')).map((r) => JSON.parse(r.textContent!));

let prepareSignIn: ReturnType<typeof vi.fn<() => void>>;

function mount(query: string): void {
  prepareSignIn = vi.fn<() => void>();
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
    prepareSignIn,
  };
  mountSignIn(document, {
    auth,
    navigate: vi.fn(),
    params: new URLSearchParams(query),
    fillSetup: vi.fn(async () => undefined),
  });
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

describe('sign-in page and the work a sign-in can do ahead', () => {
  it('prepares the sign-in in a task of its own while the rider types, not in the keystroke', () => {
    vi.useFakeTimers();
    try {
      mount('');
      expect(prepareSignIn).not.toHaveBeenCalled();
      type('email', 'rider@example.com');
      expect(prepareSignIn).not.toHaveBeenCalled();
      vi.runAllTimers();
      expect(prepareSignIn).toHaveBeenCalledTimes(1);
      // Again after a failed attempt: each sign-in uses its prepared value once (a call does
      // nothing while one is waiting).
      type('password', 'x');
      vi.runAllTimers();
      expect(prepareSignIn).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
