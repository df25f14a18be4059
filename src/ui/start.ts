// Page start-up: the configuration banner, and no uncaught errors whatever happens.
import type { CognitoConfig, ConfigResult } from '../config.ts';
import { byId, notify, show } from './dom.ts';

/** Shows which VITE_ variable to fix and disables every form on the page. */
function showConfigBanner(root: Document, problems: { variable: string; message: string }[]): void {
  const banner = byId(root, 'config-banner');
  const title = root.createElement('strong');
  title.textContent = 'Accounts are not available: this site’s Cognito configuration is invalid.';
  const list = root.createElement('ul');
  for (const problem of problems) {
    const item = root.createElement('li');
    const name = root.createElement('code');
    name.textContent = problem.variable;
    item.append(name, ` ${problem.message}`);
    list.append(item);
  }
  const fix = root.createElement('p');
  fix.textContent = 'Set it in .env.local (or the build environment) and rebuild.';
  banner.replaceChildren(title, list, fix);
  show(banner);
  for (const el of root.querySelectorAll<HTMLElement>('[data-pending]')) show(el, false);
  root.querySelectorAll<HTMLFormElement>('form').forEach((form) => {
    form.setAttribute('aria-disabled', 'true');
    for (const el of form.elements) (el as HTMLInputElement).disabled = true;
  });
  root.querySelectorAll<HTMLButtonElement>('button').forEach((b) => {
    b.disabled = true;
  });
}

/** Runs `mount` with a valid configuration; otherwise (or if mounting fails) explains on the page. */
export async function startPage(
  root: Document,
  result: ConfigResult,
  mount: (config: CognitoConfig) => void | Promise<void>,
): Promise<void> {
  if (!result.ok) return showConfigBanner(root, result.problems);
  try {
    await mount(result.config);
  } catch (err) {
    console.error(err);
    notify(byId(root, 'form-message'), 'error', 'This page couldn’t start. Please reload it.');
  }
}
