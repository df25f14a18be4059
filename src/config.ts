// Where the rider site finds its Cognito user pool: VITE_COGNITO_REGION, VITE_COGNITO_USER_POOL_ID,
// VITE_COGNITO_USER_POOL_CLIENT_ID and VITE_COGNITO_ENDPOINT, read at build time. With none set it
// points at the local pool that `npm run dev` / `npm run preview` mount at /__cognito/. Validated,
// so every page can show a banner naming the variable to fix instead of failing later.

import type { CognitoEnv, ConfigResult } from '../shared/cognito-config.ts';
import { readConfig } from '../shared/cognito-config.ts';

export type { CognitoConfig, ConfigResult } from '../shared/cognito-config.ts';

/** The settings this build was made with. */
export const config: ConfigResult = readConfig(import.meta.env as CognitoEnv);
