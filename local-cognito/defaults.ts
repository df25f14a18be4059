import type { Clock } from './clock.ts';
import { Input } from './input.ts';
import { buildClient, buildPool } from './pools.ts';
import type { Store } from './store.ts';

/** The pool and app client `src/config.ts` uses when no VITE_COGNITO_* variables are set. */
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_POOL_ID = 'us-east-1_LocalPool';
export const DEFAULT_CLIENT_ID = 'localwildrydeswebclient001';

/** Creates the default pool and web client on first start (what `npm run provision` creates in AWS). */
export function ensureDefaults(store: Store, clock: Clock): void {
  const now = clock.now();
  let pool = store.pool(DEFAULT_POOL_ID);
  if (!pool) {
    pool = buildPool(
      new Input({
        PoolName: 'WildRydes',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Policies: {
          PasswordPolicy: {
            MinimumLength: 8,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 7,
          },
        },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE' },
      }),
      DEFAULT_POOL_ID,
      now,
    );
    store.putPool(pool);
  }
  if (!store.client(DEFAULT_CLIENT_ID)) {
    store.putClient(
      buildClient(
        new Input({
          UserPoolId: DEFAULT_POOL_ID,
          ClientName: 'WildRydesWebApp',
          GenerateSecret: false,
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
        }),
        pool,
        now,
        DEFAULT_CLIENT_ID,
      ),
    );
  }
}
