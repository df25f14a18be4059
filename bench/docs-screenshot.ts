// Regenerates the README's pictures from the production build served by `vite preview`:
// docs/signin.png (the sign-in page) and docs/account-setup.png (setting up an authenticator app on
// the account page, for a rider created through the local pool's API): npx tsx bench/docs-screenshot.ts
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from './chrome.ts';
import { ensureBuild, root, startPreview } from './serve.ts';

const out = join(root, 'docs', 'signin.png');
const setupOut = join(root, 'docs', 'account-setup.png');

/** One call of the local pool's API (the admin ones are allowed from loopback). */
async function cognito(baseUrl: string, action: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${baseUrl}/__cognito/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${action}: ${JSON.stringify(json)}`);
  return json;
}
await ensureBuild((line) => console.log(line));
const preview = await startPreview();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 640 } });
  await page.goto(`${preview.baseUrl}/signin.html?email=rider%40example.com`);
  await page.locator('#signin-form').getByLabel('Password', { exact: true }).waitFor();
  await page.screenshot({ path: out });
  console.log(`wrote ${out} (${((await stat(out)).size / 1000).toFixed(0)} kB)`);

  // A rider with a confirmed account, signed in on the account page, setting up an authenticator app.
  const { UserPools } = (await cognito(preview.baseUrl, 'ListUserPools', { MaxResults: 1 })) as {
    UserPools: { Id: string }[];
  };
  const poolId = UserPools[0]!.Id;
  const { UserPoolClients } = (await cognito(preview.baseUrl, 'ListUserPoolClients', { UserPoolId: poolId })) as {
    UserPoolClients: { ClientId: string }[];
  };
  const email = 'rider@example.com';
  const password = 'Unicorn1!';
  await cognito(preview.baseUrl, 'SignUp', {
    ClientId: UserPoolClients[0]!.ClientId,
    Username: email,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: email }],
  });
  await cognito(preview.baseUrl, 'AdminConfirmSignUp', { UserPoolId: poolId, Username: email });
  await page.setViewportSize({ width: 960, height: 1000 });
  await page.goto(`${preview.baseUrl}/signin.html?next=%2Faccount.html&email=${encodeURIComponent(email)}`);
  await page.locator('#signin-form').getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.locator('#mfa-qr svg').waitFor();
  await page.locator('section[aria-labelledby="mfa-title"]').screenshot({ path: setupOut });
  console.log(`wrote ${setupOut} (${((await stat(setupOut)).size / 1000).toFixed(0)} kB)`);
} finally {
  await browser.close();
  await preview.close();
}
