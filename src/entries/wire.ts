// Shared wiring for the page entry modules: configuration, the real auth service, navigation.
import { configureAuth } from '../auth/context';
import { config } from '../config';
import type { CognitoConfig } from '../config';
import { leaveTo, restoreOnReturn } from '../ui/leaving';
import { startPage } from '../ui/start';

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
