import { parseArgs } from 'node:util';
import { REGION_PATTERN } from '../shared/patterns.ts';
import { startLocalCognito } from './index.ts';

const USAGE = `Usage: npm run cognito:local -- [--port <PORT>] [--data-dir <DIR>] [--host <ADDR>] [--region <REGION>]
                             [--allowed-host <NAME>]... [--allowed-origin <ORIGIN>]... [--rp-id <HOST>] [--quiet]

Runs the embedded Cognito user pool on its own. It speaks the cognito-idp JSON 1.1 API, so any
Cognito client works against it: amazon-cognito-identity-js (endpoint), the AWS SDK v3 (endpoint),
the AWS CLI (--endpoint-url). State is kept in --data-dir (default .local-cognito/).

  --port       TCP port (default 9229; 0 picks a free one)
  --data-dir   state directory (default .local-cognito, or LOCAL_COGNITO_DATA_DIR)
  --host       listen address (default 127.0.0.1; operator actions are only accepted from loopback)
  --region     region for pools created without a SigV4 scope (default us-east-1)
  --allowed-host    a host name to answer besides localhost, 127.0.0.1 and [::1] (repeatable;
                    .example.test allows it and its subdomains); other Host headers are refused
  --allowed-origin  a site whose pages may call the pool's API, e.g. http://mybox.test:5173
                    (repeatable); by default only loopback origins may; the mailbox stays loopback-only
  --rp-id      the passkey relying party ID (the site's host name, e.g. localhost) for pools that set
               none; by default a loopback page's own host (localhost or 127.0.0.1) is used
  --quiet      do not print mail and errors
  -h, --help   show this help
`;

const RP_ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const HOST_NAME = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/i;

/** The origin a browser sends for that site (scheme, host, port), or undefined if it is not one. */
function parseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    const bare = value.replace(/\/$/, '').toLowerCase();
    return /^https?:$/.test(url.protocol) && url.origin === bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The command line as parseArgs reads it (throws on an unknown or malformed option). */
function readArgs() {
  return parseArgs({
    options: {
      port: { type: 'string', default: '9229' },
      'data-dir': { type: 'string', default: process.env.LOCAL_COGNITO_DATA_DIR ?? '.local-cognito' },
      host: { type: 'string', default: '127.0.0.1' },
      region: { type: 'string', default: 'us-east-1' },
      'allowed-host': { type: 'string', multiple: true, default: [] },
      'allowed-origin': { type: 'string', multiple: true, default: [] },
      'rp-id': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof readArgs>;
  try {
    values = readArgs();
  } catch (err) {
    // One line, like the other CLIs: the usage text would bury the mistake.
    const message = (err as Error).message
      .split('\n')[0]!
      .replace(/\. To specify a positional argument.*$/, '')
      .replace(/\.$/, '');
    process.stderr.write(`${message}. Run \`npm run cognito:local -- --help\` for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a number from 0 to 65535, not "${values.port}".\n`);
    return 2;
  }
  if (!REGION_PATTERN.test(values.region)) {
    process.stderr.write(`--region must look like us-east-1, not "${values.region}".\n`);
    return 2;
  }
  const badHost = values['allowed-host'].find((h) => !HOST_NAME.test(h));
  if (badHost !== undefined) {
    process.stderr.write(
      `--allowed-host takes a host name without scheme or port (mybox.test, .example.test), not "${badHost}".\n`,
    );
    return 2;
  }
  const origins = values['allowed-origin'].map((o) => ({ given: o, origin: parseOrigin(o) }));
  const badOrigin = origins.find((o) => o.origin === undefined);
  if (badOrigin) {
    process.stderr.write(
      `--allowed-origin takes an origin such as http://mybox.test:5173, not "${badOrigin.given}".\n`,
    );
    return 2;
  }
  const rpId = values['rp-id'];
  if (rpId !== undefined && !RP_ID.test(rpId)) {
    process.stderr.write(
      `--rp-id takes a host name without scheme or port (localhost, rides.example.com), not "${rpId}".\n`,
    );
    return 2;
  }
  try {
    const running = await startLocalCognito({
      ...(rpId ? { relyingPartyId: rpId } : {}),
      port,
      host: values.host,
      dataDir: values['data-dir'],
      region: values.region,
      quiet: values.quiet,
      allowedHosts: values['allowed-host'],
      allowedOrigins: origins.map((o) => o.origin as string),
    });
    process.stdout.write(
      `local-cognito listening on ${running.url}\n` +
        `  user pool  ${running.poolId}\n  app client ${running.clientId}\n` +
        `  mailbox    ${running.url}mailbox\n  JWKS       ${running.url}${running.poolId}/.well-known/jwks.json\n` +
        `  data       ${values['data-dir']}\n`,
    );
    // Ctrl-C reaches the pool twice (from the terminal's process group and forwarded by npm), so
    // later signals must not interrupt the close that releases the data directory.
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(
      e.code === 'EADDRINUSE' ? `Port ${port} is already in use; pick another with --port.\n` : `${e.message}\n`,
    );
    return 1;
  }
}

main().then((code) => {
  if (code >= 0) process.exit(code);
});
