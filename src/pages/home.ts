// index.html: what Wild Rydes is, and the rider's state (signed in or out).

import { RIDER_TOKEN_VALIDITY } from '../../shared/rider-pool.ts';
import { AuthError } from '../auth/errors.ts';
import type * as Auth from '../auth/index.ts';
import type { RiderSession } from '../auth/session.ts';
import { byId, clearNotice, notify, show } from '../ui/dom.ts';
import { whileBusy } from '../ui/form.ts';
import { showAccountLinks } from '../ui/nav.ts';
import { markWhenPainted } from '../ui/paint-mark.ts';
import { storageWrite, whenShown } from '../ui/prerender.ts';

export interface HomeDeps {
  auth: Pick<typeof Auth, 'currentSession' | 'signOut'> &
    /** Runs the session-reading code once on a made-up session, for a prerendered page (warm-session.ts). */
    Partial<Pick<typeof Auth, 'warmSessionCode'>>;
  /** The page's query: ?deleted=1 (the account page deleted the account), ?signedOut=all. */
  params?: URLSearchParams;
  /** Copies text; default: the async Clipboard API. */
  copy?: (text: string) => Promise<void>;
}

/** What the page knows about the rider: signed in, signed out, or not known (the check failed). */
type State = RiderSession | null | 'unknown';

/** Why the session could not be checked, as a sentence the rider can act on. */
const problem = (err: unknown): string => {
  if (!(err instanceof AuthError)) return 'Something went wrong on our side. Please try again.';
  return err.code === 'Network' ? 'Check your internet connection, then try again.' : err.message;
};

/** How long an unrevoked session lives: the app client's refresh-token lifetime, e.g. "30 days". */
const SESSION_LIFETIME = `${RIDER_TOKEN_VALIDITY.RefreshTokenValidity} ${RIDER_TOKEN_VALIDITY.TokenValidityUnits.RefreshToken}`;

const time = (date: Date): string => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Lays `view` out once while it stays invisible (visibility: hidden, out of flow), then hides it again. */
function warmLayout(view: HTMLElement, token: HTMLTextAreaElement): void {
  const { style } = view;
  style.visibility = 'hidden';
  style.position = 'absolute';
  show(view, true);
  // About an ID token's length, so the text area lays out as many lines as it will.
  token.value = 'eyJ'.padEnd(1100, 'x');
  void view.offsetHeight;
  token.value = '';
  show(view, false);
  style.visibility = '';
  style.position = '';
}

export async function mountHome(root: Document, { auth, copy, params }: HomeDeps): Promise<void> {
  const message = byId(root, 'form-message');
  const token = byId<HTMLTextAreaElement>(root, 'id-token');
  const signedIn = byId(root, 'signed-in');
  const signedOut = byId(root, 'signed-out');

  const render = (state: State): void => {
    const session = state === 'unknown' ? null : state;
    // Not known is not signed out: no sign-in or register prompts while the rider may be signed in.
    const out = state === null;
    show(byId(root, 'session-loading'), false);
    show(signedIn, !!session);
    show(signedOut, out);
    show(byId(root, 'session-unknown'), state === 'unknown');
    show(byId(root, 'hero-signed-in'), !!session);
    show(byId(root, 'hero-signed-out'), out);
    showAccountLinks(root, session ? 'signed-in' : out ? 'signed-out' : 'unknown');
    token.value = session?.idToken ?? '';
    if (!session) return;
    byId(root, 'rider-email').textContent = session.email;
    const expires = byId<HTMLTimeElement>(root, 'token-expires');
    expires.dateTime = session.expiresAt.toISOString();
    expires.textContent = `at ${time(session.expiresAt)}`;
    markWhenPainted('wildrydes:signed-in-painted');
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
        notify(
          message,
          revoked ? 'success' : 'info',
          revoked
            ? global
              ? 'You’re signed out on all your devices.'
              : 'You’re signed out.'
            : // The refresh token could not be revoked, so it lives out its lifetime.
              'You’re signed out on this device. We couldn’t reach Wild Rydes to end the session on our side, so it ends by itself ' +
                `within ${SESSION_LIFETIME}. To end it sooner, sign in when you’re online and choose “Sign out on all devices”.`,
        );
        byId(root, 'main').focus();
      });
    });
  };
  signOutButton('sign-out', false);
  signOutButton('sign-out-everywhere', true);

  /**
   * Asks for the session and shows it; when that fails (tokens are kept) says so and returns the
   * reason. With `arriving`, a missing session is asked for again once the sign-in's writes arrive.
   */
  const check = async (arriving?: () => Promise<void>): Promise<string | null> => {
    try {
      let session = await auth.currentSession();
      if (!session && arriving) {
        await arriving();
        session = await auth.currentSession();
      }
      render(session);
      return null;
    } catch (err) {
      const reason = problem(err);
      byId(root, 'session-problem').textContent = reason;
      render('unknown');
      return reason;
    }
  };

  const retry = byId<HTMLButtonElement>(root, 'retry-session');
  retry.addEventListener('click', () => {
    void whileBusy(retry, 'Checking…', async () => {
      clearNotice(message);
      const failed = await check();
      if (failed) return notify(message, 'error', `We still couldn’t check your session. ${failed}`);
      byId(root, 'main').focus();
      if (signedIn.hidden) notify(message, 'info', 'Your session has ended. Please sign in again.');
      else notify(message, 'success', 'You’re still signed in.');
    });
  });

  // Prerendered from the sign-in page, the session is read when the rider arrives, not before the tokens exist.
  // Meanwhile, warm what the first render needs and can have now: Intl's locale data for the expiry
  // time, ~30 ms cold in the prerender's fresh renderer, measured after activation (bench/signin-trace.ts).
  time(new Date());
  // And lay the signed-in view out once, unseen: a prerender's fresh renderer spends ~8 ms on its
  // first layout of the form controls and the monospace token (fonts, shaping), after activation
  // otherwise (bench/signin-trace.ts). Nothing is painted in between: the view is hidden again in the same task.
  if ((root as Document & { prerendering?: boolean }).prerendering) {
    warmLayout(signedIn, token);
    auth.warmSessionCode?.();
  }
  const prerendered = await whenShown(root);
  // Prerendered, it was shown because a sign-in just finished (storageWrite says why it may not see
  // the tokens yet): the library writes LastAuthUser last. Up to 2 s, then whatever storage holds.
  await check(prerendered ? () => storageWrite(root, '.LastAuthUser', 2000) : undefined);
  // Where the account page sends a rider after deleting the account or signing out everywhere.
  if (params?.get('deleted') && signedIn.hidden) {
    notify(
      message,
      'success',
      'Your Wild Rydes account is deleted, and nothing of it is left on this device. Thanks for riding with us.',
    );
  } else if (params?.get('signedOut') === 'all' && signedIn.hidden) {
    notify(message, 'success', 'You’re signed out on all your devices.');
  }
}
