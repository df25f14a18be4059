// A pending email change, remembered in this browser: Cognito does not say which new address is
// waiting for its code (GetUser shows the current one until it is confirmed), so the page keeps it
// to say so on the next visit. Keyed by the rider's `sub`; an email address, never a secret.

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (sub: string): string => `wildrydes.pendingEmail.${sub}`;

export function pendingEmail(storage: KeyValue, sub: string): string | null {
  try {
    return storage.getItem(key(sub));
  } catch {
    return null; // storage blocked: the page just doesn't remember
  }
}

export function rememberPendingEmail(storage: KeyValue, sub: string, email: string | null): void {
  try {
    if (email) storage.setItem(key(sub), email);
    else storage.removeItem(key(sub));
  } catch {
    // storage blocked or full: nothing else depends on it
  }
}
