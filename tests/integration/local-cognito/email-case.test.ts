// Email case in email-as-username pools (docs/cognito.md §5.6): one rule, usernames.ts's emailKey,
// both builds the store's email index and looks users up in it, so SignUp's "already exists",
// sign-in and the operator actions agree, in a case-insensitive pool and in a case-sensitive one,
// and still agree after a restart that rebuilds the index from the journal or from a snapshot.

import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  AdminConfirmSignUpCommand,
  AdminGetUserCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLocalCognito, startLocalCognito } from '../../../local-cognito/index.ts';
import { PASSWORD, removeTempDirs, sdk, tempDataDir } from './pool-kit.ts';

let dataDir: string;
let pool: RunningLocalCognito;
let client: CognitoIdentityProviderClient;

async function start(): Promise<void> {
  pool = await startLocalCognito({ dataDir, quiet: true });
  client = sdk(pool.url);
}

/** An email-as-username pool with a USER_PASSWORD_AUTH client. */
async function emailPool(caseSensitive: boolean): Promise<{ poolId: string; clientId: string }> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: caseSensitive ? 'case-sensitive' : 'case-insensitive',
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: caseSensitive },
    }),
  );
  const poolId = UserPool?.Id as string;
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'case-client',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  return { poolId, clientId: UserPoolClient?.ClientId as string };
}

async function signUp(clientId: string, email: string): Promise<string> {
  const { UserSub } = await client.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: PASSWORD }));
  return UserSub as string;
}

/** The sub of the user an operator names with `typed`. */
async function subOf(poolId: string, typed: string): Promise<string | undefined> {
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: typed }));
  return user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
}

async function signInSub(clientId: string, typed: string): Promise<string> {
  const { AuthenticationResult } = await client.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: typed, PASSWORD },
    }),
  );
  const payload = AuthenticationResult!.IdToken!.split('.')[1] as string;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string }).sub;
}

let insensitive: { poolId: string; clientId: string; sub: string };
let sensitive: { poolId: string; clientId: string; upperSub: string; lowerSub: string };

beforeAll(async () => {
  dataDir = await tempDataDir('email-case');
  await start();
  const a = await emailPool(false);
  insensitive = { ...a, sub: await signUp(a.clientId, 'Case.Rider@Example.com') };
  await client.send(new AdminConfirmSignUpCommand({ UserPoolId: a.poolId, Username: 'Case.Rider@Example.com' }));
  const b = await emailPool(true);
  const upperSub = await signUp(b.clientId, 'Case.Rider@Example.com');
  sensitive = { ...b, upperSub, lowerSub: await signUp(b.clientId, 'case.rider@example.com') };
  await client.send(new AdminConfirmSignUpCommand({ UserPoolId: b.poolId, Username: 'case.rider@example.com' }));
});

afterAll(async () => {
  await pool?.close();
  await removeTempDirs();
});

/** What must hold whatever the index was rebuilt from. */
async function expectOneRuleForEmailCase(): Promise<void> {
  // Case-insensitive: every casing names the one rider, for the operator and for sign-in.
  expect(await subOf(insensitive.poolId, 'case.rider@example.com')).toBe(insensitive.sub);
  expect(await subOf(insensitive.poolId, 'CASE.RIDER@EXAMPLE.COM')).toBe(insensitive.sub);
  expect(await signInSub(insensitive.clientId, 'cAsE.rIdEr@eXaMpLe.CoM')).toBe(insensitive.sub);
  await expect(
    client.send(
      new SignUpCommand({ ClientId: insensitive.clientId, Username: 'CASE.rider@example.com', Password: PASSWORD }),
    ),
  ).rejects.toMatchObject({
    name: 'UsernameExistsException',
    message: 'An account with the given email already exists.',
  });

  // Case-sensitive: two casings are two riders, and a third casing is nobody.
  expect(sensitive.lowerSub).not.toBe(sensitive.upperSub);
  expect(await subOf(sensitive.poolId, 'Case.Rider@Example.com')).toBe(sensitive.upperSub);
  expect(await subOf(sensitive.poolId, 'case.rider@example.com')).toBe(sensitive.lowerSub);
  expect(await signInSub(sensitive.clientId, 'case.rider@example.com')).toBe(sensitive.lowerSub);
  const nobody = new AdminGetUserCommand({ UserPoolId: sensitive.poolId, Username: 'CASE.RIDER@EXAMPLE.COM' });
  await expect(client.send(nobody)).rejects.toMatchObject({ name: 'UserNotFoundException' });
}

describe('email case in email-as-username pools', () => {
  it('follows the pool: one rider per address when case-insensitive, one per casing when case-sensitive', async () => {
    await expectOneRuleForEmailCase();
  });

  it('holds after a restart that replays the journal', async () => {
    await pool.close();
    await start();
    await expectOneRuleForEmailCase();
  });

  it('holds after a restart that loads a snapshot', async () => {
    await pool.pool.services.store.compact();
    await pool.close();
    await start();
    await expectOneRuleForEmailCase();
  });
});
