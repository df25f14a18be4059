// Shared wiring for the page entry modules: configuration, the real auth service, navigation.
import { configureAuth } from '../auth/context.ts';
import type { CognitoConfig } from '../config.ts';
import { config } from '../config.ts';
import { leaveTo, restoreOnReturn } from '../ui/leaving.ts';
import { startPage } from '../ui/start.ts';

export interface PageContext {
  navigate(url: string): void;
  params: URLSearchParams;
}

export function start(mount: (context: PageContext) => void | Promise<void>): void {
  restoreOnReturn(window);
  void startPage(document, config, (settings: CognitoConfig) => {
    configureAuth({ userPoolId: settings.userPoolId, clientId: settings.clientId, endpoint: settings.endpoint });
    return mount({
      navigate: (url) => leaveTo(window, url),
      params: new URLSearchParams(window.location.search),
    });
  });
}
