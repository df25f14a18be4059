// Regenerates docs/signin.png, the README's picture of the sign-in page, from the production
// build served by `vite preview`: npx tsx bench/docs-screenshot.ts
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from './chrome.ts';
import { ensureBuild, root, startPreview } from './serve.ts';

const out = join(root, 'docs', 'signin.png');
await ensureBuild((line) => console.log(line));
const preview = await startPreview();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
  await page.goto(`${preview.baseUrl}/signin.html?email=rider%40example.com`);
  await page.locator('#signin-form').getByLabel('Password', { exact: true }).waitFor();
  await page.screenshot({ path: out });
  console.log(`wrote ${out} (${((await stat(out)).size / 1000).toFixed(0)} kB)`);
} finally {
  await browser.close();
  await preview.close();
}
