// The other major Cognito client, unchanged: AWS Amplify v6 (its own SRP code, and the newer
// GetTokensFromRefreshToken API for refresh) against the local pool, plus refresh-token rotation
// through the AWS SDK. No mocks: the pool runs in-process on an ephemeral port.
import {
  CreateUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import {
  confirmResetPassword,
  confirmSignUp,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updatePassword,
} from 'aws-amplify/auth';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { srpSignIn } from '../../../bench/srp-client.ts';
import { type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import { latestCode, mailTo, PASSWORD, removeTempDirs, sdk, tempDataDir, uniqueEmail } from './pool-kit.ts';

let pool: RunningLocalCognito;
let iss: string;

beforeAll(async () => {
  pool = await startLocalCognito({ dataDir: await tempDataDir('amplify'), quiet: true });
  iss = `${pool.url.replace(/\/$/, '')}/${pool.poolId}`;
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, userPoolEndpoint: pool.url } },
  });
});

afterAll(async () => {
  await signOut().catch(() => undefined);
  await pool?.close();
  await removeTempDirs();
});

async function verified(token: string | undefined, use: 'id' | 'access') {
  expect(token, `${use} token`).toBeTruthy();
  const jwks = (await (await fetch(`${iss}/.well-known/jwks.json`)).json()) as Parameters<typeof createLocalJWKSet>[0];
  const { payload } = await jwtVerify(token as string, createLocalJWKSet(jwks), { issuer: iss });
  expect(payload.token_use).toBe(use);
  return payload;
}

describe('AWS Amplify v6 against the local pool', () => {
  // Amplify keeps one signed-in user per process: each test starts signed out with a rider of its
  // own, so none relies on what an earlier test did (each can run alone, in any order).
  const newPassword = 'Amplify-Rider-2!';

  beforeEach(async () => {
    await signOut().catch(() => undefined);
  });

  /** A rider who signed up and confirmed with the mailed code. */
  async function confirmedRider(label: string): Promise<string> {
    const email = uniqueEmail(label);
    await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
    await confirmSignUp({ username: email, confirmationCode: await latestCode(pool.url, email) });
    return email;
  }

  async function signedInRider(label: string): Promise<string> {
    const email = await confirmedRider(label);
    expect((await signIn({ username: email, password: PASSWORD })).isSignedIn).toBe(true);
    return email;
  }

  it('signs up and confirms with the mailed code', async () => {
    const email = uniqueEmail('amplify');
    const up = await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
    expect(up.isSignUpComplete).toBe(false);
    expect(up.nextStep).toMatchObject({
      signUpStep: 'CONFIRM_SIGN_UP',
      codeDeliveryDetails: {
        deliveryMedium: 'EMAIL',
        attributeName: 'email',
        destination: expect.stringMatching(/^a\*\*\*@e\*\*\*\.com$/),
      },
    });
    const confirmed = await confirmSignUp({ username: email, confirmationCode: await latestCode(pool.url, email) });
    expect(confirmed).toEqual({ isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } });
  });

  it('signs in with SRP and gets tokens that verify against the JWKS', async () => {
    const email = await confirmedRider('amplify');
    const result = await signIn({ username: email, password: PASSWORD });
    expect(result).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const user = await getCurrentUser();
    expect(user.signInDetails).toMatchObject({ loginId: email, authFlowType: 'USER_SRP_AUTH' });
    const { tokens } = await fetchAuthSession();
    const id = await verified(tokens?.idToken?.toString(), 'id');
    expect(id).toMatchObject({ email, email_verified: true, aud: pool.clientId, 'cognito:username': user.userId });
    await verified(tokens?.accessToken.toString(), 'access');
    expect(await fetchUserAttributes()).toMatchObject({ email, email_verified: 'true', sub: user.userId });
  });

  it('refreshes through GetTokensFromRefreshToken, keeping the sign-in lineage', async () => {
    await signedInRider('amplify-refresh');
    const before = (await fetchAuthSession()).tokens;
    const after = (await fetchAuthSession({ forceRefresh: true })).tokens;
    expect(after?.accessToken.toString()).not.toBe(before?.accessToken.toString());
    const access = await verified(after?.accessToken.toString(), 'access');
    expect(access.origin_jti).toBe(before?.accessToken.payload.origin_jti);
    expect(access.auth_time).toBe(before?.accessToken.payload.auth_time);
  });

  it('changes the password; sign-out revokes the session; the old password then fails', async () => {
    const email = await signedInRider('amplify-password');
    await updatePassword({ oldPassword: PASSWORD, newPassword });
    await signOut();
    await expect(signIn({ username: email, password: PASSWORD })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect((await signIn({ username: email, password: newPassword })).isSignedIn).toBe(true);
  });

  it('signs out globally: the old access token is refused afterwards', async () => {
    await signedInRider('amplify-global');
    const { tokens } = await fetchAuthSession();
    const accessToken = tokens?.accessToken.toString();
    await signOut({ global: true });
    const res = await fetch(pool.url, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetUser',
        'Content-Type': 'application/x-amz-json-1.1',
      },
      body: JSON.stringify({ AccessToken: accessToken }),
    });
    expect(await res.json()).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  });

  it('resets a forgotten password with the mailed code', async () => {
    const email = await confirmedRider('amplify-reset');
    const started = await resetPassword({ username: email });
    expect(started.nextStep.resetPasswordStep).toBe('CONFIRM_RESET_PASSWORD_WITH_CODE');
    const [mail] = await mailTo(pool.url, email);
    expect(mail?.subject).toMatch(/password reset code/);
    await confirmResetPassword({
      username: email,
      confirmationCode: mail?.code as string,
      newPassword: 'Amplify-Rider-3!',
    });
    expect((await signIn({ username: email, password: 'Amplify-Rider-3!' })).isSignedIn).toBe(true);
    await signOut();
  });
});

