import { resolve } from 'node:path';
import type {
  Connect,
  Logger,
  Plugin,
  PreviewServer,
  ResolvedPreviewOptions,
  ResolvedServerOptions,
  ViteDevServer,
} from 'vite';
import { loadEnv } from 'vite';
import { createLocalCognito, type LocalCognito } from '../local-cognito/index.ts';
import { ENV_KEYS, ENV_PREFIX } from '../shared/cognito-config.ts';
import { LOCAL_POOL } from '../shared/local-pool.ts';
import { isLoopbackUrl } from '../shared/loopback.ts';
import { accessFromVite } from './local-cognito-access.ts';

/**
 * Mounts the local user pool inside `vite` and `vite preview` at `/__cognito/`, so the site and
 * the pool share one origin (no CORS) and `npm run dev` needs no AWS account. It stays out of the
 * way when VITE_COGNITO_* point at a real pool.
 */
const MOUNT = LOCAL_POOL.mountPath;

const pools = new Map<string, Promise<LocalCognito>>();

function poolFor(dataDir: string, logger: Logger, options: LocalCognitoPluginOptions): Promise<LocalCognito> {
  let pool = pools.get(dataDir);
  if (!pool) {
    // One pool per data directory for the life of the process: Vite restarts its server on config
    // changes and must not open the journal twice.
    pool = createLocalCognito({
      dataDir,
      log: (line) => logger.info(`[local-cognito] ${line}`, { timestamp: true }),
      ...(options.relyingPartyId ? { relyingPartyId: options.relyingPartyId } : {}),
    });
    pools.set(dataDir, pool);
  }
  return pool;
}

/** `/__cognito/`, or an absolute loopback URL of it (what `npm run provision -- --endpoint …` may write). */
function pointsAtMount(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  if (endpoint.startsWith(MOUNT)) return true;
  return isLoopbackUrl(endpoint) && new URL(endpoint).pathname.startsWith(MOUNT);
}

export interface LocalCognitoPluginOptions {
  /**
   * The passkey relying party ID (the site's host name). Unset: LOCAL_COGNITO_RP_ID, else the host
   * of the page that calls (localhost or 127.0.0.1), see local-cognito/webauthn-config.ts.
   */
  relyingPartyId?: string;
}

export function localCognito(options: LocalCognitoPluginOptions = {}): Plugin {
  const settings: LocalCognitoPluginOptions = {
    ...((options.relyingPartyId ?? process.env.LOCAL_COGNITO_RP_ID)
      ? { relyingPartyId: options.relyingPartyId ?? process.env.LOCAL_COGNITO_RP_ID }
      : {}),
  };
  let enabled = true;
  let dataDir = '';

  async function mount(
    server: ViteDevServer | PreviewServer,
    serving: ResolvedServerOptions | ResolvedPreviewOptions,
  ): Promise<void> {
    if (!enabled) return;
    const pool = await poolFor(dataDir, server.config.logger, settings);
    const access = accessFromVite(serving);
    const middleware: Connect.NextHandleFunction = (req, res) => pool.handle(req, res, MOUNT, access);
    server.middlewares.use(MOUNT, middleware);
    const printUrls = server.printUrls.bind(server);
    server.printUrls = () => {
      printUrls();
      const base = (server.resolvedUrls?.local[0] ?? '/').replace(/\/$/, '');
      server.config.logger.info(`  ➜  Mailbox: ${base}${MOUNT}/mailbox   (local user pool, data in ${dataDir})`);
    };
  }

  return {
    name: 'local-cognito',
    configResolved(config) {
      const env = loadEnv(config.mode, config.envDir, ENV_PREFIX);
      enabled = !env[ENV_KEYS.poolId] || pointsAtMount(env[ENV_KEYS.endpoint]);
      dataDir = resolve(config.root, process.env.LOCAL_COGNITO_DATA_DIR ?? '.local-cognito');
    },
    configureServer: (server) => mount(server, server.config.server),
    configurePreviewServer: (server) => mount(server, server.config.preview),
  };
}
