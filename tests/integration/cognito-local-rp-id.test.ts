// `npm run cognito:local -- --rp-id <host>` as a child process: the relying party passkeys are bound
// to when the pool sets none (local-cognito/webauthn-config.ts), and a malformed value refused.
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_POOL } from '../../shared/local-pool.ts';
import { call, PASSWORD, uniqueEmail } from './local-cognito/pool-kit.ts';
import { cleanUp, createSandbox, npmRun, startPool, tempDir } from './npm-run.ts';

afterAll(cleanUp);

const SLOW = { timeout: 90_000 };

describe('npm run cognito:local -- --rp-id', () => {
  it('names the relying party of passkey registrations', SLOW, async () => {
    const cwd = await createSandbox('rp-id');
    const pool = await startPool(
      ['--port', '0', '--data-dir', await tempDir('rp-id-data'), '--rp-id', 'Rides.Example'],
      {
        cwd,
      },
    );
    try {
      const email = uniqueEmail('rp-id');
      const wire = (action: string, body: unknown) => call(pool.url, action, body);
      await wire('SignUp', { ClientId: LOCAL_POOL.clientId, Username: email, Password: PASSWORD });
      const mail = (await (await fetch(`${pool.url}mailbox.json?to=${encodeURIComponent(email)}`)).json()) as {
        messages: { code: string }[];
      };
      await wire('ConfirmSignUp', {
        ClientId: LOCAL_POOL.clientId,
        Username: email,
        ConfirmationCode: mail.messages[0]?.code,
      });
      const signIn = await wire('InitiateAuth', {
        AuthFlow: 'USER_AUTH',
        ClientId: LOCAL_POOL.clientId,
        AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
      });
      const AccessToken = (signIn.json?.AuthenticationResult as { AccessToken?: string } | undefined)?.AccessToken;
      const start = await wire('StartWebAuthnRegistration', { AccessToken });
      expect(start.status, start.text).toBe(200);
      expect((start.json?.CredentialCreationOptions as { rp: unknown } | undefined)?.rp).toEqual({
        id: 'rides.example',
        name: 'rides.example',
      });
    } finally {
      await pool.stop('SIGTERM', 'group');
    }
  });

  it('refuses a value that is not a host name, with exit code 2', SLOW, async () => {
    const cwd = await createSandbox('rp-id-bad');
    const exit = await npmRun('cognito:local', ['--port', '0', '--rp-id', 'https://rides.example'], { cwd });
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('--rp-id takes a host name without scheme or port');
  });
});
