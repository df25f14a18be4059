// account.html: the signed-in rider's account, one small form per section (./*.ts). A signed-out
// rider is sent to sign in and comes back here (?next=).
import { byId, notify, show } from '../../ui/dom.ts';
import { showAccountLinks } from '../../ui/nav.ts';
import type { DrawQr } from '../../ui/totp-setup.ts';
import { mountDevices } from './devices.ts';
import { mountEmail } from './email.ts';
import { mountDelete, mountSignOutEverywhere } from './leave.ts';
import { mountPasskeys } from './passkeys.ts';
import { mountPassword } from './password.ts';
import type { AccountAuth, AccountContext } from './section.ts';
import { explain, explainOnLoad, SIGN_IN_HERE } from './section.ts';
import { mountTwoFactor } from './two-factor.ts';

export interface AccountDeps {
  auth: AccountAuth;
  navigate(url: string): void;
  storage: AccountContext['storage'];
  drawQr: DrawQr;
  copy?: (text: string) => Promise<void>;
}

export async function mountAccount(root: Document, deps: AccountDeps): Promise<void> {
  const message = byId(root, 'form-message');
  const loading = byId(root, 'account-loading');
  let session: Awaited<ReturnType<AccountAuth['currentSession']>>;
  let overview: Awaited<ReturnType<AccountAuth['accountOverview']>>;
  try {
    session = await deps.auth.currentSession();
    if (!session) return deps.navigate(SIGN_IN_HERE);
    overview = await deps.auth.accountOverview();
  } catch (err) {
    show(loading, false);
    showAccountLinks(root, 'unknown');
    explain(message, err);
    return;
  }
  show(loading, false);
  const emailLine = byId(root, 'account-email');
  const listeners: { emailChanged(email: string): void }[] = [];
  const ctx: AccountContext = {
    root,
    ...deps,
    email: overview.email || session.email,
    sub: session.sub,
    emailChanged(email) {
      ctx.email = email;
      emailLine.textContent = email;
      for (const listener of listeners) listener.emailChanged(email);
    },
  };
  emailLine.textContent = ctx.email;
  show(byId(root, 'account'));
  listeners.push(mountPassword(ctx), mountTwoFactor(ctx, overview.totpEnabled));
  mountEmail(ctx, overview);
  mountSignOutEverywhere(ctx);
  mountDelete(ctx);
  if (!overview.emailVerified && overview.email === session.email) {
    notify(
      message,
      'info',
      'Your email address isn’t confirmed yet. Enter the code we emailed you under “Email address”.',
    );
  }
  await Promise.all([
    mountDevices(ctx),
    mountPasskeys(byId(root, 'passkeys'), {
      auth: deps.auth,
      twoFactorOn: overview.totpEnabled,
      explain: (region, err) => explain(region, err),
      explainOnLoad,
    }),
  ]);
}
