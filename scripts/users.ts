// Entry point of `npm run users`; the work is in lib/users-cli.ts (tested there).
import { defaultDeps } from './lib/cli.ts';
import { main } from './lib/users-cli.ts';

process.exitCode = await main(process.argv.slice(2), defaultDeps());