describe('GetTokensFromRefreshToken with refresh-token rotation', () => {
  it('issues a new refresh token each time; the old one works only within the grace period', async () => {
    const client = sdk(pool.url);
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool.poolId,
        ClientName: 'rotating',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
      }),
    );
    const clientId = created.UserPoolClient?.ClientId as string;
    expect(created.UserPoolClient?.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
    const email = uniqueEmail('rotation');
    await fetch(pool.url, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.SignUp' },
      body: JSON.stringify({ ClientId: clientId, Username: email, Password: PASSWORD }),
    });
    await fetch(pool.url, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.ConfirmSignUp' },
      body: JSON.stringify({
        ClientId: clientId,
        Username: email,
        ConfirmationCode: await latestCode(pool.url, email),
      }),
    });
    const signedIn = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: email, PASSWORD },
      }),
    );
    const first = signedIn.AuthenticationResult?.RefreshToken as string;

    const rotated = await client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first }),
    );
    const second = rotated.AuthenticationResult?.RefreshToken as string;
    expect(second).toMatch(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){4}$/);
    expect(second).not.toBe(first);
    const access = await verified(rotated.AuthenticationResult?.AccessToken, 'access');
    expect(access.client_id).toBe(clientId);

    await expect(
      client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token.',
    });
    const third = await client.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: second }));
    expect(third.AuthenticationResult?.RefreshToken).toBeTruthy();

    // Revoking the current token ends the whole lineage.
    await client.send(new RevokeTokenCommand({ ClientId: clientId, Token: third.AuthenticationResult?.RefreshToken }));
    await expect(
      client.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: clientId,
          RefreshToken: third.AuthenticationResult?.RefreshToken,
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
  });

  it('without rotation (the web app client) returns new access and ID tokens but no new refresh token', async () => {
    const client = sdk(pool.url);
    const email = uniqueEmail('norotation');
    await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
    await confirmSignUp({ username: email, confirmationCode: await latestCode(pool.url, email) });
    const tokens = await srpSignIn(
      { url: pool.url, userPoolId: pool.poolId, clientId: pool.clientId },
      email,
      PASSWORD,
    );
    const refreshed = await client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken: tokens.RefreshToken }),
    );
    expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
    expect(refreshed.AuthenticationResult?.IdToken).not.toBe(tokens.IdToken);
    const id = await verified(refreshed.AuthenticationResult?.IdToken, 'id');
    expect(id.email).toBe(email);
    // …and the same refresh token keeps working.
    const again = await client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken: tokens.RefreshToken }),
    );
    expect(again.AuthenticationResult?.AccessToken).toBeTruthy();
    await expect(
      client.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: 'someotherclientid', RefreshToken: tokens.RefreshToken }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
