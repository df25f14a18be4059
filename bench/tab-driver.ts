// A browser tab driven over the Chrome DevTools Protocol through its *tab* target, for the sign-in
// figures. Chromium refuses to prerender (PrerenderingDisabledByDevTools) while any DevTools client
// is attached to a page without the tab target, which is how Playwright attaches; riders' browsers
// have no DevTools attached and do prerender (src/ui/prerender.ts). Attached through the tab, the
// prerendered page arrives as a target of its own (subtype "prerender") and becomes the tab's page
// when activated, so scripts run wherever the tab's current page is.
import type { Browser, CDPSession } from 'puppeteer-core';

export interface Tab {
  /** Loads `url` in the tab and waits for its load event. */
  goto(url: string): Promise<void>;
  /** Evaluates `expression` (awaiting a promise) in the page the tab shows at `pathname`, waiting until it shows it. */
  evaluate<T>(expression: string, pathname?: string): Promise<T>;
  /** Uncaught errors of every page the tab showed. */
  readonly errors: string[];
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a tab in a fresh browser context; `initScript` runs in each page before its own scripts. */
export async function openTab(browser: Browser, initScript: string, timeoutMs = 20_000): Promise<Tab> {
  const root = await browser.target().createCDPSession();
  const connection = root.connection()!;
  const { browserContextId } = await connection.send('Target.createBrowserContext', { disposeOnDetach: true });
  const { targetId } = await connection.send('Target.createTarget', { url: 'about:blank', browserContextId });
  const { targetInfos } = await connection.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never);
  const tabTarget = targetInfos.find((t) => t.type === 'tab' && t.browserContextId === browserContextId);
  if (!tabTarget) throw new Error('Chromium did not expose the tab target');
  const { sessionId: tabSessionId } = await connection.send('Target.attachToTarget', {
    targetId: tabTarget.targetId,
    flatten: true,
  });
  const tab = connection.session(tabSessionId)!;
  const errors: string[] = [];
  /** The tab's page targets, newest last (the original page, then each prerender). */
  const pages: { targetId: string; session: CDPSession }[] = [];
  const attached = new Promise<void>((resolveFirst) => {
    tab.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type !== 'page') return;
      const session = connection.session(event.sessionId)!;
      pages.push({ targetId: event.targetInfo.targetId, session });
      session.on('Runtime.exceptionThrown', (e) =>
        errors.push(e.exceptionDetails.exception?.description ?? e.exceptionDetails.text),
      );
      void Promise.all([
        session.send('Runtime.enable'),
        session.send('Page.enable'),
        session.send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }),
      ]).then(
        () => {
          if (event.targetInfo.targetId === targetId) resolveFirst();
        },
        () => {
          /* a prerender discarded at once */
        },
      );
    });
  });
  tab.on('Target.detachedFromTarget', (event) => {
    const gone = pages.findIndex((p) => p.session.id() === event.sessionId);
    if (gone >= 0) pages.splice(gone, 1);
  });
  await tab.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
  await attached;

  const evaluateIn = async <T>(session: CDPSession, expression: string): Promise<T> => {
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  };

  /** The session of the page on screen: the newest page showing `pathname` and not (or no longer) prerendering. */
  const shown = async (pathname?: string): Promise<CDPSession> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const { session } of [...pages].reverse()) {
        const here = await evaluateIn<boolean>(
          session,
          pathname === undefined
            ? '!document.prerendering'
            : `location.pathname === ${JSON.stringify(pathname)} && !document.prerendering`,
        ).catch(() => false);
        if (here) return session;
      }
      if (Date.now() > deadline) throw new Error(`the tab never showed ${pathname ?? 'a page'} within ${timeoutMs} ms`);
      await wait(20);
    }
  };

  return {
    errors,
    async goto(url) {
      const session = await shown();
      const loaded = new Promise<void>((resolve) => session.once('Page.loadEventFired', () => resolve()));
      await session.send('Page.navigate', { url });
      await loaded;
    },
    async evaluate<T>(expression: string, pathname?: string): Promise<T> {
      return evaluateIn<T>(await shown(pathname), expression);
    },
    async close() {
      await connection.send('Target.disposeBrowserContext', { browserContextId }).catch(() => undefined);
      await root.detach().catch(() => undefined);
    },
  };
}
