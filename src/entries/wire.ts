// Shared wiring for the page entry modules: configuration, the real auth service, navigation.
import { configureAuth } from '../auth/context.ts';
import type { CognitoConfig } from '../config.ts';
import { config } from '../config.ts';
import { leaveTo, restoreOnReturn } from '../ui/leaving.ts';
import { afterNextPaint } from '../ui/paint-mark.ts';
import { startPage } from '../ui/start.ts';

export interface PageContext {
  navigate(url: string): void;
  params: URLSearchParams;
}

/**
 * Configures the auth service and mounts the page; `afterPaint` runs once the mounted page is
 * painted (work the rider need not wait for).
 */
export function start(mount: (context: PageContext) => void | Promise<void>, afterPaint?: () => void): void {
  restoreOnReturn(window);
  void startPage(document, config, async (settings: CognitoConfig) => {
    configureAuth({ userPoolId: settings.userPoolId, clientId: settings.clientId, endpoint: settings.endpoint });
    await mount({
      navigate: (url) => leaveTo(window, url),
      params: new URLSearchParams(window.location.search),
    });
    if (afterPaint) afterNextPaint(afterPaint);
  });
}
