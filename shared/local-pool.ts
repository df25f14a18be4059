// The local user pool's identity: the pool and app client that exist from its first start, and
// where `npm run dev` / `npm run preview` mount it. The site uses these IDs when no VITE_COGNITO_*
// variables are set, so they are defined here once for the site, the pool, the plugins and the tools.

export const LOCAL_POOL = {
  region: 'us-east-1',
  userPoolId: 'us-east-1_LocalPool',
  clientId: 'localwildrydeswebclient001',
  /** Path under which Vite mounts the pool: the site calls `${mountPath}/` on its own origin. */
  mountPath: '/__cognito',
} as const;
