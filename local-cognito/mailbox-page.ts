import type { MailMessage } from './records.ts';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The local mailbox: every message the pool "sent", newest first, codes large and one click to select. */
export function renderMailbox(messages: MailMessage[], to: string): string {
  const rows = messages
    .map(
      (m) => `<li>
  <div class="meta"><span class="to">${escapeHtml(m.to)}</span><time datetime="${escapeHtml(m.sentAt)}">${escapeHtml(m.sentAt.replace('T', ' ').slice(0, 19))} UTC</time></div>
  <div class="subject">${escapeHtml(m.subject)}</div>
  <div class="code" aria-label="Code">${escapeHtml(m.code)}</div>
  <p>${escapeHtml(m.text)}</p>
</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>Local mailbox — Wild Rydes</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0 auto; max-width: 44rem; padding: 1.5rem 1rem; line-height: 1.5; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  form { display: flex; align-items: center; gap: .5rem; margin: 1rem 0; flex-wrap: wrap; }
  input { flex: 1 1 10rem; min-width: 0; font: inherit; padding: .4rem .6rem; }
  button { font: inherit; padding: .4rem .9rem; }
  ul { list-style: none; padding: 0; margin: 0; }
  li { border: 1px solid #8886; border-radius: .6rem; padding: .8rem 1rem; margin: 0 0 .8rem; }
  .meta { display: flex; justify-content: space-between; gap: 0 1rem; flex-wrap: wrap; font-size: .9rem; opacity: .8; }
  .subject { font-weight: 600; margin-top: .2rem; }
  .code { font: 700 1.8rem/1.2 ui-monospace, SFMono-Regular, Menlo, monospace; letter-spacing: .12em; user-select: all; margin: .3rem 0; }
  p { margin: .2rem 0 0; }
  .empty { opacity: .75; }
</style>
</head>
<body>
<h1>Local mailbox</h1>
<p>Messages the local user pool would have emailed: verification codes, reset codes, invitations. Newest first; refreshes every 5 seconds. Click a code once to select it.</p>
<form method="get"><label for="to">Only for</label><input id="to" name="to" type="email" value="${escapeHtml(to)}" placeholder="rider@example.com" autocomplete="email"><button type="submit">Filter</button></form>
${messages.length ? `<ul>${rows}</ul>` : '<p class="empty">No messages yet. Register on the site and the code appears here.</p>'}
</body>
</html>`;
}
