// The account page mounted on its real markup with a fake auth service.
import { vi } from 'vitest';
import type { AccountOverview } from '../../../../src/auth/account.ts';
import type { RiderSession } from '../../../../src/auth/session.ts';
import type { AccountDeps } from '../../../../src/pages/account/index.ts';
import { mountAccount } from '../../../../src/pages/account/index.ts';
import { loadPage } from '../helpers.ts';

type Auth = AccountDeps['auth'];

export const session: RiderSession = {
  email: 'rider@example.com',
  sub: '0f6c1c1e-0000-4000-8000-000000000001',
  idToken: 'id.token.sig',
  expiresAt: new Date('2030-01-01T00:00:00Z'),
};

export const overview: AccountOverview = { email: 'rider@example.com', emailVerified: true, totpEnabled: false };

export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A Storage-like map, to see what the page remembers. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

export function fakeAuth(overrides: Partial<Auth> = {}) {
  return {
    currentSession: vi.fn<Auth['currentSession']>(async () => session),
    accountOverview: vi.fn<Auth['accountOverview']>(async () => overview),
    changePassword: vi.fn<Auth['changePassword']>(async () => undefined),
    changeEmail: vi.fn<Auth['changeEmail']>(async (email) => ({
      destination: 'n***@e***',
      pending: email.trim().toLowerCase(),
      applied: false,
    })),
    confirmEmailChange: vi.fn<Auth['confirmEmailChange']>(async () => ({ ...session, email: 'new@example.com' })),
    resendEmailChangeCode: vi.fn<Auth['resendEmailChangeCode']>(async () => ({ destination: 'n***@e***' })),
    startTotpSetup: vi.fn<Auth['startTotpSetup']>(async () => ({
      secret: SECRET,
      uri: `otpauth://totp/x?secret=${SECRET}`,
    })),
    confirmTotpSetup: vi.fn<Auth['confirmTotpSetup']>(async () => undefined),
    disableTotp: vi.fn<Auth['disableTotp']>(async () => undefined),
    listDevices: vi.fn<Auth['listDevices']>(async () => []),
    forgetDevice: vi.fn<Auth['forgetDevice']>(async () => undefined),
    listPasskeys: vi.fn<Auth['listPasskeys']>(async () => []),
    addPasskey: vi.fn<Auth['addPasskey']>(async () => undefined),
    removePasskey: vi.fn<Auth['removePasskey']>(async () => undefined),
    signOut: vi.fn<Auth['signOut']>(async () => ({ revoked: true })),
    deleteAccount: vi.fn<Auth['deleteAccount']>(async () => undefined),
    ...overrides,
  };
}

export async function mount(overrides: Partial<Auth> = {}, storage = memoryStorage()) {
  loadPage('account');
  const auth = fakeAuth(overrides);
  const navigate = vi.fn();
  const drawQr = vi.fn<AccountDeps['drawQr']>();
  const copy = vi.fn(async (_text: string) => undefined);
  await mountAccount(document, { auth, navigate, storage, drawQr, copy });
  return { auth, navigate, drawQr, copy, storage };
}
