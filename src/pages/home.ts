// index.html: what Wild Rydes is, and the rider's state (signed in or out).
import type * as Auth from '../auth';
import type { RiderSession } from '../auth/session';
import { byId, notify, show } from '../ui/dom';
import { showError, whileBusy } from '../ui/form';

export interface HomeDeps {
  auth: Pick<typeof Auth, 'currentSession' | 'signOut'>;
  /** Copies text; default: the async Clipboard API. */
  copy?: (text: string) => Promise<void>;
}

const time = (date: Date): string => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export async function mountHome(root: Document, { auth, copy }: HomeDeps): Promise<void> {
  const message = byId(root, 'form-message');
  const token = byId<HTMLTextAreaElement>(root, 'id-token');
  const signedIn = byId(root, 'signed-in');
  const signedOut = byId(root, 'signed-out');

  const render = (session: RiderSession | null): void => {
    show(byId(root, 'session-loading'), false);
    show(signedIn, !!session);
    show(signedOut, !session);
    show(byId(root, 'hero-signed-in'), !!session);
    show(byId(root, 'hero-signed-out'), !session);
    const nav = root.querySelector<HTMLElement>('.site-nav');
    if (nav) show(nav, !session);
    token.value = session?.idToken ?? '';
    if (!session) return;
    byId(root, 'rider-email').textContent = session.email;
    const expires = byId<HTMLTimeElement>(root, 'token-expires');
    expires.dateTime = session.expiresAt.toISOString();
    expires.textContent = `at ${time(session.expiresAt)}`;
  };

  byId(root, 'copy-token').addEventListener('click', () => {
    const write = copy ?? ((text: string) => navigator.clipboard.writeText(text));
    write(token.value).then(
      () => notify(message, 'success', 'ID token copied.'),
      () => {
        token.select();
        notify(message, 'info', 'Couldn’t copy automatically. The token is selected: press Ctrl+C (⌘C on a Mac).');
      },
    );
  });

  const signOutButton = (id: string, global: boolean): void => {
    const button = byId<HTMLButtonElement>(root, id);
    button.addEventListener('click', () => {
      void whileBusy(button, 'Signing out…', async () => {
        const { revoked } = await auth.signOut({ global });
        render(null);
        notify(message, revoked ? 'success' : 'info', revoked
          ? (global ? 'You’re signed out on all your devices.' : 'You’re signed out.')
          : 'You’re signed out on this device. We couldn’t reach Wild Rydes to end the session everywhere; it will expire within the hour.');
        byId(root, 'main').focus();
      });
    });
  };
  signOutButton('sign-out', false);
  signOutButton('sign-out-everywhere', true);

  try {
    render(await auth.currentSession());
  } catch (err) {
    render(null);
    showError({ message, fields: {} }, err);
  }
}
