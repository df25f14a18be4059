// The Vite plugin's relyingPartyId option reaches the mounted pool: passkeys made under `npm run dev`
// are bound to the configured host, without any page Origin (vite-plugins/local-cognito.ts).
import { createServer as createViteServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_POOL } from '../../../shared/local-pool.ts';
import { localCognito } from '../../../vite-plugins/local-cognito.ts';
import { call, latestCode, ok, PASSWORD, removeTempDirs, tempDataDir, uniqueEmail } from './pool-kit.ts';

afterAll(removeTempDirs);

describe('localCognito({ relyingPartyId })', () => {
  it('names the RP ID of passkey registrations through the /__cognito mount', async () => {
    const server = await createViteServer({
      configFile: false,
      root: await tempDataDir('vite-rp-id'),
      logLevel: 'silent',
      plugins: [localCognito({ relyingPartyId: 'rides.example' })],
      server: { host: '127.0.0.1', port: 0, hmr: false, watch: null },
    });
    try {
      await server.listen();
      const url = new URL('__cognito/', server.resolvedUrls?.local[0] as string).href;
      const email = uniqueEmail('vite-rp-id');
      await ok(url, 'SignUp', { ClientId: LOCAL_POOL.clientId, Username: email, Password: PASSWORD });
      const code = await latestCode(url, email);
      await ok(url, 'ConfirmSignUp', { ClientId: LOCAL_POOL.clientId, Username: email, ConfirmationCode: code });
      const signedIn = await ok(url, 'InitiateAuth', {
        AuthFlow: 'USER_AUTH',
        ClientId: LOCAL_POOL.clientId,
        AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
      });
      const AccessToken = (signedIn.AuthenticationResult as { AccessToken: string } | undefined)?.AccessToken;
      const start = await call(url, 'StartWebAuthnRegistration', { AccessToken });
      expect(start.status, start.text).toBe(200);
      expect((start.json?.CredentialCreationOptions as { rp?: unknown } | undefined)?.rp).toEqual({
        id: 'rides.example',
        name: 'rides.example',
      });
    } finally {
      await server.close();
    }
  });
});
