// The files of a data directory across a compaction that crashed: the snapshot is written through a
// temp file (shared/node/durable-file.ts) that a crash leaves behind; the next start removes it and
// nothing else.

import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCognito } from '../../../local-cognito/index.ts';
import { ok, PASSWORD, removeTempDirs, tempDataDir, uniqueEmail } from './pool-kit.ts';

afterAll(removeTempDirs);

describe('data directory files', () => {
  it('a snapshot temp file left by a crashed compaction is removed at the next start; the data and other files stay', async () => {
    const dir = await tempDataDir('journal-files');
    const email = uniqueEmail('journal-files');
    let pool = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      await ok(pool.url, 'SignUp', { ClientId: pool.clientId, Username: email, Password: PASSWORD });
      await pool.pool.services.store.compact();
    } finally {
      await pool.close();
    }
    const stale = '.snapshot.json.4242.0123456789ab.tmp';
    await writeFile(join(dir, stale), '{"version":1,"seq":');
    await writeFile(join(dir, 'notes.tmp'), 'not the pool’s');

    pool = await startLocalCognito({ dataDir: dir, quiet: true });
    try {
      const files = await readdir(dir);
      expect(files).not.toContain(stale);
      expect(files).toContain('notes.tmp');
      expect(files).toContain('snapshot.json');
      const listed = await ok(pool.url, 'ListUsers', { UserPoolId: pool.poolId, Filter: `email = "${email}"` });
      expect(listed.Users).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
