// For a page prerendered before the rider has signed in (the home page, from the sign-in page):
// reads a made-up session, kept in memory, once, so that reading the rider's real session when the
// page is shown runs compiled code. The library's session code (storage keys, the three tokens and
// their payloads, the validity check) is otherwise first compiled at that moment: ~5 ms of the
// home page's activation on a 2-core machine (bench/signin-trace.ts). Nothing is stored or sent.
import type { ICognitoStorage } from 'amazon-cognito-identity-js';
import { CognitoUserPool } from 'amazon-cognito-identity-js';
import { userPool } from './context.ts';
import { toRiderSession } from './session.ts';

const base64url = (value: object): string =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** An unsigned JWT with `claims`: the library only decodes tokens, never verifies them. */
const unsignedJwt = (claims: object): string => `${base64url({ alg: 'none' })}.${base64url(claims)}.`;

export function warmSessionCode(): void {
  const pool = userPool();
  const values = new Map<string, string>();
  const storage: ICognitoStorage = {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
    clear: () => values.clear(),
  };
  const prefix = `CognitoIdentityServiceProvider.${pool.getClientId()}`;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  values.set(`${prefix}.LastAuthUser`, 'warm-up');
  values.set(`${prefix}.warm-up.idToken`, unsignedJwt({ sub: 'warm-up', email: 'warm-up@example.invalid', exp }));
  values.set(`${prefix}.warm-up.accessToken`, unsignedJwt({ username: 'warm-up', exp }));
  values.set(`${prefix}.warm-up.refreshToken`, 'warm-up');
  const memory = new CognitoUserPool({
    UserPoolId: pool.getUserPoolId(),
    ClientId: pool.getClientId(),
    Storage: storage,
  });
  memory.getCurrentUser()?.getSession((err: unknown, session: Parameters<typeof toRiderSession>[0] | null) => {
    if (!err && session) toRiderSession(session);
  });
}
