// AWS Amplify v6's choice-based sign-in, unchanged, against the in-process pool: an emailed code
// asked for up front, the factor chosen at SELECT_CHALLENGE, SRP inside USER_AUTH, and the passkey
// list (docs/cognito-mfa-passwordless.md §4.7, §5.7). No mocks.
import { Amplify } from 'aws-amplify';
import {
  associateWebAuthnCredential,
  confirmSignIn,
  confirmSignUp,
  deleteWebAuthnCredential,
  fetchAuthSession,
  getCurrentUser,
  listWebAuthnCredentials,
  signIn,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import { installPasskeyBrowser } from './browser-passkeys.ts';
import { latestCode, mailTo, PASSWORD, removeTempDirs, tempDataDir, uniqueEmail } from './pool-kit.ts';
import { type RegistrationOptionsJson, SoftwareAuthenticator } from './software-authenticator.ts';
import { ORIGIN, userAuthKit } from './user-auth-kit.ts';

let pool: RunningLocalCognito;

beforeAll(async () => {
  // Amplify in Node sends no Origin, so the relying party is configured, as `--rp-id localhost` does.
  pool = await startLocalCognito({
    dataDir: await tempDataDir('amplify-user-auth'),
    quiet: true,
    relyingPartyId: 'localhost',
  });
  Amplify.configure({
    Auth: { Cognito: { userPoolId: pool.poolId, userPoolClientId: pool.clientId, userPoolEndpoint: pool.url } },
  });
});

afterAll(async () => {
  await signOut().catch(() => undefined);
  await pool?.close();
  await removeTempDirs();
});

async function confirmedRider(label: string): Promise<string> {
  const email = uniqueEmail(label);
  await signUp({ username: email, password: PASSWORD, options: { userAttributes: { email } } });
  await confirmSignUp({ username: email, confirmationCode: await latestCode(pool.url, email) });
  return email;
}

describe('AWS Amplify v6 USER_AUTH against the local pool', () => {
  beforeEach(async () => {
    await signOut().catch(() => undefined);
  });

  it('signs in with an emailed code asked for up front', async () => {
    const email = await confirmedRider('amplify-otp');
    const mailed = (await mailTo(pool.url, email)).length;
    const first = await signIn({
      username: email,
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
    });
    expect(first).toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: `${email[0]}***@e***.com` },
      },
    });
    const messages = await mailTo(pool.url, email);
    expect(messages.length).toBe(mailed + 1);
    const done = await confirmSignIn({ challengeResponse: messages[0]?.code as string });
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const user = await getCurrentUser();
    expect(user.signInDetails).toMatchObject({ loginId: email, authFlowType: 'USER_AUTH' });
    expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(email);
  });

  it('a wrong code is refused and the right one still works', async () => {
    const email = await confirmedRider('amplify-otp-wrong');
    await signIn({ username: email, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    const code = await latestCode(pool.url, email);
    await expect(confirmSignIn({ challengeResponse: code === '000000' ? '111111' : '000000' })).rejects.toMatchObject({
      name: 'CodeMismatchException',
    });
    expect((await confirmSignIn({ challengeResponse: code })).isSignedIn).toBe(true);
  });

  it('chooses the emailed code at SELECT_CHALLENGE', async () => {
    const email = await confirmedRider('amplify-select');
    const first = await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    expect(first.nextStep).toEqual({
      signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
      availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    });
    const second = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
    expect(second.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    expect((await confirmSignIn({ challengeResponse: await latestCode(pool.url, email) })).isSignedIn).toBe(true);
  });

  it('chooses the password (SRP) at SELECT_CHALLENGE, and signs in with PASSWORD_SRP as a preference', async () => {
    const email = await confirmedRider('amplify-srp');
    await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
    const step = await confirmSignIn({ challengeResponse: 'PASSWORD_SRP' });
    expect(step.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_PASSWORD');
    expect((await confirmSignIn({ challengeResponse: PASSWORD })).isSignedIn).toBe(true);
    await signOut();
    const direct = await signIn({
      username: email,
      password: PASSWORD,
      options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' },
    });
    expect(direct.isSignedIn).toBe(true);
    await signOut();
    await expect(
      signIn({
        username: email,
        password: 'Wrong-Pass-1!',
        options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' },
      }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('lists and deletes the rider’s passkeys', async () => {
    const email = await confirmedRider('amplify-passkeys');
    // Registered as the site's page does (Amplify's own ceremony needs a browser's navigator.credentials).
    const kit = userAuthKit(() => pool);
    const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
    const AccessToken = await kit.accessTokenOf(email);
    const start = await kit.pageOk('StartWebAuthnRegistration', { AccessToken });
    await kit.pageOk('CompleteWebAuthnRegistration', {
      AccessToken,
      Credential: authenticator.create(start.CredentialCreationOptions as RegistrationOptionsJson),
    });
    await signIn({ username: email, password: PASSWORD });
    const { credentials } = await listWebAuthnCredentials();
    expect(credentials).toEqual([
      {
        credentialId: authenticator.id,
        friendlyCredentialName: 'Platform passkey',
        relyingPartyId: 'localhost',
        authenticatorAttachment: 'platform',
        authenticatorTransports: ['internal'],
        createdAt: expect.any(Date),
      },
    ]);
    await deleteWebAuthnCredential({ credentialId: authenticator.id });
    expect((await listWebAuthnCredentials()).credentials).toEqual([]);
  });

  it('registers a passkey with associateWebAuthnCredential and signs in with it (preferred, and chosen at SELECT_CHALLENGE)', async () => {
    const email = await confirmedRider('amplify-passkey-sign-in');
    const authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
    await signIn({ username: email, password: PASSWORD });
    let uninstall = installPasskeyBrowser(authenticator);
    try {
      await associateWebAuthnCredential();
    } finally {
      uninstall();
    }
    expect((await listWebAuthnCredentials()).credentials.map((c) => c.credentialId)).toEqual([authenticator.id]);
    await signOut();
    uninstall = installPasskeyBrowser(authenticator);
    try {
      const direct = await signIn({
        username: email,
        options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' },
      });
      expect(direct).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      await signOut();
      const select = await signIn({ username: email, options: { authFlowType: 'USER_AUTH' } });
      expect(select.nextStep).toEqual({
        signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'],
      });
      expect((await confirmSignIn({ challengeResponse: 'WEB_AUTHN' })).isSignedIn).toBe(true);
    } finally {
      uninstall();
    }
    expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(email);
  });
});
