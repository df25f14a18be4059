// Entry point of `npm run provision`; the work is in lib/provision-cli.ts (tested there).
import { defaultDeps } from './lib/cli.ts';
import { main } from './lib/provision-cli.ts';

process.exitCode = await main(process.argv.slice(2), defaultDeps());
